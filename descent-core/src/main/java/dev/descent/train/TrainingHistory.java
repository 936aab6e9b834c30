package dev.descent.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a training run recorded: one {@link IterationRecord} per iteration plus the shape
 * of the run and how it ended. Pictures, {@code history.csv}, the diagnosis and the JSON summary
 * are all made from this object.
 */
public final class TrainingHistory {
    private final List<IterationRecord> records = new ArrayList<>();
    private final int iterationsPerEpoch;
    private final int maxEpochs;
    private final boolean classification;
    private final int validationFrequency;
    private final double validationPatience;
    private StopReason stopReason;
    private int bestIteration;
    private double bestValidationLoss = Double.NaN;
    private String outputNetwork = "";

    /**
     * An empty history for a run of {@code maxEpochs} epochs of {@code iterationsPerEpoch}.
     *
     * @param validationFrequency iterations between validations, or 0 without validation data
     * @param validationPatience validations without improvement before stopping (may be
     *     infinite)
     */
    public TrainingHistory(int iterationsPerEpoch, int maxEpochs, boolean classification,
            int validationFrequency, double validationPatience) {
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.maxEpochs = maxEpochs;
        this.classification = classification;
        this.validationFrequency = validationFrequency;
        this.validationPatience = validationPatience;
    }

    /** Appends the record of the iteration that just ended. */
    public void add(IterationRecord record) {
        records.add(record);
    }

    /** The records in iteration order (read-only view). */
    public List<IterationRecord> records() {
        return Collections.unmodifiableList(records);
    }

    /** The last record, or {@code null} before the first iteration. */
    public IterationRecord last() {
        return records.isEmpty() ? null : records.get(records.size() - 1);
    }

    public int iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    public int maxEpochs() {
        return maxEpochs;
    }

    /** {@code iterationsPerEpoch * maxEpochs}: the length of a run that is not stopped early. */
    public int maxIterations() {
        return iterationsPerEpoch * maxEpochs;
    }

    /** Whether accuracies are meaningful (false for regression). */
    public boolean isClassification() {
        return classification;
    }

    /** Iterations between validations; 0 when the run had no validation data. */
    public int validationFrequency() {
        return validationFrequency;
    }

    public double validationPatience() {
        return validationPatience;
    }

    public boolean hasValidation() {
        return validationFrequency > 0;
    }

    /** How the run ended; {@code null} while it runs. */
    public StopReason stopReason() {
        return stopReason;
    }

    public void setStopReason(StopReason stopReason) {
        this.stopReason = stopReason;
    }

    /**
     * The iteration of the best validation check under ObjectiveMetricName (the lowest loss or
     * the highest accuracy, first on ties), or 0 if none ran.
     */
    public int bestIteration() {
        return bestIteration;
    }

    /** The validation loss at {@link #bestIteration()} (NaN if none ran). */
    public double bestValidationLoss() {
        return bestValidationLoss;
    }

    public void setBest(int iteration, double validationLoss) {
        this.bestIteration = iteration;
        this.bestValidationLoss = validationLoss;
    }

    /**
     * Which weights the trainer returned, in words: for example "best validation (iteration
     * 40)", or "last iteration: no validation was performed".
     */
    public String outputNetwork() {
        return outputNetwork;
    }

    public void setOutputNetwork(String description) {
        this.outputNetwork = description;
    }

    /** The records that carry a validation pass. */
    public List<IterationRecord> validationRecords() {
        return records.stream().filter(IterationRecord::hasValidation).toList();
    }

    /** The last validation record, or {@code null} when none ran. */
    public IterationRecord lastValidation() {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).hasValidation()) {
                return records.get(i);
            }
        }
        return null;
    }
}
