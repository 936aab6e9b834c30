package dev.descent.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Short, exact-looking numbers for traces: 6 significant digits, no trailing zeros. */
final class Numbers {
    private Numbers() {}

    /** {@code value} to 6 significant digits: 0.03125, -0.25, 1.5e-07, 2. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "Inf" : "-Inf";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(6));
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-4 && magnitude < 1e7) {
            return rounded.stripTrailingZeros().toPlainString();
        }
        String text = String.format(Locale.ROOT, "%.5e", value);
        int e = text.indexOf('e');
        String mantissa = text.substring(0, e).replaceAll("\\.?0+$", "");
        return mantissa + text.substring(e);
    }

    /** {@code [a, b, c]}. */
    static String vector(double[] values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(format(values[i]));
        }
        return text.append(']').toString();
    }

    /** A rows x cols row-major matrix as {@code [[a, b], [c, d]]}. */
    static String matrix(double[] values, int rows, int cols) {
        if (rows == 1) {
            return vector(values);
        }
        StringBuilder text = new StringBuilder("[");
        for (int r = 0; r < rows; r++) {
            double[] row = new double[cols];
            System.arraycopy(values, r * cols, row, 0, cols);
            text.append(r == 0 ? "" : ", ").append(vector(row));
        }
        return text.append(']').toString();
    }
}
