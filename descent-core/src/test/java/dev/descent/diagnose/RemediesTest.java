package dev.descent.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The remedy sentences where a fit pattern meets a learning-rate regime. */
class RemediesTest {
    private static final Curves.Method MINI_BATCH = Curves.Method.MINI_BATCH;

    @Test
    void goodFitAloneHasNothingToFix() {
        assertThat(Remedies.of(FitPattern.GOOD_FIT, RateRegime.GOOD, 120, true, MINI_BATCH))
                .isEqualTo("Nothing to fix.");
    }

    @Test
    void goodFitWithAnOscillatingRateNamesOnlyTheRate() {
        assertThat(Remedies.of(FitPattern.GOOD_FIT, RateRegime.OSCILLATING, 120, true,
                MINI_BATCH)).isEqualTo("Lower the learning rate (for example to a third) or use"
                        + " larger mini-batches.");
    }

    @Test
    void restoredOverfittingNamesTheRestoredWeightsNotEarlyStopping() {
        // The best weights come back whether or not patience ended the run.
        assertThat(Remedies.of(FitPattern.OVERFITTING, RateRegime.GOOD, 165, true, MINI_BATCH))
                .isEqualTo("Keep the best validation weights (iteration 165, restored) and add"
                        + " dropout or L2 regularisation, or use more data.");
    }
}
