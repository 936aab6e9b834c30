package dev.descent.cli;

import dev.descent.data.CsvReader;
import dev.descent.data.DataTooLargeException;
import dev.descent.data.IdxReader;
import dev.descent.data.ImageDatastore;
import dev.descent.data.LabeledData;
import dev.descent.data.MalformedDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code --data} of a command: an image folder (labels from folder names), a CSV file
 * (labels from a column) or an IDX images file with its IDX labels file ({@code --labels}).
 */
final class DataLoader {
    private DataLoader() {}

    /**
     * What was read, the name of each observation (file names for image folders), a note to
     * print (or empty), and for CSV the line that says which column held the labels (or empty).
     */
    record Loaded(LabeledData data, List<String> names, String note, String labelsLine) {}

    /**
     * The share of distinct labels among the rows above which an all-numeric default label
     * column is taken for a continuous feature and refused.
     */
    static final double MAX_DISTINCT_SHARE = 0.5;

    /** The extensions of the images an image folder holds (docs/data.md). */
    private static final List<String> IMAGE_EXTENSIONS =
            List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff");

    /**
     * First bytes of PNG, JPEG, GIF and little- and big-endian TIFF files (BMP's "BM" could
     * start a text file: BMP is known by its extension only).
     */
    private static final List<int[]> IMAGE_MAGIC = List.of(new int[] {0x89, 'P', 'N', 'G'},
            new int[] {0xff, 0xd8, 0xff}, new int[] {'G', 'I', 'F', '8'},
            new int[] {'I', 'I', 42, 0}, new int[] {'M', 'M', 0, 42});

    /**
     * Reads {@code data}, the value of {@code --data} with {@code --labels}.
     *
     * @param labels the IDX labels file that goes with an IDX images file, else {@code null}
     * @param labelColumn the CSV label column by name or number from 1, or {@code null} for the
     *     first non-numeric column
     * @throws IllegalArgumentException if the kind of file is unknown, {@code --labels} is
     *     missing for IDX or given for anything else, or {@code --label-column} is given for
     *     anything but CSV
     */
    static Loaded load(Path data, Path labels, String labelColumn) throws IOException {
        return load(data, labels, labelColumn, "--data", "--labels");
    }

    /**
     * As {@link #load(Path, Path, String)}, naming {@code dataOption} and {@code labelsOption}
     * (for example {@code --test-data} and {@code --test-labels}) in its messages.
     */
    static Loaded load(Path data, Path labels, String labelColumn, String dataOption,
            String labelsOption) throws IOException {
        if (!Files.exists(data)) {
            throw new IllegalArgumentException(dataOption + " " + data
                    + ": no such file or folder");
        }
        refuseSingleImage(data, dataOption);
        String name = data.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean folder = Files.isDirectory(data);
        boolean csv = !folder && name.endsWith(".csv");
        String kind = folder ? "an image folder" : "a CSV file";
        if (labels != null && (folder || csv)) {
            throw new IllegalArgumentException(labelsOption + " applies to IDX image files "
                    + "only, but " + dataOption + " " + data + " is " + kind + " (its labels are "
                    + (folder ? "its sub-folder names" : "a column; see --label-column") + ")");
        }
        if (labelColumn != null && !csv) {
            throw new IllegalArgumentException("--label-column applies to CSV files only, but "
                    + dataOption + " " + data + " is " + (folder ? kind : "read as IDX images")
                    + " (" + (folder ? "its labels are its sub-folder names"
                            : "its labels come from " + labelsOption) + ")");
        }
        if (folder) {
            ImageDatastore images = ImageDatastore.fromFolder(data);
            try {
                return new Loaded(images.readAll(), images.files(), images.note(), "");
            } catch (DataTooLargeException e) {
                throw tooLarge(dataOption, data, e);
            }
        }
        if (csv) {
            return utf8(dataOption, data, () -> readCsv(data, labelColumn));
        }
        if (labels == null) {
            throw new IllegalArgumentException(dataOption + " " + data + ": not a folder or a "
                    + ".csv file, so it is read as IDX images, which need " + labelsOption
                    + " FILE (the IDX labels file)");
        }
        return new Loaded(IdxReader.readLabeled(data, labels), null, "", "");
    }

    /** The error for the image folder {@code data} of {@code option}, too large to read. */
    static IllegalArgumentException tooLarge(String option, Path data, DataTooLargeException e) {
        return new IllegalArgumentException(option + " " + data + ": " + e.getMessage(), e);
    }

    /** A read of a text file. */
    interface TextRead<T> {
        T read() throws IOException;
    }

    /**
     * What {@code read} of {@code file} returns; if the file is not UTF-8 text, the message
     * ({@code latin.csv line 3: not UTF-8 text ...}) names {@code option} and the path as given:
     * {@code --data data/latin.csv: line 3: not UTF-8 text ...}.
     *
     * @throws IllegalArgumentException naming {@code option} if the file is not UTF-8 text
     */
    static <T> T utf8(String option, Path file, TextRead<T> read) throws IOException {
        try {
            return read.read();
        } catch (MalformedDataException e) {
            if (!(e.getCause() instanceof CharacterCodingException)) {
                throw e;
            }
            throw named(option, file, e);
        }
    }

    /**
     * {@code error} of {@code file} as bad input naming {@code option} and the path as given:
     * {@code latin.csv line 3: ...} becomes {@code --data data/latin.csv: line 3: ...}.
     */
    static IllegalArgumentException named(String option, Path file,
            MalformedDataException error) {
        String message = error.getMessage();
        String name = String.valueOf(file.getFileName());
        String rest = message.startsWith(name)
                ? message.substring(name.length()).replaceFirst("^:? ", "") : message;
        return new IllegalArgumentException(option + " " + file + ": " + rest, error);
    }

    /**
     * Refuses {@code data}, the value of {@code option}, when it is one image file (by its
     * extension, or by the first bytes of a PNG, JPEG, GIF or TIFF file): images are read from
     * folders only.
     *
     * @throws IllegalArgumentException naming {@code option} and saying what to pass instead
     */
    static void refuseSingleImage(Path data, String option) throws IOException {
        if (!Files.isRegularFile(data) || !isImage(data)) {
            return;
        }
        String name = data.getFileName().toString();
        boolean known = IMAGE_EXTENSIONS.stream()
                .anyMatch(name.toLowerCase(Locale.ROOT)::endsWith);
        throw new IllegalArgumentException(option + " " + data + ": a single image file, and "
                + "images are read from folders only; put it in a folder, in a sub-folder named "
                + "after its label (DIR/LABEL/" + name + "), and pass " + option + " DIR"
                + (known ? "" : " (name it .png, .jpg, .gif, .bmp or .tif: folders hold images "
                        + "by extension)") + ", or give a CSV file or an IDX file");
    }

    private static boolean isImage(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (IMAGE_EXTENSIONS.stream().anyMatch(name::endsWith)) {
            return true;
        }
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(4);
        }
        return IMAGE_MAGIC.stream().anyMatch(magic -> startsWith(start, magic));
    }

    private static boolean startsWith(byte[] bytes, int[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a labelled CSV file, with the line that names its label column. Without {@code
     * --label-column} the labels are the first non-numeric column, else the first; an
     * all-numeric first column whose values look continuous (not all whole numbers, or more
     * distinct values than {@link #MAX_DISTINCT_SHARE} of the rows) is refused.
     *
     * @throws IllegalArgumentException if {@code labelColumn} is neither a name nor a number
     *     from 1 (or is {@code none}), or the default column looks continuous
     */
    static Loaded readCsv(Path file, String labelColumn) throws IOException {
        CsvReader.Labelled read;
        if ("none".equalsIgnoreCase(labelColumn)) {
            throw new IllegalArgumentException("--label-column: training needs labels, expected"
                    + " a column NAME or number N, got none (none is for classify)");
        }
        if (labelColumn != null && labelColumn.isBlank()) {
            throw new IllegalArgumentException("--label-column is empty; pass a column number"
                    + " from 1 or a header name");
        }
        if (labelColumn == null) {
            read = CsvReader.readLabelled(file, null, 0);
        } else if (!labelColumn.isEmpty()
                && labelColumn.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int columns = CsvReader.columns(file);
            // Compared as text first: a number too long for an int is out of range too.
            String digits = labelColumn.replaceFirst("^0+(?=.)", "");
            if (digits.length() > 9 || Integer.parseInt(digits) < 1
                    || Integer.parseInt(digits) > columns) {
                throw new IllegalArgumentException("--label-column " + labelColumn + ": " + file
                        + " has " + PredictCommand.count(columns, "column")
                        + "; pass a column number from 1 to " + columns + " or a header name");
            }
            read = CsvReader.readLabelled(file, null, Integer.parseInt(digits));
        } else {
            read = CsvReader.readLabelled(file, labelColumn, 0);
        }
        LabeledData data = read.data();
        String column = "column " + read.labelColumn()
                + (read.labelHeader() == null ? "" : " '" + read.labelHeader() + "'");
        int classes = data.classes().size();
        if (read.numericDefault()
                && (!read.wholeNumberLabels() || classes > MAX_DISTINCT_SHARE * data.rows())) {
            throw new IllegalArgumentException("--data " + file + ": every column is numeric,"
                    + " so the labels were taken from " + column + ", but its values look"
                    + " continuous (" + classes + " distinct in " + data.rows() + " rows"
                    + (read.wholeNumberLabels() ? "" : ", not all whole numbers") + ")"
                    + "; pass --label-column NAME|N to name the column that holds the labels");
        }
        String line = String.format(Locale.ROOT, "Labels: %s (%d %s)", column, classes,
                classes == 1 ? "class" : "classes");
        return new Loaded(data, null, "", line);
    }
}
