package dev.descent.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    private static final List<String> ABC = List.of("a", "b", "c");

    // targets  a a a b b c ; predicted a a b b c c
    // counts[t][p]: a: [2 1 0], b: [0 1 1], c: [0 0 1]
    private static ConfusionMatrix sample() {
        return ConfusionMatrix.of(new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 2, 2}, ABC);
    }

    @Test
    void countsTargetAgainstPredicted() {
        ConfusionMatrix matrix = sample();

        assertThat(matrix.counts()).isEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}});
        assertThat(matrix.count(0, 1)).isEqualTo(1);
        assertThat(matrix.total()).isEqualTo(6);
        assertThat(matrix.correct()).isEqualTo(4);
        assertThat(matrix.targetCount(0)).isEqualTo(3);
        assertThat(matrix.predictedCount(2)).isEqualTo(2);
        assertThat(matrix.classes()).containsExactly("a", "b", "c");
    }

    @Test
    void accuracyPrecisionAndRecallMatchHandComputedValues() {
        ConfusionMatrix matrix = sample();

        assertThat(matrix.accuracy()).isCloseTo(4.0 / 6, within(1e-15));
        assertThat(matrix.precision(0)).isEqualTo(1.0);
        assertThat(matrix.precision(1)).isEqualTo(0.5);
        assertThat(matrix.precision(2)).isEqualTo(0.5);
        assertThat(matrix.recall(0)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(matrix.recall(1)).isEqualTo(0.5);
        assertThat(matrix.recall(2)).isEqualTo(1.0);
    }

    @Test
    void classWithoutTargetsOrPredictionsGivesZeroNotNan() {
        ConfusionMatrix matrix =
                ConfusionMatrix.of(new int[] {0, 0, 1}, new int[] {0, 1, 1}, ABC);

        assertThat(matrix.precision(2)).isZero();
        assertThat(matrix.recall(2)).isZero();
        assertThat(matrix.targetCount(2)).isZero();
        assertThat(matrix.predictedCount(2)).isZero();
    }

    @Test
    void accuracyOfEmptySetThrowsEmptyTestSet() {
        ConfusionMatrix matrix = ConfusionMatrix.of(new int[0], new int[0], ABC);

        assertThat(matrix.total()).isZero();
        assertThat(matrix.precision(0)).isZero();
        assertThatThrownBy(matrix::accuracy)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("empty test set");
    }

    @Test
    void countsCopyDoesNotChangeTheMatrix() {
        ConfusionMatrix matrix = sample();

        matrix.counts()[0][0] = 99;

        assertThat(matrix.count(0, 0)).isEqualTo(2);
    }

    @Test
    void rejectsMismatchedLengthsAndOutOfRangeClassesWithNamedMessage() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0, 1}, ABC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets and predicted must have the same length, got 1 and 2");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, ABC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets[1] must be a class index in [0, 3), got 3");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0}, new int[] {-1}, ABC))
                .hasMessage("predicted[0] must be a class index in [0, 3), got -1");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[0], new int[0], List.of()))
                .hasMessage("classes must name at least one class, got none");
    }
}
