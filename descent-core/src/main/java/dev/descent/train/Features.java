package dev.descent.train;

/** Checks on feature matrices entering training or prediction. */
public final class Features {
    private Features() {}

    /**
     * @throws IllegalArgumentException naming the first non-finite value by 1-based observation
     *     and feature
     */
    public static void requireFinite(float[] values, int rows, int cols, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " must be finite, got " + values[i]
                        + " at observation " + (i / cols + 1) + ", feature " + (i % cols + 1)
                        + " (of " + rows + "x" + cols + ")");
            }
        }
    }
}
