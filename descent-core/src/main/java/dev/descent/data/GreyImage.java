package dev.descent.data;

import java.util.Objects;

/**
 * A grey image: {@code height * width} values in [0, 1], row by row. The array is shared, not
 * copied.
 *
 * @param height number of rows
 * @param width number of columns
 * @param values row-major intensities, 0 black and 1 white
 */
public record GreyImage(int height, int width, float[] values) {
    /** @throws IllegalArgumentException if the sizes disagree */
    public GreyImage {
        Objects.requireNonNull(values, "values");
        if (height < 1 || width < 1 || (long) height * width != values.length) {
            throw new IllegalArgumentException("values must hold height*width = " + height + "*"
                    + width + " values, got " + values.length);
        }
    }

    /** The size as {@code HEIGHTxWIDTH}, for example {@code 28x28}. */
    public String size() {
        return height + "x" + width;
    }
}
