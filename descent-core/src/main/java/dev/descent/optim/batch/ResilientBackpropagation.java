package dev.descent.optim.batch;

import java.util.Arrays;

/**
 * {@code trainrp}: resilient backpropagation (Rprop without weight backtracking), one step
 * size per parameter that only the gradient's sign drives:
 * <pre>
 * d_i = d_i delt_inc  if g_i gOld_i &gt; 0;  d_i delt_dec  if &lt; 0;  unchanged if 0
 * d_i = min(d_i, deltamax);   w_i = w_i - d_i sign(g_i)
 * </pre>
 * The steps start at {@code delta0}, and, as in MATLAB, the first iteration compares the
 * gradient with itself, so its steps are {@code delta0 delt_inc}. Riedmiller and Braun (1993),
 * "A direct adaptive method for faster backpropagation learning: the RPROP algorithm".
 */
public final class ResilientBackpropagation extends BatchFunction {
    public static final double DEFAULT_DELTA_INCREASE = 1.2;
    public static final double DEFAULT_DELTA_DECREASE = 0.5;
    public static final double DEFAULT_INITIAL_DELTA = 0.07;
    public static final double DEFAULT_MAX_DELTA = 50;

    private final double increase;
    private final double decrease;
    private final double initialDelta;
    private final double maxDelta;
    private double[] delta;
    private double[] previousGradient;

    /**
     * @param increase {@code delt_inc}, &gt;= 1
     * @param decrease {@code delt_dec}, in (0, 1]
     * @param initialDelta {@code delta0}, &gt; 0
     * @param maxDelta {@code deltamax}, &gt; 0
     */
    public ResilientBackpropagation(double increase, double decrease, double initialDelta,
            double maxDelta) {
        super("trainrp");
        if (!(increase >= 1) || Double.isInfinite(increase)) {
            throw new IllegalArgumentException("delt_inc must be finite and at least 1, got "
                    + increase);
        }
        if (!(decrease > 0 && decrease <= 1)) {
            throw new IllegalArgumentException("delt_dec must be in (0, 1], got " + decrease);
        }
        requirePositive(initialDelta, "delta0");
        requirePositive(maxDelta, "deltamax");
        this.increase = increase;
        this.decrease = decrease;
        this.initialDelta = initialDelta;
        this.maxDelta = maxDelta;
    }

    /** MATLAB's defaults: delt_inc 1.2, delt_dec 0.5, delta0 0.07, deltamax 50. */
    public ResilientBackpropagation() {
        this(DEFAULT_DELTA_INCREASE, DEFAULT_DELTA_DECREASE, DEFAULT_INITIAL_DELTA,
                DEFAULT_MAX_DELTA);
    }

    @Override
    protected void reset() {
        delta = new double[w.length];
        Arrays.fill(delta, initialDelta);
        previousGradient = gradient.clone();
    }

    @Override
    protected void step() {
        for (int i = 0; i < w.length; i++) {
            double agreement = gradient[i] * previousGradient[i];
            if (agreement > 0) {
                delta[i] *= increase;
            } else if (agreement < 0) {
                delta[i] *= decrease;
            }
            delta[i] = Math.min(delta[i], maxDelta);
            w[i] -= delta[i] * Math.signum(gradient[i]);
        }
        System.arraycopy(gradient, 0, previousGradient, 0, w.length);
        performance = objective.evaluate(w, gradient);
        accepted = true;
    }
}
