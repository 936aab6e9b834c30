package dev.descent.optim.batch;

/**
 * {@code traingdm}: batch gradient descent with momentum in MATLAB's averaged form, every step
 * accepted; the step starts at {@code -lr g(w0)}:
 * <pre>
 * dw = mc dw - (1 - mc) lr g
 * w  = w + dw
 * </pre>
 * Unlike the stochastic {@code sgdm} (v = mu v - lr g), the new gradient enters with weight
 * (1 - mc), so the steady-state step is lr g rather than lr g / (1 - mu).
 */
public final class GradientDescentMomentum extends BatchFunction {
    /** MATLAB's {@code trainParam.lr}. */
    public static final double DEFAULT_LEARN_RATE = 0.01;
    /** MATLAB's {@code trainParam.mc}. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    private final double learnRate;
    private final double momentum;
    private double[] dw;

    /**
     * @param learnRate {@code lr}, &gt; 0
     * @param momentum {@code mc}, in [0, 1]
     */
    public GradientDescentMomentum(double learnRate, double momentum) {
        super("traingdm");
        requirePositive(learnRate, "lr");
        requireFraction(momentum, "mc");
        this.learnRate = learnRate;
        this.momentum = momentum;
    }

    /** MATLAB's defaults: lr 0.01, mc 0.9. */
    public GradientDescentMomentum() {
        this(DEFAULT_LEARN_RATE, DEFAULT_MOMENTUM);
    }

    @Override
    protected void reset() {
        dw = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            dw[i] = -learnRate * gradient[i];
        }
    }

    @Override
    protected void step() {
        for (int i = 0; i < w.length; i++) {
            dw[i] = momentum * dw[i] - (1 - momentum) * learnRate * gradient[i];
            w[i] += dw[i];
        }
        performance = objective.evaluate(w, gradient);
        accepted = true;
    }
}
