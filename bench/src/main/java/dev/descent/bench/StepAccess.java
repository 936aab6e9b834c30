package dev.descent.bench;

/** Public face of {@link TrainingStep} for the JMH benchmarks in the jmh package. */
public final class StepAccess {
    private final TrainingStep step;

    public StepAccess(int hidden, int batch, int rows) {
        step = new TrainingStep(hidden, batch, rows);
    }

    /** One step; returns the loss. */
    public double run() {
        return step.run();
    }
}
