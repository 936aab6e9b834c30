package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.diagnose.Diagnoser;
import dev.descent.train.IterationRecord;
import dev.descent.train.StopReason;
import dev.descent.train.TrainingHistory;
import dev.descent.train.TrainingOptions;
import org.junit.jupiter.api.Test;

class LiveProgressTest {
    @Test
    void rowsCarryTheRawSmoothedAndValidationValuesAndThePanelFollowsTheRun() {
        LiveFeed feed = new LiveFeed();
        LiveProgress progress = new LiveProgress(feed,
                h -> Diagnoser.diagnose(h, Math.log(10)));
        TrainingHistory history = new TrainingHistory(4, 5, true, 2, 3);
        TrainingOptions options = TrainingOptions.builder("adam").initialLearnRate(0.01)
                .maxEpochs(5).build();
        double[] accuracy = {10, 30, 20, 50, 40, 70};
        double[] loss = {2.0, 1.5, 1.7, 1.1, 1.2, 0.9};

        progress.trainingStarted(history, options);
        for (int i = 0; i < accuracy.length; i++) {
            boolean validates = i == 0 || (i + 1) % 2 == 0;
            IterationRecord record = new IterationRecord(i / 4 + 1, i + 1, 0.01, loss[i],
                    accuracy[i], validates ? loss[i] + 0.1 : Double.NaN,
                    validates ? accuracy[i] - 5 : Double.NaN, 0.5 * (i + 1));
            history.add(record);
            progress.iterationFinished(record, history);
        }
        String running = feed.snapshot(0).json();

        assertThat(feed.rowCount()).isEqualTo(6);
        assertThat(running).contains("\"xMin\":20", "\"bands\":4", "\"title\":\"Accuracy (%)\"",
                "[\"iteration\",\"Iteration\",\"6 of 20\"]", "[\"epoch\",\"Epoch\",\"2 of 5\"]",
                "[\"validation\",\"Validation accuracy\",\"65.00%\"]",
                "[\"patience\",\"Patience\",\"3\"]",
                "[\"learn-rate\",\"Learning rate\",\"0.0100\"]",
                "\"running\":true", "\"finished\":false");
        // Columns: iteration, accuracy, smoothed, validation accuracy, loss, smoothed, validation
        // loss (float precision). Smoothed accuracy at 3: x = 1..3, y = (10, 30, 20): mean 20,
        // slope 5, so 25. At 4: y = (10, 30, 20, 50): mean 27.5, slope 55/5 = 11, so 44. Smoothed
        // loss at 3: y = (2, 1.5, 1.7): mean 26/15, slope -0.15, so 1.58333.
        assertThat(running).contains("[3,20,25,null,1.7,1.5833334,null]",
                "[4,50,44,45,1.1,", "[1,10,10,5,2,2,2.1]");
        assertThat(running).doesNotContain("\"Diagnosis\"");

        history.setStopReason(StopReason.STOPPED_MANUALLY);
        progress.trainingFinished(history);
        String done = feed.snapshot(6).json();

        assertThat(done).contains("\"from\":6", "\"rows\":[]",
                "\"status\":\"Training finished: Stopped manually\"", "\"finished\":true",
                "[\"validation\",\"Final validation accuracy\",\"65.00%\"]",
                "[\"reason\",\"Stop reason\",\"Stopped manually\"]");
        assertThat(done).doesNotContain("\"layout\"");
        // Against ln 10: training level 1.2 (median of the last 5) and best validation 1.0 are
        // above ln(10) / 3 = 0.768; the validation loss (2.1, 1.6, 1.2, 1.0) is lowest last and
        // falls by 0.1 per iteration over its second half, half its first pace: too slow.
        assertThat(done).contains("[\"diagnosis\",\"Diagnosis\",\"underfitting (rate too"
                + " slow)\"]", "[\"remedy\",\"Remedy\",\"Raise the learning rate (for example 10"
                + " times) or train for more epochs; then use a bigger network (more hidden units)"
                + " or more data.\"]", "[\"explanation\",\"Reading\",\"Underfitting: ");
    }
}
