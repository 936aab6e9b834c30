package dev.descent.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes images to grey values in [0, 1] and writes 8-bit grey PNGs.
 *
 * <p>The policy (MATLAB {@code rgb2gray}, no gamma conversion): stored sample values are read
 * from the raster, never through {@code getRGB()}, which gamma-converts grey images. Grey samples
 * are divided by their maximum (255 for 8 bits, 65535 for 16). Colour becomes
 * {@code 0.2989 R + 0.5870 G + 0.1140 B} of the stored values, rounded to the stored bit depth as
 * {@code rgb2gray} does for integer images, then scaled the same way. Alpha is ignored; palette
 * images go through their palette (8-bit entries) and then the same formula.
 */
public final class GreyImages {
    // MATLAB rgb2gray's coefficients (first row of the inverse NTSC matrix), printed in its
    // documentation as 0.2989, 0.5870, 0.1140; these sum to 1, so white stays exactly 1.
    private static final double RED = 0.298936021293775;
    private static final double GREEN = 0.587043074451121;
    private static final double BLUE = 0.114020904255103;

    private GreyImages() {}

    /**
     * Largest image decoded, in pixels (8192 x 8192): the size in a file's header is checked
     * before the decoder allocates a raster for it, so a few bytes that declare a huge image
     * fail with a message instead of an OutOfMemoryError.
     */
    public static final long MAX_PIXELS = 1L << 26;

    /**
     * Decodes the image file {@code file} (PNG, JPEG, BMP, GIF or TIFF; the first frame).
     *
     * @throws MalformedDataException if the file cannot be decoded or its colour model is not
     *     supported
     */
    public static GreyImage read(Path file) throws IOException {
        return read(file, file.toString());
    }

    /** ImageIO.read, with the declared size checked before the raster is allocated. */
    private static BufferedImage decode(Path file, String name) throws IOException {
        if (!Files.isReadable(file)) {
            throw new MalformedDataException("cannot decode " + name + ": not a readable file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1 || width * height > MAX_PIXELS) {
                    throw new MalformedDataException("cannot decode " + name + ": it declares "
                            + height + "x" + width + " pixels (height x width), expected at"
                            + " least 1x1 and at most " + MAX_PIXELS + " pixels");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    /** As {@link #read(Path)}, naming the file {@code name} in messages. */
    static GreyImage read(Path file, String name) throws IOException {
        BufferedImage image;
        try {
            image = decode(file, name);
        } catch (MalformedDataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MalformedDataException("cannot decode " + name + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new MalformedDataException("cannot decode " + name + ": not a readable PNG,"
                    + " JPEG, BMP, GIF or TIFF image");
        }
        try {
            return fromImage(image);
        } catch (IllegalArgumentException e) {
            throw new MalformedDataException("cannot use " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Grey values of {@code image} by the policy above.
     *
     * @throws IllegalArgumentException for colour spaces other than grey and RGB, for
     *     floating-point, signed or wider than 16-bit samples, and for palette indices beyond
     *     the palette
     */
    public static GreyImage fromImage(BufferedImage image) {
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        float[] values = model instanceof IndexColorModel palette
                ? fromPalette(raster, palette)
                : fromComponents(raster, model);
        return new GreyImage(raster.getHeight(), raster.getWidth(), values);
    }

    /** MATLAB {@code rgb2gray} of 8-bit values, as a value in [0, 1]. */
    static float rgbToGrey(int red, int green, int blue) {
        return Math.round(RED * red + GREEN * green + BLUE * blue) / 255f;
    }

    private static float[] fromPalette(Raster raster, IndexColorModel palette) {
        float[] greyOfEntry = new float[palette.getMapSize()];
        for (int i = 0; i < greyOfEntry.length; i++) {
            greyOfEntry[i] = rgbToGrey(palette.getRed(i), palette.getGreen(i),
                    palette.getBlue(i));
        }
        int[] indices = raster.getSamples(0, 0, raster.getWidth(), raster.getHeight(), 0,
                (int[]) null);
        float[] values = new float[indices.length];
        for (int i = 0; i < values.length; i++) {
            int entry = indices[i];
            if (entry >= greyOfEntry.length) {
                // PNG and GIF forbid it; ImageIO decodes such files anyway (found by fuzzing).
                throw new IllegalArgumentException("pixel (row " + (i / raster.getWidth() + 1)
                        + ", column " + (i % raster.getWidth() + 1) + ") uses palette entry "
                        + entry + ", but the palette has " + greyOfEntry.length + " entries");
            }
            values[i] = greyOfEntry[entry];
        }
        return values;
    }

    private static float[] fromComponents(Raster raster, ColorModel model) {
        int spaceType = model.getColorSpace().getType();
        int transfer = raster.getTransferType();
        if (transfer == DataBuffer.TYPE_FLOAT || transfer == DataBuffer.TYPE_DOUBLE) {
            throw new IllegalArgumentException("floating-point samples are not supported");
        }
        if (transfer == DataBuffer.TYPE_SHORT) {
            throw new IllegalArgumentException("signed 16-bit samples are not supported");
        }
        for (int bits : model.getComponentSize()) {
            // 0 bits: a BMP or TIFF whose channel mask is empty; its maximum would be 0.
            if (bits < 1 || bits > 16) {
                throw new IllegalArgumentException(bits + "-bit samples are not supported");
            }
        }
        if (spaceType == ColorSpace.TYPE_GRAY) {
            return scaled(samples(raster, 0), maxOf(model, 0));
        }
        if (spaceType == ColorSpace.TYPE_RGB) {
            return fromRgb(raster, model);
        }
        throw new IllegalArgumentException("colour space of type " + spaceType + " with "
                + model.getNumColorComponents() + " channels is not supported; use grey or RGB");
    }

    private static float[] fromRgb(Raster raster, ColorModel model) {
        int[] red = samples(raster, 0);
        int[] green = samples(raster, 1);
        int[] blue = samples(raster, 2);
        double redMax = maxOf(model, 0);
        double greenMax = maxOf(model, 1);
        double blueMax = maxOf(model, 2);
        boolean sameDepth = redMax == greenMax && greenMax == blueMax;
        float[] values = new float[red.length];
        for (int i = 0; i < values.length; i++) {
            double grey = RED * red[i] / redMax + GREEN * green[i] / greenMax
                    + BLUE * blue[i] / blueMax;
            // rgb2gray of an integer image returns integers of the same depth.
            values[i] = (float) (sameDepth ? Math.round(grey * redMax) / redMax : grey);
        }
        return values;
    }

    private static int[] samples(Raster raster, int band) {
        return raster.getSamples(0, 0, raster.getWidth(), raster.getHeight(), band, (int[]) null);
    }

    private static double maxOf(ColorModel model, int component) {
        return (1 << model.getComponentSize(component)) - 1;
    }

    private static float[] scaled(int[] samples, double max) {
        float[] values = new float[samples.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (samples[i] / max);
        }
        return values;
    }

    /**
     * An 8-bit grey image of {@code height * width} values in [0, 1] starting at {@code offset}
     * (for example one row of {@link LabeledData#features()}); each becomes round(255 v).
     *
     * @throws IllegalArgumentException if a value is outside [0, 1] or the array is too short
     */
    public static BufferedImage toImage(float[] values, int offset, int height, int width) {
        if (offset < 0 || (long) offset + (long) height * width > values.length) {
            throw new IllegalArgumentException("values must hold " + height + "x" + width
                    + " values from offset " + offset + ", got " + values.length + " values");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                float v = values[offset + r * width + c];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("pixel values must be in [0, 1], got " + v
                            + " at row " + (r + 1) + ", column " + (c + 1));
                }
                raster.setSample(c, r, 0, Math.round(v * 255));
            }
        }
        return image;
    }

    /**
     * Writes {@code height * width} values in [0, 1] from {@code offset} as an 8-bit grey PNG.
     *
     * @throws IllegalArgumentException as {@link #toImage}
     */
    public static void writePng(Path file, float[] values, int offset, int height, int width)
            throws IOException {
        BufferedImage image = toImage(values, offset, height, width);
        // A hidden temporary name in the same folder, renamed over the target: a reader never
        // sees half a PNG, and a file left by a crash is skipped by folder loading.
        Path target = file.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer available to write " + file);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes {@code image} as an 8-bit grey PNG. */
    public static void writePng(Path file, GreyImage image) throws IOException {
        writePng(file, image.values(), 0, image.height(), image.width());
    }
}
