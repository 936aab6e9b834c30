package dev.descent.cli;

import dev.descent.train.IterationRecord;
import dev.descent.train.TrainingHistory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The per-iteration record of a training run as CSV ({@code history.csv}): a header line, then
 * one row per iteration. Numbers use '.' whatever the locale, in the shortest form that reads
 * back exactly. Empty cells mean "not computed": validation columns on iterations without
 * validation, accuracies of a regression. A training loss that diverged reads NaN, Inf or -Inf.
 */
public final class HistoryCsv {
    /** The usual file name. */
    public static final String FILE_NAME = "history.csv";

    /** The header line, without its line end. */
    public static final String HEADER = "epoch,iteration,learn_rate,training_loss,"
            + "training_accuracy,validation_loss,validation_accuracy,elapsed_seconds";

    private HistoryCsv() {}

    /**
     * Writes {@code history} to {@code file} atomically (see {@link AtomicFiles}).
     *
     * @throws IOException if the file cannot be written
     */
    public static void write(TrainingHistory history, Path file) throws IOException {
        AtomicFiles.writeString(file, toCsv(history));
    }

    /** The CSV text of {@code history}, lines ended by '\n'. */
    public static String toCsv(TrainingHistory history) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (IterationRecord record : history.records()) {
            appendRow(record, csv);
        }
        return csv.toString();
    }

    private static void appendRow(IterationRecord record, StringBuilder csv) {
        boolean validation = record.hasValidation();
        csv.append(record.epoch()).append(',')
                .append(record.iteration()).append(',')
                .append(number(record.learnRate())).append(',')
                .append(number(record.trainingLoss())).append(',')
                .append(optional(record.trainingAccuracy())).append(',')
                .append(validation ? number(record.validationLoss()) : "").append(',')
                .append(validation ? optional(record.validationAccuracy()) : "").append(',')
                .append(number(record.elapsedSeconds())).append('\n');
    }

    /** A value that may be absent: empty when NaN. */
    private static String optional(double value) {
        return Double.isNaN(value) ? "" : number(value);
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Inf" : "-Inf";
        }
        return Json.number(value);
    }
}
