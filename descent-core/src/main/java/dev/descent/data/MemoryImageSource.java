package dev.descent.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Equal-sized 8-bit grey images held in memory, each under a name such as {@code 3/00042.png}.
 * Immutable; the pixel array is shared, not copied.
 */
public final class MemoryImageSource implements ImageSource {
    private final String description;
    private final int height;
    private final int width;
    private final byte[] pixels;
    private final Map<String, Integer> indexOfName;

    /**
     * @param description where the images came from, for messages
     * @param pixels {@code names.size()} images of {@code height x width} bytes, row-major,
     *     read unsigned (0 black, 255 white)
     * @param names distinct item names, in the order of the images in {@code pixels}
     * @throws IllegalArgumentException if the sizes disagree or a name repeats
     */
    public MemoryImageSource(String description, int height, int width, byte[] pixels,
            List<String> names) {
        this.description = Objects.requireNonNull(description, "description");
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        if (height < 1 || width < 1 || (long) height * width * names.size() != pixels.length) {
            throw new IllegalArgumentException("pixels must hold " + names.size() + " images of "
                    + height + "x" + width + ", got " + pixels.length + " bytes");
        }
        this.height = height;
        this.width = width;
        this.indexOfName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (indexOfName.put(names.get(i), i) != null) {
                throw new IllegalArgumentException(
                        "names must be distinct, got '" + names.get(i) + "' twice");
            }
        }
    }

    /** @throws IllegalArgumentException if no image has that name */
    @Override
    public GreyImage read(String name) {
        Integer index = indexOfName.get(name);
        if (index == null) {
            throw new IllegalArgumentException("no image named '" + name + "' in " + description);
        }
        int size = height * width;
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = Byte.toUnsignedInt(pixels[index * size + i]) / 255f;
        }
        return new GreyImage(height, width, values);
    }

    @Override
    public String description() {
        return description;
    }
}
