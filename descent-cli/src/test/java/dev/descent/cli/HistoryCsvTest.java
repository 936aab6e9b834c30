package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.train.IterationRecord;
import dev.descent.train.StopReason;
import dev.descent.train.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCsvTest {
    private static TrainingHistory history() {
        TrainingHistory history = new TrainingHistory(2, 2, true, 2, Double.POSITIVE_INFINITY);
        history.add(new IterationRecord(1, 1, 0.05, 2.302585, 12.5, 2.25, 15.0, 0.125));
        history.add(new IterationRecord(1, 2, 0.05, 1.5, 50.0, Double.NaN, Double.NaN, 0.25));
        history.add(new IterationRecord(2, 3, 1e-5, Double.NaN, 0.0, Double.NaN, Double.NaN, 1));
        history.setStopReason(StopReason.LOSS_IS_NAN);
        return history;
    }

    @Test
    void writesHeaderAndOneRowPerIterationWithEmptyValidationCells() {
        assertThat(HistoryCsv.toCsv(history()))
                .isEqualTo(HistoryCsv.HEADER + "\n"
                        + "1,1,0.05,2.302585,12.5,2.25,15,0.125\n"
                        + "1,2,0.05,1.5,50,,,0.25\n"
                        + "2,3,1e-05,NaN,0,,,1\n");
    }

    @Test
    void headerNamesTheColumnsInOrder() {
        assertThat(HistoryCsv.HEADER)
                .isEqualTo("epoch,iteration,learn_rate,training_loss,training_accuracy,"
                        + "validation_loss,validation_accuracy,elapsed_seconds");
    }

    @Test
    void regressionLeavesAccuracyCellsEmpty() {
        TrainingHistory history = new TrainingHistory(1, 1, false, 1, 5);
        history.add(new IterationRecord(1, 1, 0.01, 0.5, Double.NaN, 0.25, Double.NaN, 2.5));

        assertThat(HistoryCsv.toCsv(history)).endsWith("\n1,1,0.01,0.5,,0.25,,2.5\n");
    }

    @Test
    void usesDotDecimalsWhateverTheLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);

            assertThat(HistoryCsv.toCsv(history())).contains("0.05").doesNotContain("0,05");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void writeReplacesTheFileAndLeavesNoTemporaryFile(@TempDir Path folder) throws IOException {
        Path file = folder.resolve(HistoryCsv.FILE_NAME);
        Files.writeString(file, "old content that is longer than nothing");

        HistoryCsv.write(history(), file);

        assertThat(Files.readString(file)).isEqualTo(HistoryCsv.toCsv(history()));
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }
}
