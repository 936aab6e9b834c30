package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.train.IterationRecord;
import dev.descent.train.StopReason;
import dev.descent.train.TrainingHistory;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VerboseTableTest {
    private static final String BORDER = "|" + "=".repeat(119) + "|";

    @Test
    void classificationWithValidationMatchesMatlabLayout() {
        StringBuilder text = new StringBuilder();
        VerboseTable table = new VerboseTable(text, true, true);

        table.header();
        table.row(new IterationRecord(1, 1, 0.01, 2.30541, 10.15625, 2.28422, 13.2, 0.4));
        table.row(new IterationRecord(3, 50, 0.01, 0.65642, 78.90625, Double.NaN, Double.NaN,
                3725.9));
        table.footer(StopReason.MAX_EPOCHS);

        assertThat(text.toString()).isEqualTo(String.join("\n",
                BORDER,
                "|     Epoch    |   Iteration  | Time Elapsed |  Mini-batch  |  Validation  |"
                        + "  Mini-batch  |  Validation  | Base Learning|",
                "|              |              |  (hh:mm:ss)  |   Accuracy   |   Accuracy   |"
                        + "     Loss     |     Loss     |     Rate     |",
                BORDER,
                "|            1 |            1 |     00:00:00 |       10.16% |       13.20% |"
                        + "       2.3054 |       2.2842 |       0.0100 |",
                "|            3 |           50 |     01:02:05 |       78.91% |              |"
                        + "       0.6564 |              |       0.0100 |",
                BORDER,
                "Training finished: Max epochs completed.",
                ""));
    }

    @Test
    void withoutValidationDataTheValidationColumnsAreLeftOut() {
        StringBuilder text = new StringBuilder();
        VerboseTable table = new VerboseTable(text, true, false);

        table.header();
        table.row(new IterationRecord(1, 1, 5e-5, 0.5, 100, Double.NaN, Double.NaN, 1));

        assertThat(text.toString().lines())
                .contains("|" + "=".repeat(89) + "|")
                .contains("|     Epoch    |   Iteration  | Time Elapsed |  Mini-batch  |"
                        + "  Mini-batch  | Base Learning|")
                .contains("|            1 |            1 |     00:00:01 |      100.00% |"
                        + "       0.5000 |     5.00e-05 |");
    }

    @Test
    void regressionShowsRmseColumns() {
        StringBuilder text = new StringBuilder();
        VerboseTable table = new VerboseTable(text, false, true);

        table.header();
        table.row(new IterationRecord(1, 1, 0.001, 2.0, Double.NaN, 0.5, Double.NaN, 0));

        assertThat(text.toString().lines())
                .contains("|              |              |  (hh:mm:ss)  |     RMSE     |"
                        + "     RMSE     |     Loss     |     Loss     |     Rate     |")
                .contains("|            1 |            1 |     00:00:00 |       2.0000 |"
                        + "       1.0000 |       2.0000 |       0.5000 |       0.0010 |");
    }

    @Test
    void nonFiniteLossIsShownAsMatlabWritesIt() {
        StringBuilder text = new StringBuilder();

        new VerboseTable(text, true, false).row(new IterationRecord(
                1, 7, 10, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, Double.NaN, 0));
        new VerboseTable(text, true, false).footer(StopReason.LOSS_IS_INFINITE);

        assertThat(text.toString()).contains("|         NaN% |          Inf |      10.0000 |")
                .endsWith("Training finished: Training loss is infinite.\n");
    }

    @Test
    void numbersTooWideForACellSwitchToAnExponent() {
        assertThat(VerboseTable.fixed(1.4811986209135861e35)).isEqualTo("1.481e+35");
        assertThat(VerboseTable.fixed(9_999_999.99994)).isEqualTo("9999999.9999");
        assertThat(VerboseTable.fixed(-1_234_567.5)).isEqualTo("-1.235e+06");
        assertThat(VerboseTable.learnRate(1e8)).isEqualTo("1.000e+08");
    }

    @Test
    void learnRateSwitchesToExponentBelowOneTenThousandth() {
        assertThat(VerboseTable.learnRate(1e-4)).isEqualTo("0.0001");
        assertThat(VerboseTable.learnRate(9.9e-5)).isEqualTo("9.90e-05");
        assertThat(VerboseTable.clock(360_000.9)).isEqualTo("100:00:00");
    }

    @Test
    void rowsAtFirstVerboseValidationAndLastIterations() {
        int[] printed = IntStream.rangeClosed(1, 23)
                .filter(i -> VerboseTable.isReportedIteration(i, 10, 4, i == 23))
                .toArray();

        assertThat(printed).containsExactly(1, 4, 8, 10, 12, 16, 20, 23);
        assertThat(VerboseTable.isReportedIteration(5, 50, 0, false)).isFalse();
        assertThatThrownBy(() -> VerboseTable.isReportedIteration(1, 0, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("verboseFrequency must be at least 1, got 0");
    }

    @Test
    void writeRendersAFinishedRunWithTheSelectedRows() {
        TrainingHistory history = new TrainingHistory(3, 2, true, 0, Double.POSITIVE_INFINITY);
        for (int i = 1; i <= 6; i++) {
            history.add(new IterationRecord((i + 2) / 3, i, 0.1, 1.0 / i, 10 * i, Double.NaN,
                    Double.NaN, i));
        }
        history.setStopReason(StopReason.MAX_EPOCHS);
        StringBuilder text = new StringBuilder();

        VerboseTable.write(history, 4, text);

        long rows = text.toString().lines().filter(l -> l.matches("\\|\\s+\\d+ \\|.*")).count();
        assertThat(rows).isEqualTo(3);
        assertThat(text.toString()).contains("|            2 |            6 |")
                .endsWith("Training finished: Max epochs completed.\n");
    }
}
