package dev.descent.shallow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PerformFcnTest {
    @Test
    void crossEntropyIsAveragedOverClassesTimesSamples() {
        // Two samples, three classes: -(ln 0.7 + ln 0.8) / (3 * 2), not / 2.
        double[] y = {0.7, 0.2, 0.1, 0.1, 0.8, 0.1};
        double[] t = {1, 0, 0, 0, 1, 0};
        double sum = PerformFcn.CROSSENTROPY.sum(y, t, 2, 3);
        assertThat(sum / PerformFcn.countFinite(t, 6)).isCloseTo(0.0966364, within(1e-7));
        assertThat(sum / 2).isCloseTo(0.2899092, within(1e-7));
    }

    @Test
    void singleOutputCrossEntropyHasBothTerms() {
        double[] y = {0.9, 0.2};
        double[] t = {1, 0};
        // -(ln 0.9 + ln 0.8) / 2
        assertThat(PerformFcn.CROSSENTROPY.sum(y, t, 2, 1) / 2).isCloseTo(0.1642520, within(1e-7));
    }

    @Test
    void nanTargetsAreSkippedAndNotCounted() {
        double[] y = {0.5, 2.0, 1.0};
        double[] t = {1.5, Double.NaN, 0.0};
        assertThat(PerformFcn.countFinite(t, 3)).isEqualTo(2);
        assertThat(PerformFcn.MSE.sum(y, t, 3, 1)).isCloseTo(2.0, within(1e-15));
        double[] dy = new double[3];
        PerformFcn.MSE.derivative(y, t, dy, 3, 1, 0.5);
        assertThat(dy).containsExactly(-1.0, 0.0, 1.0);
    }

    @Test
    void outputsAreClippedSoZeroProbabilityIsFinite() {
        double[] y = {0.0, 1.0};
        double[] t = {1, 0};
        double sum = PerformFcn.CROSSENTROPY.sum(y, t, 1, 2);
        assertThat(sum).isCloseTo(-Math.log(Math.ulp(1.0)), within(1e-9));
    }
}
