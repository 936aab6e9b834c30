package dev.descent.optim.batch;

import java.util.Map;

/**
 * {@code traingda}: batch gradient descent with an adaptive rate. Each iteration tries
 * {@code w2 = w - lr g}; then
 * <pre>
 * if E(w2) / E(w) &gt; max_perf_inc:  lr = lr lr_dec, keep w (the step is rejected)
 * else:                            w = w2, and if E(w2) &lt; E(w): lr = lr lr_inc
 * </pre>
 */
public final class AdaptiveGradientDescent extends BatchFunction {
    public static final double DEFAULT_LEARN_RATE = 0.01;
    public static final double DEFAULT_LEARN_RATE_INCREASE = 1.05;
    public static final double DEFAULT_LEARN_RATE_DECREASE = 0.7;
    public static final double DEFAULT_MAX_PERFORMANCE_INCREASE = 1.04;

    private final double initialLearnRate;
    private final double increase;
    private final double decrease;
    private final double maxPerformanceIncrease;
    private double learnRate;
    private double[] trial;
    private double[] trialGradient;

    /**
     * @param learnRate initial {@code lr}, &gt; 0
     * @param increase {@code lr_inc}, &gt; 1 to grow
     * @param decrease {@code lr_dec}, in (0, 1)
     * @param maxPerformanceIncrease {@code max_perf_inc}, the largest accepted ratio
     */
    public AdaptiveGradientDescent(double learnRate, double increase, double decrease,
            double maxPerformanceIncrease) {
        super("traingda");
        requirePositive(learnRate, "lr");
        requirePositive(increase, "lr_inc");
        requirePositive(decrease, "lr_dec");
        requirePositive(maxPerformanceIncrease, "max_perf_inc");
        this.initialLearnRate = learnRate;
        this.increase = increase;
        this.decrease = decrease;
        this.maxPerformanceIncrease = maxPerformanceIncrease;
    }

    /** MATLAB's defaults: lr 0.01, lr_inc 1.05, lr_dec 0.7, max_perf_inc 1.04. */
    public AdaptiveGradientDescent() {
        this(DEFAULT_LEARN_RATE, DEFAULT_LEARN_RATE_INCREASE, DEFAULT_LEARN_RATE_DECREASE,
                DEFAULT_MAX_PERFORMANCE_INCREASE);
    }

    @Override
    protected void reset() {
        learnRate = initialLearnRate;
        trial = new double[w.length];
        trialGradient = new double[w.length];
    }

    @Override
    protected void step() {
        for (int i = 0; i < w.length; i++) {
            trial[i] = w[i] - learnRate * gradient[i];
        }
        double trialPerformance = objective.evaluate(trial, trialGradient);
        if (!(trialPerformance / performance <= maxPerformanceIncrease)) {
            learnRate *= decrease;
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
