package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SmoothingTest {
    @Test
    void matchesHandComputedLeastSquaresValues() {
        // i=1: one value, its mean 1.
        // i=2: x=(1,2), y=(1,3): mean 2, beta 2, at x=2: 2 + 2*0.5 = 3.
        // i=3: x=(1,2,3), y=(1,3,2): mean 2, beta ((-1)(-1) + 0 + (1)(0)) / 2 = 0.5, at 3: 2.5.
        double[] smoothed = Smoothing.smooth(new double[] {1, 3, 2});

        assertThat(smoothed).containsExactly(new double[] {1, 3, 2.5}, within(1e-12));
    }

    @Test
    void clipsIntoTheRangeSeenSoFar() {
        // i=5: x=1..5, y=(0,10,10,10,9): mean 7.8, beta 18/10 = 1.8, at 5: 7.8 + 3.6 = 11.4,
        // above the largest value 10, so 10.
        double[] smoothed = Smoothing.smooth(new double[] {0, 10, 10, 10, 9});

        assertThat(smoothed[4]).isEqualTo(10.0);
        // i=4: x=1..4, y=(0,10,10,10): mean 7.5, beta 15/5 = 3, at 4: 7.5 + 3*1.5 = 12 -> 10.
        assertThat(smoothed[3]).isEqualTo(10.0);
        // i=3: x=1..3, y=(0,10,10): mean 20/3, beta 5, at 3: 20/3 + 5 = 11.67 -> 10.
        assertThat(smoothed[2]).isEqualTo(10.0);
    }

    @Test
    void usesOnlyTheLastFifteenValues() {
        // y = x^2 for x = 1..16. At x = 16 the window is x = 2..16: mean x 9, mean y 1495/15,
        // sum (x-9) x^2 = 5040, sum (x-9)^2 = 280, so beta 18 and the value 299/3 + 18*7 = 677/3.
        // A 16-value window would give 221.
        double[] values = new double[16];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i + 1) * (i + 1);
        }

        double[] smoothed = Smoothing.smooth(values);

        assertThat(smoothed[15]).isCloseTo(677.0 / 3, within(1e-9));
    }

    @Test
    void aStraightLineIsReproducedExactly() {
        double[] values = new double[40];
        for (int i = 0; i < values.length; i++) {
            values[i] = 3 - 0.05 * i;
        }

        assertThat(Smoothing.smooth(values)).containsExactly(values, within(1e-12));
    }

    @Test
    void skipsNonFiniteValues() {
        // i=3: the fit uses x=(1,3), y=(2,4): line through both, value at x=3 is 4.
        double[] smoothed = Smoothing.smooth(new double[] {2, Double.NaN, 4, Double.NaN});

        assertThat(smoothed[1]).isEqualTo(2.0);
        assertThat(smoothed[2]).isCloseTo(4.0, within(1e-12));
        assertThat(smoothed[3]).isCloseTo(4.0, within(1e-12));
        assertThat(Smoothing.smooth(new double[] {Double.NaN})[0]).isNaN();
    }
}
