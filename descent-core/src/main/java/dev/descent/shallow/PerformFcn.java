package dev.descent.shallow;

import java.util.Locale;

/**
 * MATLAB's shallow performance functions, normalised as MATLAB does: the sum of the
 * per-element values divided by the number of elements with a finite target (outputs x
 * observations). For {@link #CROSSENTROPY} with K &gt;= 2 outputs this is 1/K of the usual
 * per-observation cross-entropy. A NaN target means "don't care": the element is skipped and
 * not counted.
 */
public enum PerformFcn {
    /**
     * Cross-entropy with outputs clipped to [eps, 1 - eps] and targets to [0, 1]: -t ln y per
     * element for K &gt;= 2 outputs, -t ln y - (1 - t) ln(1 - y) for a single output.
     */
    CROSSENTROPY("crossentropy", "Cross-Entropy"),
    /** Mean squared error (t - y)^2. */
    MSE("mse", "Mean Squared Error");

    private static final double EPS = Math.ulp(1.0);

    private final String id;
    private final String title;

    PerformFcn(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** MATLAB's name, for example {@code crossentropy}. */
    public String id() {
        return id;
    }

    /** The name plots use, for example {@code Cross-Entropy}. */
    public String title() {
        return title;
    }

    /** Number of elements with a finite target: the normaliser. */
    public static int countFinite(double[] t, int size) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (!Double.isNaN(t[i])) {
                count++;
            }
        }
        return count;
    }

    /**
     * Sum of the per-element values over {@code rows} observations of {@code cols} outputs
     * (not yet divided by the element count); NaN targets are skipped.
     */
    public double sum(double[] y, double[] t, int rows, int cols) {
        double sum = 0;
        for (int i = 0, size = rows * cols; i < size; i++) {
            double target = t[i];
            if (Double.isNaN(target)) {
                continue;
            }
            sum += element(y[i], target, cols);
        }
        return sum;
    }

    private double element(double y, double t, int cols) {
        if (this == MSE) {
            double e = t - y;
            return e * e;
        }
        double yc = Math.min(Math.max(y, EPS), 1.0 - EPS);
        double tc = Math.min(Math.max(t, 0.0), 1.0);
        double ce = tc == 0 ? 0.0 : -tc * Math.log(yc);
        if (cols == 1 && tc != 1) {
            ce -= (1.0 - tc) * Math.log(1.0 - yc);
        }
        return ce;
    }

    /**
     * Writes {@code scale} times the derivative of each element's value with respect to its
     * output into {@code dy}; 0 where the target is NaN.
     */
    public void derivative(double[] y, double[] t, double[] dy, int rows, int cols,
            double scale) {
        for (int i = 0, size = rows * cols; i < size; i++) {
            double target = t[i];
            if (Double.isNaN(target)) {
                dy[i] = 0;
                continue;
            }
            if (this == MSE) {
                dy[i] = -2.0 * (target - y[i]) * scale;
                continue;
            }
            double yc = Math.min(Math.max(y[i], EPS), 1.0 - EPS);
            double tc = Math.min(Math.max(target, 0.0), 1.0);
            double d = -tc / yc;
            if (cols == 1) {
                d += (1.0 - tc) / (1.0 - yc);
            }
            dy[i] = d * scale;
        }
    }

    /**
     * The function named {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static PerformFcn parse(String id) {
        for (PerformFcn f : values()) {
            if (f.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown performance function '" + id + "', expected crossentropy or mse");
    }
}
