package dev.descent.cli;

import dev.descent.train.IterationRecord;
import dev.descent.train.StopReason;
import dev.descent.train.TrainingHistory;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * MATLAB's verbose training table ({@code trainNetwork} with {@code Verbose=true}), written a
 * part at a time so that a training listener can drive it live: {@link #header()} once, {@link
 * #row} for each iteration that {@link #isReportedIteration} selects, {@link #footer} at the end.
 *
 * <p>Every cell is 12 characters, right-aligned, between {@code "| "} and {@code " "}: integers,
 * accuracies as {@code %11.2f%%}, losses and RMSEs as {@code %12.4f} (or {@code %12.3e} where
 * that does not fit), the learning rate as {@code %12.4f} or {@code %12.2e} below 1e-4, time as
 * hh:mm:ss. Validation cells are blank on rows without validation; without validation data the
 * validation columns are left out.
 */
public final class VerboseTable {
    private static final int CELL = 12;

    private final Appendable out;
    private final List<Column> columns = new ArrayList<>();

    /** One column: two header lines and how a record fills its cell. */
    private record Column(String title, String subtitle, Function<IterationRecord, String> cell) {}

    /**
     * A table for a classification (accuracy columns) or a regression (RMSE columns), with or
     * without the validation columns.
     */
    public VerboseTable(Appendable out, boolean classification, boolean validation) {
        this.out = out;
        String metric = classification ? "Accuracy" : "RMSE";
        columns.add(new Column("Epoch", "", r -> Integer.toString(r.epoch())));
        columns.add(new Column("Iteration", "", r -> Integer.toString(r.iteration())));
        columns.add(new Column("Time Elapsed", "(hh:mm:ss)", r -> clock(r.elapsedSeconds())));
        columns.add(new Column("Mini-batch", metric, r -> classification
                ? percent(r.trainingAccuracy())
                : fixed(r.trainingRmse())));
        if (validation) {
            columns.add(new Column("Validation", metric, r -> !r.hasValidation() ? ""
                    : classification
                    ? percent(r.validationAccuracy())
                    : fixed(r.validationRmse())));
        }
        columns.add(new Column("Mini-batch", "Loss", r -> fixed(r.trainingLoss())));
        if (validation) {
            columns.add(new Column("Validation", "Loss",
                    r -> r.hasValidation() ? fixed(r.validationLoss()) : ""));
        }
        columns.add(new Column("Base Learning", "Rate", r -> learnRate(r.learnRate())));
    }

    /** A table with the columns {@code history}'s run needs. */
    public static VerboseTable forHistory(TrainingHistory history, Appendable out) {
        return new VerboseTable(out, history.isClassification(), history.hasValidation());
    }

    /**
     * Whether MATLAB prints a row for {@code iteration}: the first, every multiple of {@code
     * verboseFrequency} or of {@code validationFrequency} (0 when there is no validation), and the
     * last of the run.
     *
     * @throws IllegalArgumentException if {@code verboseFrequency < 1} or {@code
     *     validationFrequency < 0}
     */
    public static boolean isReportedIteration(int iteration, int verboseFrequency,
            int validationFrequency, boolean lastIteration) {
        if (verboseFrequency < 1) {
            throw new IllegalArgumentException(
                    "verboseFrequency must be at least 1, got " + verboseFrequency);
        }
        if (validationFrequency < 0) {
            throw new IllegalArgumentException(
                    "validationFrequency must be at least 0, got " + validationFrequency);
        }
        return iteration == 1
                || lastIteration
                || iteration % verboseFrequency == 0
                || (validationFrequency > 0 && iteration % validationFrequency == 0);
    }

    /** Writes the whole table of a finished run, choosing rows as MATLAB does. */
    public static void write(TrainingHistory history, int verboseFrequency, Appendable out) {
        VerboseTable table = forHistory(history, out);
        table.header();
        List<IterationRecord> records = history.records();
        for (int i = 0; i < records.size(); i++) {
            IterationRecord record = records.get(i);
            boolean last = i == records.size() - 1;
            if (isReportedIteration(record.iteration(), verboseFrequency,
                    history.validationFrequency(), last)) {
                table.row(record);
            }
        }
        table.footer(history.stopReason());
    }

    /** The top border, the two lines of column names and the border under them. */
    public void header() {
        StringBuilder titles = new StringBuilder("|");
        StringBuilder subtitles = new StringBuilder("|");
        for (Column column : columns) {
            titles.append(centered(column.title())).append('|');
            subtitles.append(centered(column.subtitle())).append('|');
        }
        emit(border() + "\n" + titles + "\n" + subtitles + "\n" + border() + "\n");
    }

    /** One row for {@code record}. */
    public void row(IterationRecord record) {
        StringBuilder line = new StringBuilder("|");
        for (Column column : columns) {
            String cell = column.cell().apply(record);
            line.append(' ').append(" ".repeat(Math.max(0, CELL - cell.length()))).append(cell)
                    .append(" |");
        }
        emit(line.append('\n').toString());
    }

    /** The closing border and {@code Training finished: <reason>.} (no line without a reason). */
    public void footer(StopReason reason) {
        String end = reason == null ? "" : "Training finished: " + reason.message() + ".\n";
        emit(border() + "\n" + end);
    }

    private String border() {
        return "|" + "=".repeat(columns.size() * (CELL + 3) - 1) + "|";
    }

    private static String centered(String text) {
        int width = CELL + 2;
        int left = (width - text.length() + 1) / 2;
        return " ".repeat(left) + text + " ".repeat(width - text.length() - left);
    }

    private void emit(String text) {
        try {
            out.append(text);
            if (out instanceof Flushable flushable) {
                flushable.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Elapsed seconds as hh:mm:ss, rounded down; hours may take more than two digits. */
    static String clock(double seconds) {
        long whole = Double.isFinite(seconds) && seconds > 0 ? (long) seconds : 0;
        return String.format(Locale.ROOT, "%02d:%02d:%02d",
                whole / 3600, whole / 60 % 60, whole % 60);
    }

    static String percent(double value) {
        return Double.isFinite(value) ? format("%.2f%%", value) : nonFinite(value) + "%";
    }

    /**
     * {@code %.4f}, or where that is wider than a cell, four significant digits with an
     * exponent ({@code 1.481e+35}), as the diagnosis prints such numbers.
     */
    static String fixed(double value) {
        if (!Double.isFinite(value)) {
            return nonFinite(value);
        }
        String plain = format("%.4f", value);
        return plain.length() <= CELL ? plain : format("%.3e", value);
    }

    static String learnRate(double value) {
        return value < 1e-4 && value > 0 ? format("%.2e", value) : fixed(value);
    }

    private static String nonFinite(double value) {
        return Double.isNaN(value) ? "NaN" : value > 0 ? "Inf" : "-Inf";
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
