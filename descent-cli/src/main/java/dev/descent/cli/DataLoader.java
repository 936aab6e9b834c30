package dev.descent.cli;

import dev.descent.data.CsvReader;
import dev.descent.data.IdxReader;
import dev.descent.data.ImageDatastore;
import dev.descent.data.LabeledData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code --data} of a command: an image folder (labels from folder names), a CSV file
 * (labels from a column) or an IDX images file with its IDX labels file ({@code --labels}).
 */
final class DataLoader {
    private DataLoader() {}

    /** What was read, and the name of each observation (file names for image folders). */
    record Loaded(LabeledData data, List<String> names, String note) {}

    /**
     * Reads {@code data}.
     *
     * @param labels the IDX labels file that goes with an IDX images file, else {@code null}
     * @param labelColumn the CSV label column by name or number from 1, or {@code null} for the
     *     first non-numeric column
     * @throws IllegalArgumentException if the kind of file is unknown or {@code --labels} is
     *     missing for IDX
     */
    static Loaded load(Path data, Path labels, String labelColumn) throws IOException {
        if (!Files.exists(data)) {
            throw new NoSuchFileException(data.toString());
        }
        if (Files.isDirectory(data)) {
            ImageDatastore images = ImageDatastore.fromFolder(data);
            return new Loaded(images.readAll(), images.files(), images.note());
        }
        String name = data.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return new Loaded(readCsv(data, labelColumn), null, "");
        }
        if (labels == null) {
            throw new IllegalArgumentException("--data " + data + ": not a folder or a .csv "
                    + "file, so it is read as IDX images, which need --labels FILE (the IDX "
                    + "labels file)");
        }
        return new Loaded(IdxReader.readLabeled(data, labels), null, "");
    }

    private static LabeledData readCsv(Path file, String labelColumn) throws IOException {
        if (labelColumn == null) {
            return CsvReader.read(file);
        }
        if (labelColumn.chars().allMatch(Character::isDigit) && !labelColumn.isEmpty()) {
            int column = Integer.parseInt(labelColumn);
            if (column < 1) {
                throw new IllegalArgumentException(
                        "--label-column must be a name or a number >= 1, got " + labelColumn);
            }
            return CsvReader.read(file, column);
        }
        return CsvReader.read(file, labelColumn);
    }
}
