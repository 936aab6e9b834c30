package dev.descent.shallow;

import java.util.Arrays;

/**
 * MATLAB's {@code removeconstantrows}: drops the features (MATLAB's rows; here columns of an
 * observations-by-features array) whose largest and smallest values are equal. NaN values are
 * ignored when taking the extremes; a feature that is NaN everywhere is dropped too (it carries
 * nothing). The settings come from the data given to {@link #fit} and are reused unchanged for
 * new data. Immutable.
 */
public final class RemoveConstantRows implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int inputSize;
    private final int[] keep;
    private final double[] constants;

    private RemoveConstantRows(int inputSize, int[] keep, double[] constants) {
        this.inputSize = inputSize;
        this.keep = keep;
        this.constants = constants;
    }

    /** Settings from {@code rows} observations of {@code cols} features, row-major. */
    public static RemoveConstantRows fit(double[] x, int rows, int cols) {
        int[] keep = new int[cols];
        double[] constants = new double[cols];
        int kept = 0;
        for (int j = 0; j < cols; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < rows; r++) {
                double v = x[r * cols + j];
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (max > min) {
                keep[kept++] = j;
            }
            constants[j] = min <= max ? min : 0.0;
        }
        return new RemoveConstantRows(cols, Arrays.copyOf(keep, kept), constants);
    }

    /** Rebuilds settings from {@link #inputSize()}, {@link #kept()} and {@link #constants()}. */
    public static RemoveConstantRows of(int inputSize, int[] kept, double[] constants) {
        if (constants.length != inputSize) {
            throw new IllegalArgumentException("constants must hold " + inputSize
                    + " values, got " + constants.length);
        }
        for (int j : kept) {
            if (j < 0 || j >= inputSize) {
                throw new IllegalArgumentException(
                        "kept feature " + j + " is outside [0, " + inputSize + ")");
            }
        }
        return new RemoveConstantRows(inputSize, kept.clone(), constants.clone());
    }

    /** Number of features before removal. */
    public int inputSize() {
        return inputSize;
    }

    /** Number of features after removal. */
    public int outputSize() {
        return keep.length;
    }

    /** 0-based indices of the kept features, ascending. */
    public int[] kept() {
        return keep.clone();
    }

    /** The value of every feature where it is constant (its minimum; 0 if never seen). */
    public double[] constants() {
        return constants.clone();
    }

    /** The kept features of {@code rows} observations. */
    public double[] apply(double[] x, int rows) {
        double[] y = new double[rows * keep.length];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < keep.length; k++) {
                y[r * keep.length + k] = x[r * inputSize + keep[k]];
            }
        }
        return y;
    }

    /** Re-inserts the removed features with their constant values. */
    public double[] reverse(double[] y, int rows) {
        double[] x = new double[rows * inputSize];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(constants, 0, x, r * inputSize, inputSize);
            for (int k = 0; k < keep.length; k++) {
                x[r * inputSize + keep[k]] = y[r * keep.length + k];
            }
        }
        return x;
    }
}
