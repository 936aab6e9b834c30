package dev.descent.io;

import java.util.Arrays;

/**
 * Input processing that a network expects before its first layer, saved with the model: MATLAB
 * {@code patternnet}'s {@code removeconstantrows} followed by {@code mapminmax}. A model file
 * carries at most one; {@code null} means the network takes the features as they are.
 *
 * <p>Feature {@code j} of the raw input is dropped when {@code keep[j]} is false; kept feature
 * {@code i} (counting kept ones only) maps to {@code y = (x - xmin[i]) * gain + ymin} with
 * {@code gain = (ymax - ymin) / (xmax[i] - xmin[i])}. Where that gain is not finite or exceeds
 * 1e14 in magnitude (constant or non-finite range), MATLAB's rule applies: the feature passes
 * unchanged ({@code y = x}).
 *
 * @param keep per raw input feature, whether it is kept; its length is the raw input width
 * @param xmin per kept feature, the smallest value seen when the settings were made
 * @param xmax per kept feature, the largest value seen
 * @param ymin lower end of the target range (MATLAB -1)
 * @param ymax upper end of the target range (MATLAB 1)
 */
public record Preprocessing(boolean[] keep, double[] xmin, double[] xmax, double ymin,
        double ymax) {
    private static final double MAX_GAIN = 1e14;

    /**
     * @throws IllegalArgumentException if the lengths disagree with the number of kept
     *     features or the target range is not finite with ymin &lt; ymax
     */
    public Preprocessing {
        keep = keep.clone();
        xmin = xmin.clone();
        xmax = xmax.clone();
        int kept = count(keep);
        if (xmin.length != kept || xmax.length != kept) {
            throw new IllegalArgumentException("preprocessing keeps " + kept + " of "
                    + keep.length + " features but has " + xmin.length + " xmin and "
                    + xmax.length + " xmax values");
        }
        if (!(Double.isFinite(ymin) && Double.isFinite(ymax) && ymin < ymax)) {
            throw new IllegalArgumentException("preprocessing range must be finite with ymin <"
                    + " ymax, got [" + ymin + ", " + ymax + "]");
        }
    }

    /** Settings that keep every feature of {@code xmin.length} and map it to [-1, 1]. */
    public static Preprocessing mapMinMax(double[] xmin, double[] xmax) {
        boolean[] all = new boolean[xmin.length];
        Arrays.fill(all, true);
        return new Preprocessing(all, xmin, xmax, -1, 1);
    }

    /** Width of the raw input. */
    public int inputSize() {
        return keep.length;
    }

    /** Width after removing constant features: the network's input width. */
    public int outputSize() {
        return xmin.length;
    }

    @Override
    public boolean[] keep() {
        return keep.clone();
    }

    @Override
    public double[] xmin() {
        return xmin.clone();
    }

    @Override
    public double[] xmax() {
        return xmax.clone();
    }

    /**
     * Applies the settings to {@code rows} raw observations (row-major, {@link #inputSize()}
     * values each).
     *
     * @return {@code rows} x {@link #outputSize()} values, row-major
     * @throws IllegalArgumentException if the length is not {@code rows * inputSize()}
     */
    public double[] apply(double[] raw, int rows) {
        int in = keep.length;
        int out = xmin.length;
        if ((long) rows * in != raw.length) {
            throw new IllegalArgumentException("preprocessing expects " + rows + "x" + in
                    + " values, got " + raw.length);
        }
        double[] gain = new double[out];
        double[] offset = new double[out];
        double[] shift = new double[out];
        for (int i = 0; i < out; i++) {
            double g = (ymax - ymin) / (xmax[i] - xmin[i]);
            boolean usable = Double.isFinite(g) && Math.abs(g) <= MAX_GAIN;
            gain[i] = usable ? g : 1;
            offset[i] = usable ? xmin[i] : 0;
            shift[i] = usable ? ymin : 0;
        }
        double[] result = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            int k = 0;
            for (int j = 0; j < in; j++) {
                if (keep[j]) {
                    result[r * out + k] = (raw[r * in + j] - offset[k]) * gain[k] + shift[k];
                    k++;
                }
            }
        }
        return result;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean flag : flags) {
            if (flag) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Preprocessing p && Arrays.equals(keep, p.keep)
                && Arrays.equals(xmin, p.xmin) && Arrays.equals(xmax, p.xmax)
                && Double.compare(ymin, p.ymin) == 0 && Double.compare(ymax, p.ymax) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(keep) + Arrays.hashCode(xmin))
                + Arrays.hashCode(xmax) + Double.hashCode(ymin) + Double.hashCode(ymax);
    }

    @Override
    public String toString() {
        return "Preprocessing[keeps " + outputSize() + " of " + inputSize() + " features, to ["
                + ymin + ", " + ymax + "]]";
    }
}
