package dev.descent.diagnose;

/**
 * What the curves of one training run show, with the lesson's remedy. Made by {@link
 * Diagnoser#diagnose}.
 *
 * @param fit the fit pattern ({@link FitPattern#UNDETERMINED} for a divergent run)
 * @param rate the learning-rate regime
 * @param explanation one or two sentences with the figures that led to the diagnosis
 * @param remedy what to change, in the lesson's words
 * @param figures the measured levels the thresholds were applied to
 */
public record Diagnosis(FitPattern fit, RateRegime rate, String explanation, String remedy,
        Figures figures) {

    /**
     * The levels of a run's curves. Losses are in the history's units; {@code NaN} where the
     * run had no such value (no validation data, too few validations).
     *
     * @param baseline the loss of a model that knows nothing (see {@link Diagnoser#baseline})
     * @param trainingLevel median training loss of the last tenth of the iterations
     * @param peakTrainingLoss highest finite training loss after the first iteration
     * @param bestValidationLoss lowest validation loss
     * @param bestIteration iteration of {@code bestValidationLoss} (first on ties), 0 if none
     * @param finalValidationLevel median of the last three validation losses
     * @param validationJitter mean distance of the validation losses of the second half from
     *     the midpoint of their neighbours, or {@code NaN} with fewer than 10 validations
     */
    public record Figures(double baseline, double trainingLevel, double peakTrainingLoss,
            double bestValidationLoss, int bestIteration, double finalValidationLevel,
            double validationJitter) {}

    /**
     * A short name for tables: the fit pattern, with the rate regime in parentheses when it is
     * not good; "divergent" alone for a divergent run. For example "underfitting (rate too
     * slow)", "good fit", "divergent".
     */
    public String label() {
        if (rate == RateRegime.DIVERGENT) {
            return "divergent";
        }
        if (rate == RateRegime.TOO_SLOW || rate == RateRegime.OSCILLATING) {
            return fit.label() + " (rate " + rate.label() + ")";
        }
        return fit.label();
    }
}
