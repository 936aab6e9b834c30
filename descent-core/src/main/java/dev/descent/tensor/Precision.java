package dev.descent.tensor;

/** The floating-point type of a matrix: float32 for deep-learning training, float64 for checks. */
public enum Precision {
    FLOAT32(Float.BYTES),
    FLOAT64(Double.BYTES);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Parses {@code float32}/{@code single} or {@code float64}/{@code double}. */
    public static Precision parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "float32", "single", "float" -> FLOAT32;
            case "float64", "double" -> FLOAT64;
            default -> throw new IllegalArgumentException(
                    "precision must be float32 or float64, got " + text);
        };
    }
}
