package dev.descent.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a CSV file of one label column and numeric feature columns as {@link LabeledData},
 * or a file of feature columns only ({@link #readFeatures}).
 *
 * <p>Format: RFC 4180 (see {@link CsvTokenizer}), UTF-8 with an optional byte-order mark, LF or
 * CRLF line ends; blank lines are ignored. Numbers use '.' as decimal separator whatever the
 * locale; spaces around numbers and labels are dropped. The first line is a header when it has
 * a non-numeric value in a column whose value in the second line is numeric (so a header of
 * numbers only, such as {@code 0,1,2}, is read as data). The label column is chosen by name,
 * by 1-based index, or else is the first column whose first data value is not a number, or
 * else the first column. A value that starts like a number (a digit, or a sign or '.' and a
 * digit) but is not one, such as {@code 0x10} or {@code 1d}, is a malformed number: it is
 * refused rather than taken as a header name or a label.
 *
 * <p>Labels are kept as written; classes are sorted by character code, as for image folders
 * ("1" &lt; "10" &lt; "2"), including labels that are numbers (MATLAB would sort a numeric
 * categorical numerically; Descent uses one rule for every loader and matches labels by name).
 */
public final class CsvReader {
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern NON_FINITE =
            Pattern.compile("[+-]?(?:[nN][aA][nN]|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)");
    /** How a number starts: a digit, or a sign or point followed by a digit. */
    private static final Pattern NUMBER_START = Pattern.compile("[+-]?\\.?[0-9]");
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private final Path file;
    private final String name;
    private final String labelName;
    private final boolean labelled;
    private int labelColumn;
    private String labelHeader;
    private boolean numericDefault;
    private boolean wholeNumberLabels = true;
    private boolean numericLabels;

    private CsvReader(Path file, String labelName, int labelColumn) {
        this(file, labelName, labelColumn, true);
    }

    private CsvReader(Path file, String labelName, int labelColumn, boolean labelled) {
        this.file = file;
        this.name = String.valueOf(file.getFileName());
        this.labelName = labelName;
        this.labelColumn = labelColumn;
        this.labelled = labelled;
    }

    /**
     * Reads {@code file}, taking as labels the first non-numeric column, or else the first.
     *
     * @throws MalformedDataException if the file breaks the format; the message names the file,
     *     the line and the column
     */
    public static LabeledData read(Path file) throws IOException {
        return new CsvReader(file, null, 0).read();
    }

    /**
     * Observations without labels: an N-by-F row-major feature matrix.
     *
     * @param values row-major values, {@code rows * cols} of them
     */
    public record Features(float[] values, int rows, int cols) {}

    /**
     * Reads {@code file} as feature columns only, every column a number; a header line is
     * detected and skipped as for {@link #read(Path)}.
     *
     * @throws MalformedDataException if the file breaks the format or a value is not a finite
     *     number; the message names the file, the line and the column
     */
    public static Features readFeatures(Path file) throws IOException {
        return new CsvReader(file, null, 0, false).readRows().toFeatures();
    }

    /**
     * The number of values on the first non-blank line of {@code file} (the header, if it has
     * one), or 0 for a file of blank lines only.
     *
     * @throws MalformedDataException if the file is not UTF-8 text or a quote is not closed
     */
    public static int columns(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvTokenizer.Record first =
                    new CsvTokenizer(reader, String.valueOf(file.getFileName())).nextNonBlank();
            return first == null ? 0 : first.fields().size();
        } catch (CharacterCodingException e) {
            throw notUtf8(file, String.valueOf(file.getFileName()), e);
        }
    }

    /**
     * What {@link #readLabelled} read, and where the labels came from.
     *
     * @param data the observations
     * @param labelColumn the label column, counted from 1
     * @param labelHeader that column's header, or {@code null} without a header line
     * @param numericDefault whether no column was asked for and every value of the first data
     *     row is a number, so the first column was taken by default
     * @param wholeNumberLabels whether every label is a whole number
     */
    public record Labelled(LabeledData data, int labelColumn, String labelHeader,
            boolean numericDefault, boolean wholeNumberLabels) {}

    /**
     * Reads {@code file} with labels in the column named {@code labelName}, else in column
     * {@code labelColumn} (from 1), else (null and 0) in the default column of {@link #read(Path)};
     * tells which column that was.
     *
     * @throws MalformedDataException as {@link #read(Path)}, {@link #read(Path, String)} and
     *     {@link #read(Path, int)}
     * @throws IllegalArgumentException if {@code labelColumn < 0}
     */
    public static Labelled readLabelled(Path file, String labelName, int labelColumn)
            throws IOException {
        if (labelColumn < 0) {
            throw new IllegalArgumentException("labelColumn must be at least 0, got "
                    + labelColumn);
        }
        CsvReader reader = new CsvReader(file, labelName, labelName == null ? labelColumn : 0);
        LabeledData data = reader.read();
        return new Labelled(data, reader.labelColumn, reader.labelHeader, reader.numericDefault,
                reader.wholeNumberLabels);
    }

    /**
     * Reads {@code file}, whose first line must be a header holding {@code labelColumn}.
     *
     * @throws MalformedDataException as {@link #read(Path)}, or if no column has that name
     */
    public static LabeledData read(Path file, String labelColumn) throws IOException {
        return new CsvReader(file, labelColumn, 0).read();
    }

    /**
     * Reads {@code file} with labels in column {@code labelColumn}, counted from 1.
     *
     * @throws MalformedDataException as {@link #read(Path)}, or if the file has fewer columns
     * @throws IllegalArgumentException if {@code labelColumn < 1}
     */
    public static LabeledData read(Path file, int labelColumn) throws IOException {
        if (labelColumn < 1) {
            throw new IllegalArgumentException("labelColumn must be at least 1, got "
                    + labelColumn);
        }
        return new CsvReader(file, null, labelColumn).read();
    }

    /**
     * Reads {@code file} with a numeric target (regression) in the column named {@code
     * labelName} of its header, or else in column {@code labelColumn} (from 1); each target
     * must be a finite plain decimal number, by the rule of the features. The targets are kept
     * as the labels' text ({@link LabeledData#labelName(int)}); the result tells which column
     * held them.
     *
     * @throws MalformedDataException as {@link #read(Path, String)} and {@link #read(Path,
     *     int)}, or if a target is not a finite number (file, line and column)
     * @throws NoSuchColumnException if the header has no column named {@code labelName}
     * @throws IllegalArgumentException if {@code labelName} is null and {@code labelColumn < 1}
     */
    public static Labelled readTargets(Path file, String labelName, int labelColumn)
            throws IOException {
        if (labelName == null && labelColumn < 1) {
            throw new IllegalArgumentException("labelColumn must be at least 1, got "
                    + labelColumn);
        }
        CsvReader reader = new CsvReader(file, labelName, labelName == null ? labelColumn : 0);
        reader.numericLabels = true;
        LabeledData data = reader.read();
        return new Labelled(data, reader.labelColumn, reader.labelHeader, reader.numericDefault,
                reader.wholeNumberLabels);
    }

    private LabeledData read() throws IOException {
        return readRows().toLabeledData();
    }

    private Rows readRows() throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(new CsvTokenizer(reader, name));
        } catch (CharacterCodingException e) {
            throw notUtf8(file, name, e);
        }
    }

    /**
     * The error for a file that is not UTF-8: the first line with a byte sequence that is not
     * UTF-8 (lines counted at LF, as the tokenizer does), its first such byte, and what to do.
     */
    static MalformedDataException notUtf8(Path file, String name,
            CharacterCodingException cause) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < bytes.length; ) {
            int b = bytes[i] & 0xff;
            if (b == '\n') {
                line++;
                lineStart = ++i;
                continue;
            }
            int length = utf8Length(bytes, i);
            if (length == 0) {
                return new MalformedDataException(String.format(java.util.Locale.ROOT,
                        "%s line %d: not UTF-8 text (byte 0x%02X at byte %d of the line); save"
                                + " the file as UTF-8 (Latin-1 and Windows-1252 files are not"
                                + " read)", name, line, b, i - lineStart + 1), cause);
            }
            i += length;
        }
        return new MalformedDataException(name + ": not UTF-8 text; save the file as UTF-8",
                cause);
    }

    /** The length of the well-formed UTF-8 sequence at {@code i}, or 0 if there is none. */
    private static int utf8Length(byte[] bytes, int i) {
        int b = bytes[i] & 0xff;
        if (b < 0x80) {
            return 1;
        }
        int length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3
                : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
        if (length == 0 || i + length > bytes.length) {
            return 0;
        }
        for (int k = 1; k < length; k++) {
            if ((bytes[i + k] & 0xc0) != 0x80) {
                return 0;
            }
        }
        // Overlong three- and four-byte forms, surrogates and code points above U+10FFFF.
        int second = bytes[i + 1] & 0xff;
        if ((b == 0xe0 && second < 0xa0) || (b == 0xed && second > 0x9f)
                || (b == 0xf0 && second < 0x90) || (b == 0xf4 && second > 0x8f)) {
            return 0;
        }
        return length;
    }

    private Rows read(CsvTokenizer tokenizer) throws IOException {
        CsvTokenizer.Record first = tokenizer.nextNonBlank();
        if (first == null) {
            throw new MalformedDataException(name + ": no rows, expected "
                    + (labelled ? "a label column and feature columns" : "feature columns"));
        }
        CsvTokenizer.Record second = tokenizer.nextNonBlank();
        if (labelName == null) {
            // A malformed number is neither a header name nor a label.
            refuseMalformedNumbers(first, labelColumn);
        }
        boolean header = hasHeader(first, second);
        CsvTokenizer.Record firstData = header ? second : first;
        if (firstData == null || second == null && looksLikeHeader(first)) {
            throw new MalformedDataException(name + " has a header but no data rows");
        }
        int columns = first.fields().size();
        if (labelled && columns < 2) {
            throw new MalformedDataException(name + " line " + first.line() + ": 1 column,"
                    + " expected a label column and at least one feature column");
        }
        // Before the label column is chosen from the data row and looked up in the header.
        requireColumns(firstData, columns);
        if (labelled) {
            chooseLabelColumn(header ? first : null, firstData);
            if (header) {
                labelHeader = first.fields().get(labelColumn - 1).trim();
            }
        }
        Rows rows = new Rows(labelled ? columns - 1 : columns);
        add(rows, firstData, columns);
        if (!header && second != null) {
            add(rows, second, columns);
        }
        for (CsvTokenizer.Record r = tokenizer.nextNonBlank(); r != null;
                r = tokenizer.nextNonBlank()) {
            add(rows, r, columns);
        }
        return rows;
    }

    private boolean hasHeader(CsvTokenizer.Record first, CsvTokenizer.Record second) {
        if (labelName != null) {
            return true;
        }
        if (second == null) {
            return false;
        }
        List<String> top = first.fields();
        List<String> next = second.fields();
        for (int j = 0; j < Math.min(top.size(), next.size()); j++) {
            if (!isNumber(top.get(j)) && isNumber(next.get(j))) {
                return true;
            }
        }
        return false;
    }

    /** Sets {@link #labelColumn} (1-based) from the name, the index given or the data. */
    private void chooseLabelColumn(CsvTokenizer.Record header, CsvTokenizer.Record firstData)
            throws MalformedDataException {
        List<String> fields = (header != null ? header : firstData).fields();
        if (labelName != null) {
            labelColumn = header.fields().stream().map(String::trim).toList().indexOf(labelName)
                    + 1;
            if (labelColumn == 0) {
                throw new NoSuchColumnException(name + " line " + header.line() + ": no column"
                        + " named '" + labelName + "', found " + ClassNames.preview(fields, 8));
            }
        } else if (labelColumn > fields.size()) {
            throw new MalformedDataException(name + ": label column " + labelColumn
                    + " asked for, but the file has " + fields.size() + " columns");
        } else if (labelColumn == 0) {
            refuseMalformedNumbers(firstData, 0);
            labelColumn = 1;
            numericDefault = firstData.fields().stream().allMatch(CsvReader::isNumber);
            List<String> values = firstData.fields();
            for (int j = 0; j < values.size(); j++) {
                if (isNumber(values.get(j))) {
                    continue;
                }
                if (labelColumn != j + 1 && !isNumber(values.get(labelColumn - 1))) {
                    // Two text values: saying the second is not a number would blame a label.
                    throw new MalformedDataException(name + " line " + firstData.line() + ": '"
                            + values.get(labelColumn - 1).trim() + "' in column " + labelColumn
                            + " and '" + values.get(j).trim() + "' in column " + (j + 1)
                            + " are not numbers, but only the label column may hold text; fix"
                            + " the value or name the label column");
                }
                labelColumn = j + 1;
            }
        }
    }

    /**
     * Refuses a field of {@code record}, other than in column {@code skip} (1-based; 0 for
     * none), that starts like a number but is not one, such as {@code 0x10} or {@code 1d}.
     */
    private void refuseMalformedNumbers(CsvTokenizer.Record record, int skip)
            throws MalformedDataException {
        List<String> fields = record.fields();
        for (int j = 0; j < fields.size(); j++) {
            String value = fields.get(j).trim();
            if (j + 1 != skip && isMalformedNumber(value)) {
                throw new MalformedDataException(name + " line " + record.line() + ", column "
                        + (j + 1) + ": '" + value + "' starts like a number but is not one;"
                        + " expected a plain decimal number such as 16 or 0.5");
            }
        }
    }

    /** Whether {@code value} starts like a number (see {@link #NUMBER_START}) but is not one. */
    static boolean isMalformedNumber(String value) {
        return NUMBER_START.matcher(value).lookingAt() && !NUMBER.matcher(value).matches();
    }

    private void requireColumns(CsvTokenizer.Record record, int columns)
            throws MalformedDataException {
        if (record.fields().size() != columns) {
            throw new MalformedDataException(name + " line " + record.line() + ": "
                    + record.fields().size() + " columns, expected " + columns);
        }
    }

    private void add(Rows rows, CsvTokenizer.Record record, int columns)
            throws MalformedDataException {
        requireColumns(record, columns);
        List<String> fields = record.fields();
        int observation = rows.count + 1;
        String label = labelled ? fields.get(labelColumn - 1).trim() : null;
        if (labelled && label.isEmpty()) {
            throw new MalformedDataException(name + " line " + record.line() + ", column "
                    + labelColumn + ": empty label (observation " + observation + ")");
        }
        if (numericLabels) {
            checkTarget(label, record.line(), observation);
        }
        if (labelled && wholeNumberLabels && !isWholeNumber(label)) {
            wholeNumberLabels = false;
        }
        float[] values = rows.nextRow();
        int feature = 0;
        for (int j = 0; j < columns; j++) {
            if (j != labelColumn - 1) {
                values[rows.offset + feature] = parse(fields.get(j), record.line(), j + 1,
                        observation, feature + 1);
                feature++;
            }
        }
        rows.commit(label);
    }

    /** Refuses a target that is not a finite plain decimal number, naming line and column. */
    private void checkTarget(String value, int line, int observation)
            throws MalformedDataException {
        String where = name + " line " + line + ", column " + labelColumn;
        boolean number = NUMBER.matcher(value).matches();
        if (NON_FINITE.matcher(value).matches()
                || number && Double.isInfinite(Double.parseDouble(value))) {
            throw new MalformedDataException(where + ": the target of observation " + observation
                    + " is " + value + (number ? " (beyond double range)" : "") + ", expected a"
                    + " finite number; remove or replace missing and infinite values");
        }
        if (!number) {
            throw new MalformedDataException(where + ": '" + value + "' is not a number (the"
                    + " target of observation " + observation + "); expected a plain decimal"
                    + " number such as 16 or 0.5");
        }
    }

    private float parse(String text, int line, int column, int observation, int feature)
            throws MalformedDataException {
        String value = text.trim();
        String where = name + " line " + line + ", column " + column;
        if (NON_FINITE.matcher(value).matches()) {
            throw nonFinite(where, observation, feature, value);
        }
        if (!NUMBER.matcher(value).matches()) {
            throw new MalformedDataException(where + ": '" + value + "' is not a number"
                    + " (observation " + observation + ", feature " + feature + ")");
        }
        float number = (float) Double.parseDouble(value);
        if (Float.isInfinite(number)) {
            throw nonFinite(where, observation, feature, value + " (beyond float range)");
        }
        return number;
    }

    private static MalformedDataException nonFinite(String where, int observation, int feature,
            String value) {
        return new MalformedDataException(where + ": observation " + observation + ", feature "
                + feature + " is " + value + ", expected a finite number; remove or replace"
                + " missing and infinite values");
    }

    /**
     * Whether the only line of a file is a header rather than one observation: it has more
     * values that are not numbers than an observation, which has at most one (its label), or
     * none without labels.
     */
    private boolean looksLikeHeader(CsvTokenizer.Record only) {
        return only.fields().stream().filter(v -> !isNumber(v)).count() > (labelled ? 1 : 0);
    }

    private static boolean isWholeNumber(String text) {
        if (!NUMBER.matcher(text).matches()) {
            return false;
        }
        double value = Double.parseDouble(text);
        return value == Math.rint(value);
    }

    static boolean isNumber(String text) {
        String value = text.trim();
        return NUMBER.matcher(value).matches() || NON_FINITE.matcher(value).matches();
    }

    /** Feature rows and provisional labels, grown as rows come. */
    private final class Rows {
        private final int width;
        private final ClassNames classes = new ClassNames();
        private float[] features;
        private int[] labels = new int[1024];
        private int count;
        private int offset;

        Rows(int width) {
            this.width = width;
            this.features = new float[(int) Math.min(MAX_VALUES, 1024L * width)];
        }

        /** The array to fill from {@link #offset} with the next row's features. */
        float[] nextRow() throws MalformedDataException {
            long needed = (long) (count + 1) * width;
            if (needed > MAX_VALUES) {
                throw new MalformedDataException(name + ": more than " + MAX_VALUES
                        + " feature values, too many for one array");
            }
            if (needed > features.length) {
                features = Arrays.copyOf(features, (int) Math.min(MAX_VALUES, 2 * needed));
            }
            offset = count * width;
            return features;
        }

        /** Ends the row; {@code label} is {@code null} when the file has no labels. */
        void commit(String label) {
            if (count == labels.length) {
                labels = Arrays.copyOf(labels, 2 * count);
            }
            labels[count++] = label == null ? 0 : classes.add(label);
        }

        Features toFeatures() {
            return new Features(Arrays.copyOf(features, count * width), count, width);
        }

        LabeledData toLabeledData() {
            int[] rowLabels = Arrays.copyOf(labels, count);
            classes.remap(rowLabels);
            float[] exact = Arrays.copyOf(features, count * width);
            return new LabeledData(exact, count, width, rowLabels, classes.sorted());
        }
    }
}
