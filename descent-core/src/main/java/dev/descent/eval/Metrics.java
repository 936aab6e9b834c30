package dev.descent.eval;

import java.util.Objects;

/** Classification metrics on class-index arrays and score matrices. */
public final class Metrics {
    private Metrics() {}

    /**
     * Fraction of positions where {@code predicted} equals {@code targets}, in [0, 1] (MATLAB
     * {@code mean(YPred == YTest)}).
     *
     * @throws IllegalArgumentException if the arrays differ in length
     * @throws IllegalStateException if they are empty ("empty test set")
     */
    public static double accuracy(int[] targets, int[] predicted) {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(predicted, "predicted");
        if (targets.length != predicted.length) {
            throw new IllegalArgumentException("targets and predicted must have the same length, "
                    + "got " + targets.length + " and " + predicted.length);
        }
        if (targets.length == 0) {
            throw new IllegalStateException("empty test set");
        }
        int correct = 0;
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == predicted[i]) {
                correct++;
            }
        }
        return (double) correct / targets.length;
    }

    /**
     * The column of the largest score in each row of a row-major {@code rows x cols} matrix; the
     * first one on ties (MATLAB {@code max}). NaN scores are never picked unless a whole row is
     * NaN, which gives -1.
     *
     * @throws IllegalArgumentException if {@code scores} does not hold {@code rows * cols} values
     *     or {@code cols < 1}
     */
    public static int[] argmaxRows(float[] scores, int rows, int cols) {
        Objects.requireNonNull(scores, "scores");
        if (cols < 1 || (long) rows * cols != scores.length) {
            throw new IllegalArgumentException("scores must hold rows*cols = " + rows + "*" + cols
                    + " values with cols at least 1, got " + scores.length);
        }
        int[] best = new int[rows];
        for (int r = 0; r < rows; r++) {
            int offset = r * cols;
            int bestColumn = -1;
            for (int c = 0; c < cols; c++) {
                float value = scores[offset + c];
                boolean better = bestColumn < 0 || value > scores[offset + bestColumn];
                if (!Float.isNaN(value) && better) {
                    bestColumn = c;
                }
            }
            best[r] = bestColumn;
        }
        return best;
    }
}
