package dev.descent.shallow;

import dev.descent.util.Rng;
import java.util.Arrays;

/**
 * The split of N observations into training, validation and test sets (MATLAB's
 * {@code trainInd}, {@code valInd}, {@code testInd}), as 0-based indices sorted ascending.
 *
 * @param trainInd observations used for the gradient
 * @param valInd observations that decide early stopping and the returned network
 * @param testInd observations only reported
 */
public record Division(int[] trainInd, int[] valInd, int[] testInd) {
    /** Validates and copies the index sets. */
    public Division {
        trainInd = trainInd.clone();
        valInd = valInd.clone();
        testInd = testInd.clone();
    }

    /**
     * MATLAB's {@code dividerand}: with the ratios normalised to sum to 1, the validation set
     * gets round(valRatio * n) observations and the test set round(testRatio * n) (half away
     * from zero), training the rest; which observations is decided by one random permutation
     * (training first, then validation, then test), and each set is sorted.
     *
     * @throws IllegalArgumentException if a ratio is negative or all are zero
     */
    public static Division dividerand(int n, double trainRatio, double valRatio,
            double testRatio, Rng rng) {
        int[] sizes = sizes(n, trainRatio, valRatio, testRatio);
        int[] p = rng.permutation(n);
        return new Division(sorted(p, 0, sizes[0]), sorted(p, sizes[0], sizes[1]),
                sorted(p, sizes[0] + sizes[1], sizes[2]));
    }

    /**
     * MATLAB's {@code divideblock}: the same sizes as {@link #dividerand}, in blocks of
     * consecutive observations: training first, then validation, then test.
     */
    public static Division divideblock(int n, double trainRatio, double valRatio,
            double testRatio) {
        int[] sizes = sizes(n, trainRatio, valRatio, testRatio);
        int[] identity = new int[n];
        Arrays.setAll(identity, i -> i);
        return new Division(sorted(identity, 0, sizes[0]), sorted(identity, sizes[0], sizes[1]),
                sorted(identity, sizes[0] + sizes[1], sizes[2]));
    }

    /**
     * MATLAB's {@code divideind}: the given 0-based indices, each set sorted.
     *
     * @throws IllegalArgumentException if an index is outside [0, n) or in two sets
     */
    public static Division divideind(int n, int[] trainInd, int[] valInd, int[] testInd) {
        boolean[] used = new boolean[n];
        int[][] sets = {trainInd, valInd, testInd};
        String[] names = {"training", "validation", "test"};
        for (int s = 0; s < 3; s++) {
            for (int i : sets[s]) {
                if (i < 0 || i >= n) {
                    throw new IllegalArgumentException(names[s] + " index " + i
                            + " is outside [0, " + n + ")");
                }
                if (used[i]) {
                    throw new IllegalArgumentException(
                            "index " + i + " is in more than one set (or twice in one)");
                }
                used[i] = true;
            }
        }
        return new Division(sorted(trainInd, 0, trainInd.length),
                sorted(valInd, 0, valInd.length), sorted(testInd, 0, testInd.length));
    }

    /** Sizes {train, val, test} of the ratio divisions. */
    static int[] sizes(int n, double trainRatio, double valRatio, double testRatio) {
        if (!(trainRatio >= 0) || !(valRatio >= 0) || !(testRatio >= 0)) {
            throw new IllegalArgumentException("division ratios must be at least 0, got "
                    + trainRatio + ", " + valRatio + ", " + testRatio);
        }
        double total = trainRatio + valRatio + testRatio;
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("division ratios must add up to more than 0, got "
                    + trainRatio + ", " + valRatio + ", " + testRatio);
        }
        int val = (int) roundHalfAway(valRatio / total * n);
        int test = (int) roundHalfAway(testRatio / total * n);
        return new int[] {n - val - test, val, test};
    }

    private static double roundHalfAway(double v) {
        return Math.signum(v) * Math.floor(Math.abs(v) + 0.5);
    }

    private static int[] sorted(int[] source, int from, int count) {
        int[] out = Arrays.copyOfRange(source, from, from + count);
        Arrays.sort(out);
        return out;
    }

    /** This division with the validation set merged into training (when max_fail is 0). */
    public Division mergeValidationIntoTraining() {
        int[] merged = new int[trainInd.length + valInd.length];
        System.arraycopy(trainInd, 0, merged, 0, trainInd.length);
        System.arraycopy(valInd, 0, merged, trainInd.length, valInd.length);
        Arrays.sort(merged);
        return new Division(merged, new int[0], testInd);
    }

    @Override
    public int[] trainInd() {
        return trainInd.clone();
    }

    @Override
    public int[] valInd() {
        return valInd.clone();
    }

    @Override
    public int[] testInd() {
        return testInd.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Division d && Arrays.equals(trainInd, d.trainInd)
                && Arrays.equals(valInd, d.valInd) && Arrays.equals(testInd, d.testInd);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(trainInd) * 31 * 31 + Arrays.hashCode(valInd) * 31
                + Arrays.hashCode(testInd);
    }

    @Override
    public String toString() {
        return "Division[train=" + trainInd.length + ", val=" + valInd.length + ", test="
                + testInd.length + "]";
    }
}
