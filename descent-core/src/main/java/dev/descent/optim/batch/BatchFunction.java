package dev.descent.optim.batch;

import java.util.Map;

/** Shared bookkeeping of the training functions: the point, its value and its gradient. */
abstract class BatchFunction implements TrainingFunction {
    private final String name;
    protected Objective objective;
    protected double[] w;
    protected double[] gradient;
    protected double performance;
    protected boolean accepted;
    protected int iterations;

    BatchFunction(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void start(Objective objective, double[] initial) {
        if (initial.length == 0) {
            throw new IllegalArgumentException(name + ": the parameter vector is empty");
        }
        this.objective = objective;
        this.w = initial.clone();
        this.gradient = new double[w.length];
        this.performance = objective.evaluate(w, gradient);
        this.accepted = true;
        this.iterations = 0;
        reset();
    }

    /** Resets the algorithm's state after {@link #start} evaluated the first point. */
    protected abstract void reset();

    /** One iteration; the point, value and gradient fields are updated in place. */
    protected abstract void step();

    @Override
    public final void iterate() {
        if (objective == null) {
            throw new IllegalStateException(name + ": iterate() called before start()");
        }
        iterations++;
        if (dot(gradient, gradient) == 0) {
            accepted = false;
            return;
        }
        step();
    }

    @Override
    public final double performance() {
        return performance;
    }

    @Override
    public final double gradientNorm() {
        return Math.sqrt(dot(gradient, gradient));
    }

    @Override
    public final double[] parameters() {
        return w.clone();
    }

    @Override
    public final double[] gradient() {
        return gradient.clone();
    }

    @Override
    public final boolean lastStepAccepted() {
        return accepted;
    }

    @Override
    public final int iterations() {
        return iterations;
    }

    @Override
    public Map<String, Double> state() {
        return Map.of();
    }

    @Override
    public double defaultMinGradient() {
        return 1e-5;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static void requirePositive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and greater than 0, got "
                    + value);
        }
    }

    static void requireFraction(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}
