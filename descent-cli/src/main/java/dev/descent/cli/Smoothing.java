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
        Running running = new Running();
        double[] smoothed = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            smoothed[i] = running.add(values[i]);
        }
        return smoothed;
    }

    /**
     * The same curve one value at a time, for a run in progress: {@link #add} returns what
     * {@link #smooth} gives for the newest value, keeping only the last {@link #WINDOW} values
     * and the range seen so far.
     */
    public static final class Running {
        private final double[] window = new double[WINDOW];
        private int count;
        private double low = Double.POSITIVE_INFINITY;
        private double high = Double.NEGATIVE_INFINITY;

        /** Adds the next raw value and returns the smoothed value at it. */
        public double add(double value) {
            window[count % WINDOW] = value;
            count++;
            if (Double.isFinite(value)) {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
            double fitted = fitNewest();
            return Double.isNaN(fitted) ? fitted : Math.min(high, Math.max(low, fitted));
        }

        /** The least-squares line through the finite values of the window, at the newest. */
        private double fitNewest() {
            // x counts from the oldest value of the window: the fitted value at the newest
            // point does not depend on where x starts.
            int size = Math.min(count, WINDOW);
            int first = count - size;
            int finite = 0;
            double sumX = 0;
            double sumY = 0;
            int newest = -1;
            for (int x = 0; x < size; x++) {
                double y = window[(first + x) % WINDOW];
                if (Double.isFinite(y)) {
                    finite++;
                    sumX += x;
                    sumY += y;
                    newest = x;
                }
            }
            if (finite == 0) {
                return Double.NaN;
            }
            double meanX = sumX / finite;
            double meanY = sumY / finite;
            double sxy = 0;
            double sxx = 0;
            for (int x = 0; x < size; x++) {
                double y = window[(first + x) % WINDOW];
                if (Double.isFinite(y)) {
                    sxy += (x - meanX) * (y - meanY);
                    sxx += (x - meanX) * (x - meanX);
                }
            }
            double slope = sxx == 0 ? 0 : sxy / sxx;
            return meanY + slope * (newest - meanX);
        }
    }
}
