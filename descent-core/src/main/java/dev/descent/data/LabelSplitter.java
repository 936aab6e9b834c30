package dev.descent.data;

import dev.descent.util.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MATLAB {@code splitEachLabel} on class indices: which observations go to which part.
 *
 * <p>Values all below 1 are fractions: part p takes floor(c * value_p) of a label's c
 * observations, and their sum must be at most 1. Values all at least 1 are counts taken from
 * every label; their sum must not exceed the smallest label's count. One more part than values
 * is returned; it gets the rest. Each label's observations are taken in order, or in the order
 * of {@code rng.permutation(c)} (one permutation per label that has observations, in class
 * order); each part lists its indices in ascending order.
 */
final class LabelSplitter {
    /** Tolerance for decimal fractions such as 0.29 * 100 = 28.999999999999996. */
    private static final double SLACK = 1e-9;

    /** Indices of each part, and warnings such as "label C has no files in part 1". */
    record Result(int[][] parts, List<String> warnings) {}

    private LabelSplitter() {}

    /**
     * @param labels class index of each observation
     * @param classes the class names
     * @param rng random order within each label, or null for the given order
     * @param values fractions or counts, as above
     * @param unit what an observation is called in warnings ("files")
     */
    static Result split(int[] labels, List<String> classes, Rng rng, double[] values,
            String unit) {
        int[][] byLabel = indicesByLabel(labels, classes.size());
        int[][] takes = takes(byLabel, classes, values);
        List<List<Integer>> parts = new ArrayList<>();
        for (int p = 0; p <= values.length; p++) {
            parts.add(new ArrayList<>());
        }
        for (int k = 0; k < byLabel.length; k++) {
            int[] members = byLabel[k];
            int[] order = rng == null || members.length == 0
                    ? null
                    : rng.permutation(members.length);
            int next = 0;
            for (int p = 0; p <= values.length; p++) {
                int rest = members.length - next;
                int take = p < values.length ? Math.min(takes[k][p], rest) : rest;
                for (int t = 0; t < take; t++, next++) {
                    parts.get(p).add(members[order == null ? next : order[next]]);
                }
            }
        }
        int[][] result = new int[parts.size()][];
        for (int p = 0; p < result.length; p++) {
            result[p] = parts.get(p).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return new Result(result, warnings(byLabel, takes, classes, unit));
    }

    /** Number of observations of label k taken by part p, for every part but the last. */
    private static int[][] takes(int[][] byLabel, List<String> classes, double[] values) {
        boolean fractions = checkValues(values);
        int[][] takes = new int[byLabel.length][values.length];
        for (int k = 0; k < byLabel.length; k++) {
            for (int p = 0; p < values.length; p++) {
                takes[k][p] = fractions
                        ? (int) Math.floor(byLabel[k].length * values[p] + SLACK)
                        : (int) values[p];
            }
        }
        if (!fractions) {
            checkCounts(byLabel, classes, values);
        }
        return takes;
    }

    /** Validates the values; returns whether they are fractions. */
    private static boolean checkValues(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("split values must be given, got none");
        }
        int fractions = 0;
        double sum = 0;
        for (double value : values) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(
                        "split values must be finite and greater than 0, got " + value);
            }
            if (value < 1) {
                fractions++;
            } else if (value != Math.rint(value)) {
                throw new IllegalArgumentException(
                        "split counts must be whole numbers, got " + value);
            }
            sum += value;
        }
        if (fractions > 0 && fractions < values.length) {
            throw new IllegalArgumentException("split values must be all fractions (< 1) or all"
                    + " counts (at least 1), got " + Arrays.toString(values));
        }
        if (fractions > 0 && sum > 1 + SLACK) {
            throw new IllegalArgumentException(
                    "split fractions must sum to <= 1, got " + sum + " " + Arrays.toString(values));
        }
        return fractions > 0;
    }

    private static void checkCounts(int[][] byLabel, List<String> classes, double[] values) {
        long sum = 0;
        for (double value : values) {
            sum += (long) value;
        }
        int smallest = -1;
        for (int k = 0; k < byLabel.length; k++) {
            int size = byLabel[k].length;
            if (size > 0 && (smallest < 0 || size < byLabel[smallest].length)) {
                smallest = k;
            }
        }
        if (smallest >= 0 && sum > byLabel[smallest].length) {
            int size = byLabel[smallest].length;
            throw new IllegalArgumentException(String.format("split counts must sum to <= %d,"
                    + " the size of the smallest label %s (%d %s), got %d", size,
                    classes.get(smallest), size, size == 1 ? "file" : "files", sum));
        }
    }

    private static int[][] indicesByLabel(int[] labels, int classCount) {
        int[] counts = new int[classCount];
        for (int label : labels) {
            counts[label]++;
        }
        int[][] byLabel = new int[classCount][];
        for (int k = 0; k < classCount; k++) {
            byLabel[k] = new int[counts[k]];
        }
        int[] filled = new int[classCount];
        for (int i = 0; i < labels.length; i++) {
            byLabel[labels[i]][filled[labels[i]]++] = i;
        }
        return byLabel;
    }

    private static List<String> warnings(int[][] byLabel, int[][] takes, List<String> classes,
            String unit) {
        List<String> warnings = new ArrayList<>();
        int partCount = takes.length == 0 ? 0 : takes[0].length + 1;
        for (int p = 0; p < partCount; p++) {
            for (int k = 0; k < byLabel.length; k++) {
                int taken = p < partCount - 1 ? takes[k][p] : byLabel[k].length - sum(takes[k]);
                if (byLabel[k].length > 0 && taken == 0) {
                    warnings.add("label " + classes.get(k) + " has no " + unit + " in part "
                            + (p + 1));
                }
            }
        }
        return List.copyOf(warnings);
    }

    private static int sum(int[] values) {
        return Arrays.stream(values).sum();
    }
}
