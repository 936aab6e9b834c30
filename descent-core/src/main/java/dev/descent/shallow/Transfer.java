package dev.descent.shallow;

import java.util.Locale;

/**
 * The transfer functions of shallow networks, applied to a batch of net inputs with one
 * observation per row (N x S, row-major). Names are MATLAB's.
 */
public enum Transfer {
    /** 2 / (1 + e^(-2n)) - 1, numerically tanh; active input range [-2, 2]. */
    TANSIG("tansig", -2, 2),
    /** 1 / (1 + e^(-n)); active input range [-4, 4]. */
    LOGSIG("logsig", -4, 4),
    /** The identity; no finite active range. */
    PURELIN("purelin", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
    /** exp(n) / sum over the row; no finite active range. */
    SOFTMAX("softmax", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    private final String id;
    private final double activeMin;
    private final double activeMax;

    Transfer(String id, double activeMin, double activeMax) {
        this.id = id;
        this.activeMin = activeMin;
        this.activeMax = activeMax;
    }

    /** MATLAB's name, for example {@code tansig}. */
    public String id() {
        return id;
    }

    /** Lower end of the input range where the function is not saturated. */
    public double activeMin() {
        return activeMin;
    }

    /** Upper end of that range. */
    public double activeMax() {
        return activeMax;
    }

    /** Whether the active range is finite, so Nguyen-Widrow initialisation applies. */
    public boolean hasFiniteActiveRange() {
        return Double.isFinite(activeMin) && Double.isFinite(activeMax);
    }

    /**
     * Writes f(n) into {@code a} for {@code rows} observations of {@code cols} values each.
     *
     * <p>Softmax subtracts each row's maximum before exponentiating. MATLAB does not; the
     * results agree wherever MATLAB's do not overflow, and where they would, this gives the
     * limit instead of MATLAB's sign-based fallback.
     */
    public void apply(double[] n, double[] a, int rows, int cols) {
        int size = rows * cols;
        switch (this) {
            case TANSIG -> {
                for (int i = 0; i < size; i++) {
                    a[i] = Math.tanh(n[i]);
                }
            }
            case LOGSIG -> {
                for (int i = 0; i < size; i++) {
                    double z = n[i];
                    a[i] = z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
                }
            }
            case PURELIN -> System.arraycopy(n, 0, a, 0, size);
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    int base = r * cols;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < cols; j++) {
                        max = Math.max(max, n[base + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < cols; j++) {
                        double e = Math.exp(n[base + j] - max);
                        a[base + j] = e;
                        sum += e;
                    }
                    double scale = sum == 0 || !Double.isFinite(sum) ? 1.0 : 1.0 / sum;
                    for (int j = 0; j < cols; j++) {
                        a[base + j] *= scale;
                    }
                }
            }
            default -> throw new AssertionError(this);
        }
    }

    /**
     * Back-propagates through the function: given the outputs {@code a} and the derivative of
     * the performance with respect to them, {@code da}, writes the derivative with respect to
     * the net inputs into {@code dn} (may be the same array as {@code da}). Softmax uses its full
     * Jacobian, diag(a) - a a', per observation.
     */
    public void backward(double[] a, double[] da, double[] dn, int rows, int cols) {
        int size = rows * cols;
        switch (this) {
            case TANSIG -> {
                for (int i = 0; i < size; i++) {
                    dn[i] = da[i] * (1.0 - a[i] * a[i]);
                }
            }
            case LOGSIG -> {
                for (int i = 0; i < size; i++) {
                    dn[i] = da[i] * a[i] * (1.0 - a[i]);
                }
            }
            case PURELIN -> {
                if (dn != da) {
                    System.arraycopy(da, 0, dn, 0, size);
                }
            }
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    int base = r * cols;
                    double dot = 0;
                    for (int j = 0; j < cols; j++) {
                        dot += a[base + j] * da[base + j];
                    }
                    for (int j = 0; j < cols; j++) {
                        dn[base + j] = a[base + j] * (da[base + j] - dot);
                    }
                }
            }
            default -> throw new AssertionError(this);
        }
    }

    /**
     * The function named {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Transfer parse(String id) {
        for (Transfer t : values()) {
            if (t.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transfer function '" + id
                + "', expected tansig, logsig, purelin or softmax");
    }
}
