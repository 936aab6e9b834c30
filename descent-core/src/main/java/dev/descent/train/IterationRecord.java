package dev.descent.train;

/**
 * What one training iteration reported: one row of the verbose table and of {@code history.csv}.
 *
 * <p>Training loss and accuracy come from the forward pass of the iteration's mini-batch, before
 * the update, with dropout active (as MATLAB reports them). Validation values use the updated
 * weights and are {@code NaN} on iterations without a validation pass. Accuracies are percentages
 * (0 to 100); for regression they are {@code NaN} and the losses are half mean squared errors.
 *
 * @param epoch 1-based epoch
 * @param iteration 1-based iteration, counted over all epochs
 * @param learnRate the base learning rate used by this iteration
 * @param trainingLoss mini-batch loss (data loss only, no L2 term)
 * @param trainingAccuracy mini-batch accuracy in percent
 * @param validationLoss validation loss, or {@code NaN}
 * @param validationAccuracy validation accuracy in percent, or {@code NaN}
 * @param elapsedSeconds seconds since training started
 */
public record IterationRecord(
        int epoch,
        int iteration,
        double learnRate,
        double trainingLoss,
        double trainingAccuracy,
        double validationLoss,
        double validationAccuracy,
        double elapsedSeconds) {

    /** Whether this iteration ran a validation pass. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /**
     * Mini-batch root mean squared error of a regression, {@code sqrt(2 * trainingLoss)} (the
     * loss is half the mean over observations of the squared error summed over responses).
     */
    public double trainingRmse() {
        return Math.sqrt(2 * trainingLoss);
    }

    /** Validation RMSE, {@code sqrt(2 * validationLoss)}, or {@code NaN} without validation. */
    public double validationRmse() {
        return Math.sqrt(2 * validationLoss);
    }
}
