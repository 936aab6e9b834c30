package dev.descent.eval;

import java.util.List;
import java.util.Objects;

/**
 * Counts of target class against predicted class, as MATLAB's {@code confusionmat}: entry
 * {@code count(t, p)} is the number of observations of target class {@code t} predicted as
 * class {@code p}. Classes are indices into {@link #classes()}.
 *
 * <p>Precision and recall of a class with no predictions or no targets are 0, never NaN; {@link
 * #predictedCount(int)} and {@link #targetCount(int)} tell such classes apart. Immutable.
 */
public final class ConfusionMatrix {
    private final int[][] counts;
    private final List<String> classes;
    private final int total;

    private ConfusionMatrix(int[][] counts, List<String> classes) {
        this.counts = counts;
        this.classes = classes;
        int sum = 0;
        for (int[] row : counts) {
            for (int count : row) {
                sum += count;
            }
        }
        this.total = sum;
    }

    /**
     * Counts the pairs {@code (targets[i], predicted[i])}.
     *
     * @param targets true class index of each observation
     * @param predicted predicted class index of each observation
     * @param classes class names; indices are positions in this list
     * @throws IllegalArgumentException if the arrays differ in length, a class list has fewer than
     *     one name, or an index is out of range
     */
    public static ConfusionMatrix of(int[] targets, int[] predicted, List<String> classes) {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(predicted, "predicted");
        List<String> names = List.copyOf(classes);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("classes must name at least one class, got none");
        }
        if (targets.length != predicted.length) {
            throw new IllegalArgumentException("targets and predicted must have the same length, "
                    + "got " + targets.length + " and " + predicted.length);
        }
        int[][] counts = new int[names.size()][names.size()];
        for (int i = 0; i < targets.length; i++) {
            checkClass("targets", i, targets[i], names.size());
            checkClass("predicted", i, predicted[i], names.size());
            counts[targets[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts, names);
    }

    private static void checkClass(String name, int i, int value, int classCount) {
        if (value < 0 || value >= classCount) {
            throw new IllegalArgumentException(name + "[" + i + "] must be a class index in [0, "
                    + classCount + "), got " + value);
        }
    }

    /** Class names; index {@code k} names class {@code k}. */
    public List<String> classes() {
        return classes;
    }

    /** Number of classes K. */
    public int classCount() {
        return classes.size();
    }

    /** Observations of target class {@code target} predicted as {@code predicted}. */
    public int count(int target, int predicted) {
        return counts[target][predicted];
    }

    /** A copy of the counts, indexed {@code [target][predicted]}. */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /** Number of observations. */
    public int total() {
        return total;
    }

    /** Observations predicted as their target class (the diagonal). */
    public int correct() {
        int sum = 0;
        for (int k = 0; k < counts.length; k++) {
            sum += counts[k][k];
        }
        return sum;
    }

    /** Observations whose target is class {@code k} (row sum). */
    public int targetCount(int k) {
        int sum = 0;
        for (int count : counts[k]) {
            sum += count;
        }
        return sum;
    }

    /** Observations predicted as class {@code k} (column sum). */
    public int predictedCount(int k) {
        int sum = 0;
        for (int[] row : counts) {
            sum += row[k];
        }
        return sum;
    }

    /**
     * Fraction of observations predicted correctly, in [0, 1].
     *
     * @throws IllegalStateException if there are no observations ("empty test set")
     */
    public double accuracy() {
        if (total == 0) {
            throw new IllegalStateException("empty test set");
        }
        return (double) correct() / total;
    }

    /**
     * Fraction of the observations predicted as class {@code k} that are of class {@code k}; 0 when
     * nothing was predicted as {@code k}.
     */
    public double precision(int k) {
        int predictedCount = predictedCount(k);
        return predictedCount == 0 ? 0.0 : (double) counts[k][k] / predictedCount;
    }

    /**
     * Fraction of the observations of class {@code k} predicted as {@code k}; 0 when class
     * {@code k} has no observations.
     */
    public double recall(int k) {
        int targetCount = targetCount(k);
        return targetCount == 0 ? 0.0 : (double) counts[k][k] / targetCount;
    }
}
