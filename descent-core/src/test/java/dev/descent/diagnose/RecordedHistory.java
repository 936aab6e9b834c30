package dev.descent.diagnose;

import dev.descent.train.IterationRecord;
import dev.descent.train.StopReason;
import dev.descent.train.TrainingHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the history.csv files recorded by record.sh (next to them) back into a history, as the
 * trainer would have left it: best validation restored, stop reason from the last row.
 */
final class RecordedHistory {
    private RecordedHistory() {}

    static TrainingHistory read(String name) {
        String text;
        try (InputStream in = RecordedHistory.class.getResourceAsStream(name + ".csv")) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded history " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<IterationRecord> records = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            records.add(new IterationRecord(Integer.parseInt(cells[0]),
                    Integer.parseInt(cells[1]), value(cells[2]), value(cells[3]),
                    value(cells[4]), value(cells[5]), value(cells[6]), value(cells[7])));
        }
        return of(records, true);
    }

    /** A history of {@code records}; {@code restoreBest} as OutputNetwork auto does. */
    static TrainingHistory of(List<IterationRecord> records, boolean restoreBest) {
        int perEpoch = (int) records.stream().filter(r -> r.epoch() == 1).count();
        int epochs = records.isEmpty() ? 1 : records.get(records.size() - 1).epoch();
        boolean validation = records.stream().anyMatch(IterationRecord::hasValidation);
        TrainingHistory history = new TrainingHistory(Math.max(1, perEpoch), epochs, true,
                validation ? 5 : 0, Double.POSITIVE_INFINITY);
        records.forEach(history::add);
        IterationRecord best = null;
        for (IterationRecord r : records) {
            if (r.hasValidation() && (best == null || r.validationLoss() < best.validationLoss())) {
                best = r;
            }
        }
        if (best != null) {
            history.setBest(best.iteration(), best.validationLoss());
        }
        history.setOutputNetwork(best != null && restoreBest
                ? "best validation (iteration " + best.iteration() + ")" : "last iteration");
        if (!records.isEmpty()) {
            double last = records.get(records.size() - 1).trainingLoss();
            history.setStopReason(Double.isNaN(last) ? StopReason.LOSS_IS_NAN
                    : Double.isInfinite(last) ? StopReason.LOSS_IS_INFINITE
                    : StopReason.MAX_EPOCHS);
        }
        return history;
    }

    private static double value(String cell) {
        return switch (cell) {
            case "" -> Double.NaN;
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(cell);
        };
    }
}
