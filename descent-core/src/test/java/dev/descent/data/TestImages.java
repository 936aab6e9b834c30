package dev.descent.data;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Writes tiny image files for tests; values are given row by row. */
public final class TestImages {
    private TestImages() {}

    /** An 8-bit grey image of {@code height x width} samples. */
    public static BufferedImage grey8(int height, int width, int... samples) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, width, height, 0, samples);
        return image;
    }

    /** A 16-bit grey image. */
    public static BufferedImage grey16(int height, int width, int... samples) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSamples(0, 0, width, height, 0, samples);
        return image;
    }

    /** An 8-bit grey image with every sample {@code value}. */
    public static BufferedImage uniformGrey(int height, int width, int value) {
        int[] samples = new int[height * width];
        Arrays.fill(samples, value);
        return grey8(height, width, samples);
    }

    /** An 8-bit RGB image; {@code rgb} holds r, g, b per pixel. */
    public static BufferedImage rgb(int height, int width, int... rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        setBands(image.getRaster(), 3, rgb);
        return image;
    }

    /** An 8-bit RGBA image (non-premultiplied); {@code rgba} holds r, g, b, a per pixel. */
    public static BufferedImage rgba(int height, int width, int... rgba) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        setBands(image.getRaster(), 4, rgba);
        return image;
    }

    /** A 16-bit RGB image; {@code rgb} holds r, g, b per pixel. */
    public static BufferedImage rgb16(int height, int width, int... rgb) {
        ComponentColorModel model = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {16, 16, 16}, false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        setBands(raster, 3, rgb);
        return new BufferedImage(model, raster, false, null);
    }

    /** A palette image; {@code palette} holds r, g, b per entry, {@code indices} per pixel. */
    public static BufferedImage indexed(int height, int width, int[] palette, int... indices) {
        int size = palette.length / 3;
        byte[] red = new byte[size];
        byte[] green = new byte[size];
        byte[] blue = new byte[size];
        for (int i = 0; i < size; i++) {
            red[i] = (byte) palette[3 * i];
            green[i] = (byte) palette[3 * i + 1];
            blue[i] = (byte) palette[3 * i + 2];
        }
        IndexColorModel model = new IndexColorModel(8, size, red, green, blue);
        BufferedImage image =
                new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, model);
        image.getRaster().setSamples(0, 0, width, height, 0, indices);
        return image;
    }

    /** Writes {@code image} to {@code file} in {@code format} ("png", "bmp", ...). */
    public static Path write(Path file, BufferedImage image, String format) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no " + format + " writer for this image type");
        }
        return file;
    }

    /** Writes {@code image} as PNG. */
    public static Path png(Path file, BufferedImage image) throws IOException {
        return write(file, image, "png");
    }

    private static void setBands(WritableRaster raster, int bands, int[] values) {
        int width = raster.getWidth();
        for (int i = 0; i < values.length / bands; i++) {
            for (int b = 0; b < bands; b++) {
                raster.setSample(i % width, i / width, b, values[bands * i + b]);
            }
        }
    }
}
