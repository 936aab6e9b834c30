package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.train.TrainingOptions.ObjectiveMetric;
import org.junit.jupiter.api.Test;

/** Case B11 (b): the best validation check in the right direction for each metric. */
class ValidationMonitorTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    /** Feeds checks at iterations 1, 2, 3, ...; the metric's value is {@code values[k]}. */
    private static ValidationMonitor run(ObjectiveMetric metric, double patience,
            double... values) {
        ValidationMonitor monitor = new ValidationMonitor(metric, patience);
        for (int k = 0; k < values.length; k++) {
            // The value the metric does not watch is set to mislead: the opposite ranking.
            double other = 1 - values[k];
            if (metric == ObjectiveMetric.LOSS) {
                monitor.check(k + 1, values[k], other);
            } else {
                monitor.check(k + 1, other, values[k]);
            }
        }
        return monitor;
    }

    @Test
    void accuracyChecksPointFiveSevenSixPickCheckTwo() {
        ValidationMonitor monitor = run(ObjectiveMetric.ACCURACY, INF, 0.50, 0.70, 0.60);

        assertThat(monitor.bestIteration()).isEqualTo(2);
        assertThat(monitor.best()).isEqualTo(0.70);
        // The validation loss recorded with check 2 (1 - 0.70 here), for the history.
        assertThat(monitor.bestLoss()).isEqualTo(1 - 0.70);
        assertThat(monitor.failures()).isEqualTo(1);
    }

    @Test
    void lossChecksPointFiveThreeFourPickCheckTwo() {
        ValidationMonitor monitor = run(ObjectiveMetric.LOSS, INF, 0.50, 0.30, 0.40);

        assertThat(monitor.bestIteration()).isEqualTo(2);
        assertThat(monitor.best()).isEqualTo(0.30);
        assertThat(monitor.bestLoss()).isEqualTo(0.30);
        assertThat(monitor.failures()).isEqualTo(1);
    }

    @Test
    void accuracySeriesWatchedAsALossWouldKeepTheWorstCheck() {
        // The fault of case B11: the accuracy series compared like a loss picks check 1.
        ValidationMonitor wrong = run(ObjectiveMetric.LOSS, INF, 0.50, 0.70, 0.60);

        assertThat(wrong.bestIteration()).isEqualTo(1);
    }

    @Test
    void tiesKeepTheEarlierCheckAndCountAgainstPatience() {
        ValidationMonitor accuracy = run(ObjectiveMetric.ACCURACY, 2, 0.50, 0.70, 0.70, 0.70);
        ValidationMonitor loss = run(ObjectiveMetric.LOSS, 2, 0.50, 0.30, 0.30);

        assertThat(accuracy.bestIteration()).isEqualTo(2);
        assertThat(accuracy.failures()).isEqualTo(2);
        assertThat(accuracy.patienceRanOut()).isTrue();
        assertThat(loss.bestIteration()).isEqualTo(2);
        assertThat(loss.failures()).isEqualTo(1);
        assertThat(loss.patienceRanOut()).isFalse();
    }

    @Test
    void aStrictImprovementResetsPatience() {
        ValidationMonitor monitor = run(ObjectiveMetric.ACCURACY, 2, 0.50, 0.40, 0.55, 0.55);

        assertThat(monitor.bestIteration()).isEqualTo(3);
        assertThat(monitor.failures()).isEqualTo(1);
        assertThat(monitor.patienceRanOut()).isFalse();
    }

    @Test
    void nanIsNeverTheBestAndNoCheckLeavesIterationZero() {
        ValidationMonitor none = new ValidationMonitor(ObjectiveMetric.ACCURACY, INF);
        ValidationMonitor nan = run(ObjectiveMetric.ACCURACY, INF, Double.NaN, 0.60,
                Double.NaN);

        assertThat(none.bestIteration()).isZero();
        assertThat(none.best()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(nan.bestIteration()).isEqualTo(2);
        assertThat(nan.failures()).isEqualTo(1);
    }

    @Test
    void metricNamesParseAsMatlabSpellsThem() {
        assertThat(ObjectiveMetric.parse("Accuracy")).isEqualTo(ObjectiveMetric.ACCURACY);
        assertThat(ObjectiveMetric.parse("loss")).isEqualTo(ObjectiveMetric.LOSS);
        assertThat(TrainingOptions.builder("adam").build().objectiveMetric())
                .isEqualTo(ObjectiveMetric.LOSS);
    }
}
