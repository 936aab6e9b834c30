package dev.descent.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files of unsigned bytes; a name ending in {@code .gz} gets gzip compression. */
public final class IdxWriter {
    private IdxWriter() {}

    /** Writes {@code array} to {@code file}, gzip-compressed if the name ends in ".gz". */
    public static void write(Path file, IdxArray array) throws IOException {
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            write(out, array);
        }
    }

    /** Writes {@code array} to {@code out} as raw IDX; does not close it. */
    public static void write(OutputStream out, IdxArray array) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(0x00000800 | array.dimensions().length);
        for (int size : array.dimensions()) {
            data.writeInt(size);
        }
        data.write(array.values());
        data.flush();
    }

    /**
     * Writes {@code data} as an images file ({@code N x height x width}, or {@code N x F} for
     * tabular data) and a labels file. Features become round(255 v).
     *
     * @throws IllegalArgumentException if a feature is outside [0, 1] or a class name is not an
     *     integer in [0, 255]
     */
    public static void writeLabeled(Path images, Path labels, LabeledData data)
            throws IOException {
        int[] classValues = classValues(data.classes());
        float[] features = data.features();
        byte[] pixels = new byte[features.length];
        for (int i = 0; i < features.length; i++) {
            float v = features[i];
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(String.format("feature values must be in"
                        + " [0, 1] to be stored as IDX bytes, got %s at row %d, feature %d",
                        v, i / data.cols() + 1, i % data.cols() + 1));
            }
            pixels[i] = (byte) Math.round(v * 255);
        }
        byte[] labelBytes = new byte[data.rows()];
        for (int i = 0; i < labelBytes.length; i++) {
            labelBytes[i] = (byte) classValues[data.labels()[i]];
        }
        int[] shape = data.isImages()
                ? new int[] {data.rows(), data.imageHeight(), data.imageWidth()}
                : new int[] {data.rows(), data.cols()};
        write(images, new IdxArray(shape, pixels));
        write(labels, new IdxArray(new int[] {data.rows()}, labelBytes));
    }

    private static int[] classValues(List<String> classes) {
        int[] values = new int[classes.size()];
        for (int k = 0; k < values.length; k++) {
            String name = classes.get(k);
            int value = -1;
            if (name.matches("0|[1-9][0-9]{0,2}")) {
                value = Integer.parseInt(name);
            }
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("class names must be integers in [0, 255] to"
                        + " be stored as IDX labels, got '" + name + "'");
            }
            values[k] = value;
        }
        return values;
    }
}
