package dev.descent.shallow;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers written as MATLAB's {@code num2str} writes a scalar double. */
public final class MatlabFormat {
    private MatlabFormat() {}

    /**
     * {@code num2str(v)}: integers in full; other values with up to 5 significant digits, as C's
     * {@code %.5g} (trailing zeros dropped, exponent form below 1e-4 or from 1e5), for example
     * 0.00030609, 0.31842, 1e-06, 1.2346e+05. NaN and Inf as MATLAB writes them.
     */
    public static String num2str(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(5, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 5) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            return String.format(Locale.ROOT, "%se%s%02d", mantissa.toPlainString(),
                    exponent < 0 ? "-" : "+", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
