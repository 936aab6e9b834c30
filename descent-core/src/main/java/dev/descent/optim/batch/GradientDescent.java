package dev.descent.optim.batch;

/**
 * {@code traingd}: batch steepest descent with a fixed rate, every step accepted:
 * <pre>
 * w = w - lr g
 * </pre>
 */
public final class GradientDescent extends BatchFunction {
    /** MATLAB's {@code trainParam.lr}. */
    public static final double DEFAULT_LEARN_RATE = 0.01;

    private final double learnRate;

    /** @param learnRate the rate {@code lr}, &gt; 0 */
    public GradientDescent(double learnRate) {
        super("traingd");
        requirePositive(learnRate, "lr");
        this.learnRate = learnRate;
    }

    /** MATLAB's default rate 0.01. */
    public GradientDescent() {
        this(DEFAULT_LEARN_RATE);
    }

    @Override
    protected void reset() {}

    @Override
    protected void step() {
        for (int i = 0; i < w.length; i++) {
            w[i] -= learnRate * gradient[i];
        }
        performance = objective.evaluate(w, gradient);
        accepted = true;
    }
}
