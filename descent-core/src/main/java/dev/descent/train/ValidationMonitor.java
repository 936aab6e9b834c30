package dev.descent.train;

/**
 * Early-stopping bookkeeping of one run (case B11): which validation check is the best under
 * ObjectiveMetricName and how many checks in a row failed to improve on it. Only a strictly
 * better value is an improvement, so ties keep the earlier check and count as failures; a NaN
 * value is never an improvement.
 *
 * {@snippet :
 * ValidationMonitor monitor = new ValidationMonitor(TrainingOptions.ObjectiveMetric.ACCURACY,
 *         Double.POSITIVE_INFINITY);
 * monitor.check(1, 0.9, 0.50);
 * monitor.check(2, 0.8, 0.70);  // true: the new best
 * monitor.check(3, 0.7, 0.60);  // false: bestIteration() stays 2
 * }
 */
final class ValidationMonitor {
    private final TrainingOptions.ObjectiveMetric metric;
    private final double patience;
    private double best;
    private double bestLoss = Double.NaN;
    private int bestIteration;
    private int failures;

    ValidationMonitor(TrainingOptions.ObjectiveMetric metric, double patience) {
        this.metric = metric;
        this.patience = patience;
        this.best = metric.worst();
    }

    /**
     * Records the check after {@code iteration}.
     *
     * @return whether this check is the new best (the caller then keeps the weights)
     */
    boolean check(int iteration, double validationLoss, double validationAccuracy) {
        double value = metric.of(validationLoss, validationAccuracy);
        if (metric.isBetter(value, best)) {
            best = value;
            bestLoss = validationLoss;
            bestIteration = iteration;
            failures = 0;
            return true;
        }
        failures++;
        return false;
    }

    /** Whether ValidationPatience checks in a row did not improve on the best. */
    boolean patienceRanOut() {
        return failures >= patience;
    }

    /** Continues from a checkpoint's state ({@code bestLoss} as the history records it). */
    void restore(double bestValue, double bestLossAtBest, int bestIterationAtBest,
            int failureCount) {
        best = bestValue;
        bestLoss = bestLossAtBest;
        bestIteration = bestIterationAtBest;
        failures = failureCount;
    }

    TrainingOptions.ObjectiveMetric metric() {
        return metric;
    }

    /** The best value of the metric so far ({@code metric().worst()} before any check). */
    double best() {
        return best;
    }

    /** The validation loss at the best check; NaN before any improvement. */
    double bestLoss() {
        return bestLoss;
    }

    /** The iteration of the best check, 0 before any improvement. */
    int bestIteration() {
        return bestIteration;
    }

    /** Checks since the last improvement. */
    int failures() {
        return failures;
    }
}
