package dev.descent.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The contents of an IDX file of unsigned bytes: its dimensions (the first is the number of
 * items) and its values in row-major order. The arrays are shared, not copied.
 *
 * @param dimensions 1 to 4 sizes, each &gt;= 0
 * @param values the bytes, as many as the product of {@code dimensions}; read them unsigned
 */
public record IdxArray(int[] dimensions, byte[] values) {
    /**
     * @throws IllegalArgumentException if the dimensions are not 1 to 4 sizes &gt;= 0 whose
     *     product is the number of values
     */
    public IdxArray {
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(values, "values");
        if (dimensions.length < 1 || dimensions.length > 4) {
            throw new IllegalArgumentException(
                    "dimensions must be 1 to 4 sizes, got " + dimensions.length);
        }
        long product = 1;
        for (int size : dimensions) {
            if (size < 0) {
                throw new IllegalArgumentException("dimensions must be at least 0, got " + size);
            }
            product *= size;
        }
        if (product != values.length) {
            throw new IllegalArgumentException("values must hold " + shape(dimensions) + " = "
                    + product + " bytes, got " + values.length);
        }
    }

    /** Number of items: the first dimension. */
    public int count() {
        return dimensions[0];
    }

    /** Number of values in one item: the product of the other dimensions (1 for a vector). */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dimensions.length; i++) {
            size *= dimensions[i];
        }
        return size;
    }

    /** Value {@code i} (row-major) as an unsigned byte in [0, 255]. */
    public int unsigned(int i) {
        return Byte.toUnsignedInt(values[i]);
    }

    /** The dimensions as text, for example {@code 60000x28x28}. */
    public String shape() {
        return shape(dimensions);
    }

    static String shape(int[] dimensions) {
        return Arrays.stream(dimensions).mapToObj(Integer::toString)
                .collect(Collectors.joining("x"));
    }
}
