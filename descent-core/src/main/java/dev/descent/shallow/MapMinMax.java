package dev.descent.shallow;

/**
 * MATLAB's {@code mapminmax} to [-1, 1]: per feature, y = (x - xmin) * gain - 1 with
 * gain = 2 / (xmax - xmin). A feature whose range is zero or not finite, or whose gain would
 * exceed 1e14, gets gain 1 and xmin -1, so that y = x: never NaN. NaN values are ignored when
 * taking the extremes and stay NaN. Observations are rows (row-major). Immutable.
 */
public final class MapMinMax implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final double MAX_GAIN = 1e14;

    private final double[] xmin;
    private final double[] gain;

    private MapMinMax(double[] xmin, double[] gain) {
        this.xmin = xmin;
        this.gain = gain;
    }

    /** Settings from {@code rows} observations of {@code cols} features. */
    public static MapMinMax fit(double[] x, int rows, int cols) {
        double[] xmin = new double[cols];
        double[] gain = new double[cols];
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
            double g = 2.0 / (max - min);
            if (!(max > min) || !Double.isFinite(max - min) || !Double.isFinite(g)
                    || Math.abs(g) > MAX_GAIN) {
                xmin[j] = -1.0;
                gain[j] = 1.0;
            } else {
                xmin[j] = min;
                gain[j] = g;
            }
        }
        return new MapMinMax(xmin, gain);
    }

    /** Rebuilds settings from {@link #xmin()} and {@link #gain()}. */
    public static MapMinMax of(double[] xmin, double[] gain) {
        if (xmin.length != gain.length) {
            throw new IllegalArgumentException("xmin and gain must have the same length, got "
                    + xmin.length + " and " + gain.length);
        }
        return new MapMinMax(xmin.clone(), gain.clone());
    }

    /** Number of features. */
    public int size() {
        return gain.length;
    }

    /** Per-feature offset (MATLAB's xoffset). */
    public double[] xmin() {
        return xmin.clone();
    }

    /** Per-feature gain. */
    public double[] gain() {
        return gain.clone();
    }

    /** Gain of feature {@code j}. */
    public double gain(int j) {
        return gain[j];
    }

    /** The mapped values of {@code rows} observations. */
    public double[] apply(double[] x, int rows) {
        int cols = gain.length;
        double[] y = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                y[i] = (x[i] - xmin[j]) * gain[j] - 1.0;
            }
        }
        return y;
    }

    /** The inverse mapping, x = (y + 1) / gain + xmin, in place. */
    public void reverseInPlace(double[] y, int rows) {
        int cols = gain.length;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                y[i] = (y[i] + 1.0) / gain[j] + xmin[j];
            }
        }
    }
}
