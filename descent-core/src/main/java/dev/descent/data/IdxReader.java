package dev.descent.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the MNIST format), raw or gzip-compressed.
 *
 * <p>The header is a magic number {@code 00 00 08 D} (unsigned byte data, D = 1 to 4
 * dimensions) and D big-endian sizes. Gzip input is recognised by its first bytes (1F 8B), not
 * by the file name. Declared sizes are checked before any array is allocated: against the file
 * length for raw files; gzip streams are read in growing chunks, so a header that claims more
 * data than the stream holds fails cleanly instead of allocating it.
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;
    /** The largest array the JVM reliably allocates. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 20;

    private IdxReader() {}

    /**
     * Reads one IDX file.
     *
     * @throws MalformedDataException if the file is not IDX of unsigned bytes or its length
     *     disagrees with its header
     */
    public static IdxArray read(Path file) throws IOException {
        return read(file, "data");
    }

    /**
     * Reads IDX data from {@code in} (raw or gzip); {@code name} identifies it in messages.
     *
     * @throws MalformedDataException as {@link #read(Path)}
     */
    public static IdxArray read(InputStream in, String name) throws IOException {
        return read(in, name, -1, "data");
    }

    /**
     * Reads an images file and a labels file as features scaled by 1/255 (row-major pixels)
     * and class names that are the distinct label values sorted by character code.
     *
     * @param images an IDX file of 2 to 4 dimensions: count, then the size of one image
     * @param labels an IDX file of 1 dimension with one label per image
     * @throws MalformedDataException if a file is malformed or the counts differ
     */
    public static LabeledData readLabeled(Path images, Path labels) throws IOException {
        return readLabeled(images, labels, Integer.MAX_VALUE);
    }

    /**
     * As {@link #readLabeled(Path, Path)}, keeping only the first {@code maxImages} images and
     * their labels (all of them when the files hold fewer); the class list is that of all the
     * labels. Only the kept images are turned into floats, so a subset costs its own memory,
     * not the whole file's.
     *
     * @throws IllegalArgumentException if {@code maxImages < 1}
     */
    public static LabeledData readLabeled(Path images, Path labels, int maxImages)
            throws IOException {
        if (maxImages < 1) {
            throw new IllegalArgumentException("maxImages must be at least 1, got " + maxImages);
        }
        IdxArray pixels = read(images, "pixel");
        IdxArray classes = read(labels, "label");
        return toLabeledData(pixels, images.toString(), classes, labels.toString(), maxImages);
    }

    /** As {@link #readLabeled(Path, Path)} for streams named {@code imagesName}, ... */
    static LabeledData readLabeled(InputStream images, String imagesName, InputStream labels,
            String labelsName) throws IOException {
        IdxArray pixels = read(images, imagesName, -1, "pixel");
        IdxArray classes = read(labels, labelsName, -1, "label");
        return toLabeledData(pixels, imagesName, classes, labelsName);
    }

    static LabeledData toLabeledData(IdxArray images, String imagesName, IdxArray labels,
            String labelsName) throws MalformedDataException {
        return toLabeledData(images, imagesName, labels, labelsName, Integer.MAX_VALUE);
    }

    private static LabeledData toLabeledData(IdxArray images, String imagesName,
            IdxArray labels, String labelsName, int maxImages) throws MalformedDataException {
        int[] dims = images.dimensions();
        if (dims.length < 2) {
            throw new MalformedDataException(imagesName + ": 1 dimension, expected 2 to 4"
                    + " (the image count, then the size of one image)");
        }
        if (labels.dimensions().length != 1) {
            throw new MalformedDataException(labelsName + ": " + labels.dimensions().length
                    + " dimensions, expected 1 (one label per image)");
        }
        if (images.count() != labels.count()) {
            throw new MalformedDataException(imagesName + " holds " + images.count()
                    + " images but " + labelsName + " holds " + labels.count() + " labels");
        }
        int count = Math.min(images.count(), maxImages);
        float[] features = pixels(images, count);
        // The class list comes from every label, so that a subset keeps the file's classes.
        ClassNames names = new ClassNames();
        int[] indices = new int[count];
        for (int i = 0; i < labels.count(); i++) {
            int index = names.add(Integer.toString(labels.unsigned(i)));
            if (i < count) {
                indices[i] = index;
            }
        }
        names.remap(indices);
        List<String> classes = names.sorted();
        int height = dims.length == 3 ? dims[1] : 0;
        int width = dims.length == 3 ? dims[2] : 0;
        return new LabeledData(features, count, images.itemSize(), indices, classes, height,
                width);
    }

    /** The images of an IDX file without labels: one row of pixel / 255 values per image. */
    public record Images(float[] features, int rows, int cols) {}

    /**
     * Reads an IDX images file alone, each pixel as {@link #readLabeled(Path, Path)} reads it,
     * for data to be classified.
     *
     * @throws MalformedDataException if the file is malformed or has under 2 dimensions
     */
    public static Images readImages(Path images) throws IOException {
        IdxArray pixels = read(images, "pixel");
        if (pixels.dimensions().length < 2) {
            throw new MalformedDataException(images + ": 1 dimension, expected 2 to 4"
                    + " (the image count, then the size of one image)");
        }
        return new Images(pixels(pixels, pixels.count()), pixels.count(), pixels.itemSize());
    }

    /** The first {@code count} images as floats in [0, 1]: each unsigned byte over 255. */
    private static float[] pixels(IdxArray images, int count) {
        float[] features = new float[Math.multiplyExact(count, images.itemSize())];
        for (int i = 0; i < features.length; i++) {
            features[i] = images.unsigned(i) / 255f;
        }
        return features;
    }

    private static IdxArray read(Path file, String noun) throws IOException {
        long length = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), length, noun);
        }
    }

    /** Reads raw or gzip IDX; {@code rawLength} is the byte count of raw input, or -1. */
    private static IdxArray read(InputStream in, String name, long rawLength, String noun)
            throws IOException {
        InputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first != 0x1f || second != 0x8b) {
            return parse(buffered, name, rawLength, noun);
        }
        try {
            return parse(new GZIPInputStream(buffered, 1 << 16), name, -1, noun);
        } catch (ZipException | EOFException e) {
            throw new MalformedDataException(name + ": corrupt gzip data (" + e.getMessage()
                    + ")", e);
        }
    }

    private static IdxArray parse(InputStream in, String name, long rawLength, String noun)
            throws IOException {
        byte[] magic = readHeader(in, 4, name, "4-byte magic number");
        int magicValue = ((magic[0] & 0xff) << 24) | ((magic[1] & 0xff) << 16)
                | ((magic[2] & 0xff) << 8) | (magic[3] & 0xff);
        int type = magic[2] & 0xff;
        int rank = magic[3] & 0xff;
        if (magic[0] != 0 || magic[1] != 0) {
            throw new MalformedDataException(String.format("%s: magic number 0x%08X, expected"
                    + " 0x0000080D (unsigned bytes, D = 1 to 4 dimensions); not an IDX file,"
                    + " or its bytes are swapped", name, magicValue));
        }
        if (type != UNSIGNED_BYTE) {
            throw new MalformedDataException(String.format("%s: IDX data type 0x%02X, expected"
                    + " 0x08 (unsigned byte); other types are not supported", name, type));
        }
        if (rank < 1 || rank > 4) {
            throw new MalformedDataException(
                    name + ": " + rank + " dimensions in the IDX header, expected 1 to 4");
        }
        int headerLength = 4 + 4 * rank;
        int[] dimensions = readDimensions(in, rank, name, headerLength);
        String shape = IdxArray.shape(dimensions);
        long expected = checkedProduct(dimensions, name, shape);
        if (rawLength >= 0 && rawLength - headerLength != expected) {
            throw sizeMismatch(name, expected, noun, shape, rawLength - headerLength);
        }
        byte[] values = readValues(in, (int) expected, rawLength >= 0, name, noun, shape);
        if (in.read() != -1) {
            throw new MalformedDataException(String.format("%s: expected %d %s bytes, found more;"
                    + " the file has trailing data (the header declares %s)", name, expected,
                    noun, shape));
        }
        return new IdxArray(dimensions, values);
    }

    private static int[] readDimensions(InputStream in, int rank, String name, int headerLength)
            throws IOException {
        byte[] bytes = readHeader(in, 4 * rank, name, headerLength + "-byte IDX header");
        int[] dimensions = new int[rank];
        for (int d = 0; d < rank; d++) {
            int at = 4 * d;
            dimensions[d] = ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16)
                    | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
            if (dimensions[d] < 0) {
                throw new MalformedDataException(name + ": dimension " + (d + 1) + " is "
                        + Integer.toUnsignedString(dimensions[d]) + ", more than 2^31 - 1");
            }
        }
        return dimensions;
    }

    private static long checkedProduct(int[] dimensions, String name, String shape)
            throws MalformedDataException {
        long product = 1;
        for (int size : dimensions) {
            product *= size;
            if (product > MAX_VALUES) {
                throw new MalformedDataException(name + ": dimensions " + shape + " hold more"
                        + " than " + MAX_VALUES + " values, too many for one array");
            }
        }
        return product;
    }

    private static byte[] readHeader(InputStream in, int length, String name, String what)
            throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new MalformedDataException(name + ": the file ends inside the " + what);
        }
        return bytes;
    }

    /** Reads {@code expected} bytes; without a known length, grows the array as data comes. */
    private static byte[] readValues(InputStream in, int expected, boolean lengthKnown,
            String name, String noun, String shape) throws IOException {
        byte[] values = new byte[lengthKnown ? expected : Math.min(expected, CHUNK)];
        int filled = 0;
        try {
            while (filled < expected) {
                if (filled == values.length) {
                    int grown = (int) Math.min(expected, 2L * values.length);
                    values = Arrays.copyOf(values, grown);
                }
                int n = in.read(values, filled, values.length - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
        } catch (EOFException e) {
            throw sizeMismatch(name, expected, noun, shape, filled);
        }
        if (filled < expected) {
            throw sizeMismatch(name, expected, noun, shape, filled);
        }
        return values;
    }

    private static MalformedDataException sizeMismatch(String name, long expected, String noun,
            String shape, long found) {
        String problem = found < expected ? "the file is truncated" : "the file has trailing data";
        return new MalformedDataException(String.format("%s: expected %d %s bytes, found %d; %s"
                + " (the header declares %s)", name, expected, noun, found, problem, shape));
    }
}
