package dev.descent.optim.batch;

import java.util.Map;

/**
 * {@code traingdx}: batch gradient descent with momentum and an adaptive rate. The step starts
 * at {@code -lr g(w0)}; each iteration:
 * <pre>
 * dw = mc dw - (1 - mc) lr g;  w2 = w + dw
 * if E(w2) / E(w) &gt; max_perf_inc:  lr = lr lr_dec;  dw = -lr g;  keep w (rejected)
 * else:                            w = w2, and if E(w2) &lt; E(w): lr = lr lr_inc
 * </pre>
 * This follows MATLAB's code; its old help text shows a different formula.
 */
public final class AdaptiveMomentumGradientDescent extends BatchFunction {
    public static final double DEFAULT_LEARN_RATE = 0.01;
    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final double DEFAULT_LEARN_RATE_INCREASE = 1.05;
    public static final double DEFAULT_LEARN_RATE_DECREASE = 0.7;
    public static final double DEFAULT_MAX_PERFORMANCE_INCREASE = 1.04;

    private final double initialLearnRate;
    private final double momentum;
    private final double increase;
    private final double decrease;
    private final double maxPerformanceIncrease;
    private double learnRate;
    private double[] dw;
    private double[] trial;
    private double[] trialGradient;

    /**
     * @param learnRate initial {@code lr}, &gt; 0
     * @param momentum {@code mc}, in [0, 1]
     * @param increase {@code lr_inc}
     * @param decrease {@code lr_dec}
     * @param maxPerformanceIncrease {@code max_perf_inc}
     */
    public AdaptiveMomentumGradientDescent(double learnRate, double momentum, double increase,
            double decrease, double maxPerformanceIncrease) {
        super("traingdx");
        requirePositive(learnRate, "lr");
        requireFraction(momentum, "mc");
        requirePositive(increase, "lr_inc");
        requirePositive(decrease, "lr_dec");
        requirePositive(maxPerformanceIncrease, "max_perf_inc");
        this.initialLearnRate = learnRate;
        this.momentum = momentum;
        this.increase = increase;
        this.decrease = decrease;
        this.maxPerformanceIncrease = maxPerformanceIncrease;
    }

    /** MATLAB's defaults: lr 0.01, mc 0.9, lr_inc 1.05, lr_dec 0.7, max_perf_inc 1.04. */
    public AdaptiveMomentumGradientDescent() {
        this(DEFAULT_LEARN_RATE, DEFAULT_MOMENTUM, DEFAULT_LEARN_RATE_INCREASE,
                DEFAULT_LEARN_RATE_DECREASE, DEFAULT_MAX_PERFORMANCE_INCREASE);
    }

    @Override
    protected void reset() {
        learnRate = initialLearnRate;
        dw = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            dw[i] = -learnRate * gradient[i];
        }
        trial = new double[w.length];
        trialGradient = new double[w.length];
    }

    @Override
    protected void step() {
        for (int i = 0; i < w.length; i++) {
            dw[i] = momentum * dw[i] - (1 - momentum) * learnRate * gradient[i];
            trial[i] = w[i] + dw[i];
        }
        double trialPerformance = objective.evaluate(trial, trialGradient);
        if (!(trialPerformance / performance <= maxPerformanceIncrease)) {
            learnRate *= decrease;
            for (int i = 0; i < w.length; i++) {
                dw[i] = -learnRate * gradient[i];
            }
            accepted = false;
            return;
        }
        if (trialPerformance < performance) {
            learnRate *= increase;
        }
        double[] swap = w;
        w = trial;
        trial = swap;
        swap = gradient;
        gradient = trialGradient;
        trialGradient = swap;
        performance = trialPerformance;
        accepted = true;
    }

    /** The current rate. */
    public double learnRate() {
        return learnRate;
    }

    @Override
    public Map<String, Double> state() {
        return Map.of("lr", learnRate);
    }
}
