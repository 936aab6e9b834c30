package dev.descent.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void accuracyIsFractionOfEqualPositions() {
        assertThat(Metrics.accuracy(new int[] {1, 2, 3, 4}, new int[] {1, 0, 3, 0}))
                .isEqualTo(0.5);
    }

    @Test
    void accuracyOfEmptyArraysThrowsEmptyTestSet() {
        assertThatThrownBy(() -> Metrics.accuracy(new int[0], new int[0]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("empty test set");
    }

    @Test
    void accuracyRejectsArraysOfDifferentLength() {
        assertThatThrownBy(() -> Metrics.accuracy(new int[] {1}, new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets and predicted must have the same length, got 1 and 0");
    }

    @Test
    void argmaxPicksFirstLargestAndSkipsNan() {
        float[] scores = {
            0.1f, 0.7f, 0.7f,
            Float.NaN, 0.2f, 0.1f,
            Float.NaN, Float.NaN, Float.NaN
        };

        assertThat(Metrics.argmaxRows(scores, 3, 3)).containsExactly(1, 1, -1);
    }

    @Test
    void argmaxRejectsWrongSize() {
        assertThatThrownBy(() -> Metrics.argmaxRows(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scores must hold rows*cols = 2*3 values with cols at least 1, got 5");
    }
}
