package dev.descent.diagnose;

import dev.descent.shallow.PerformFcn;

/**
 * The yardstick of a diagnosis: the loss of a model that knows nothing but the training
 * targets' average, in the units of the curves. Every threshold is a fraction of it.
 *
 * @param value the loss, finite and &gt;= 0 (0 only when the targets do not vary)
 * @param meaning what the value is, for the explanation, for example "the loss of predicting
 *     the class frequencies"
 */
public record Baseline(double value, String meaning) {
    /** Checks the value. */
    public Baseline {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException("baseline loss must be finite and at least 0, got "
                    + value);
        }
    }

    /**
     * The cross-entropy (mean over observations) of predicting the class frequencies of
     * {@code counts}: {@code -sum p_k ln p_k}, ln K for K classes of equal size. The yardstick
     * of {@code digits} and {@code train}.
     *
     * @throws IllegalArgumentException if a count is negative or all are 0
     */
    public static Baseline classFrequencies(int[] counts) {
        return new Baseline(Diagnoser.baseline(counts),
                "the loss of predicting the class frequencies");
    }

    /**
     * MATLAB's performance of a network that answers every observation with the mean target of
     * the training observations {@code rows}: for {@code crossentropy} on one-hot targets the
     * class-frequency cross-entropy divided by the K outputs (MATLAB averages over classes x
     * samples), for {@code mse} the mean variance of the targets. Computed with {@code fcn}
     * itself, so NaN targets are skipped as MATLAB skips them. Performance regularisation is
     * not included.
     *
     * @param t targets, row-major, {@code outputs} per observation
     * @throws IllegalArgumentException if {@code rows} has no finite target
     */
    public static Baseline meanTarget(PerformFcn fcn, double[] t, int outputs, int[] rows) {
        double[] mean = new double[outputs];
        int[] count = new int[outputs];
        double[] subset = new double[rows.length * outputs];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < outputs; j++) {
                double target = t[rows[i] * outputs + j];
                subset[i * outputs + j] = target;
                if (!Double.isNaN(target)) {
                    mean[j] += target;
                    count[j]++;
                }
            }
        }
        int finite = PerformFcn.countFinite(subset, subset.length);
        if (finite == 0) {
            throw new IllegalArgumentException("the training targets are all missing (NaN)");
        }
        for (int j = 0; j < outputs; j++) {
            mean[j] = count[j] == 0 ? 0 : mean[j] / count[j];
        }
        double[] y = new double[subset.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(mean, 0, y, i * outputs, outputs);
        }
        double value = fcn.sum(y, subset, rows.length, outputs) / finite;
        String meaning = fcn == PerformFcn.CROSSENTROPY
                ? "the cross-entropy of predicting the class frequencies, averaged over classes"
                        + " x samples as MATLAB"
                : "the " + fcn.id() + " of predicting the mean training target";
        return new Baseline(value, meaning);
    }
}
