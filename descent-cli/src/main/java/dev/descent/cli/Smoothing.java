package dev.descent.cli;

/**
 * The smoothed training curve of MATLAB's training-progress plot. For each iteration i it fits a
 * least-squares line to the last {@code min(15, i)} raw values against their iteration numbers,
 * takes the line's value at the newest of them, and clips it into the range of all raw values
 * seen so far:
 *
 * <pre>
 * beta   = sum((x - mean x)(y - mean y)) / sum((x - mean x)^2)   (0 when all x are equal)
 * smooth = clip(mean y + beta * (x_newest - mean x), min y_1..i, max y_1..i)
 * </pre>
 *
 * Values that are not finite (NaN, infinite) are left out of both the fit and the range; an
 * iteration whose window holds none smooths to NaN. Not an exponential moving average.
 */
public final class Smoothing {
    /** How many of the latest values each fit uses. */
    public static final int WINDOW = 15;

    private Smoothing() {}

    /** The smoothed curve of {@code values} taken at iterations 1, 2, ..., n. */
    public static double[] smooth(double[] values) {
        double[] smoothed = new double[values.length];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                low = Math.min(low, values[i]);
                high = Math.max(high, values[i]);
            }
            double fitted = fitNewest(values, Math.max(0, i - WINDOW + 1), i);
            smoothed[i] = Double.isNaN(fitted) ? fitted : Math.min(high, Math.max(low, fitted));
        }
        return smoothed;
    }

    /** The least-squares line through the finite {@code values[from..to]}, at the newest one. */
    private static double fitNewest(double[] values, int from, int to) {
        int count = 0;
        double sumX = 0;
        double sumY = 0;
        int newest = -1;
        for (int x = from; x <= to; x++) {
            if (Double.isFinite(values[x])) {
                count++;
                sumX += x;
                sumY += values[x];
                newest = x;
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        double meanX = sumX / count;
        double meanY = sumY / count;
        double sxy = 0;
        double sxx = 0;
        for (int x = from; x <= to; x++) {
            if (Double.isFinite(values[x])) {
                sxy += (x - meanX) * (values[x] - meanY);
                sxx += (x - meanX) * (x - meanX);
            }
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return meanY + slope * (newest - meanX);
    }
}
