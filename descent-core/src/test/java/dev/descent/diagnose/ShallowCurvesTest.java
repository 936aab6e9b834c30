package dev.descent.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.shallow.Division;
import dev.descent.shallow.PerformFcn;
import dev.descent.shallow.TrainingRecord;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shallow networks' curves (MATLAB's per-epoch perf and vperf) and their baselines, by hand;
 * real patternnet and fitnet runs are in descent-cli's ShallowDiagnosisTest.
 */
class ShallowCurvesTest {
    private static final double NONE = Double.NaN;

    /** A training record of {@code trainFcn} with these curves; no validation set when null. */
    private static TrainingRecord record(String trainFcn, double[] perf, double[] vperf,
            int bestEpoch) {
        int n = perf.length;
        double[] none = new double[n];
        Arrays.fill(none, NONE);
        Division division = new Division(new int[] {0, 1, 2},
                vperf == null ? new int[0] : new int[] {3}, new int[0]);
        return new TrainingRecord(trainFcn, Map.of(), "crossentropy", 0, "dividerand",
                Map.of(), division, "Validation stop.", bestEpoch, 0, new double[n], perf,
                vperf == null ? none : vperf, none, new double[n], new int[n], Map.of());
    }

    private static double[] line(int n, double from, double to) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = from + (to - from) * i / (n - 1);
        }
        return values;
    }

    @Test
    void theBaselineIsMatlabsPerformanceOfPredictingTheMeanTrainingTarget() {
        // One-hot targets of classes 0, 2, 2, 2 (K = 3): the class-frequency cross-entropy
        // 1/4 ln 4 + 3/4 ln(4/3) = 0.5623351446188083, divided by the 3 outputs.
        double[] t = {1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1};
        Baseline all = Baseline.meanTarget(PerformFcn.CROSSENTROPY, t, 3, new int[] {0, 1, 2, 3});
        assertThat(all.value()).isCloseTo(0.5623351446188083 / 3, within(1e-15));
        assertThat(all.meaning()).isEqualTo("the cross-entropy of predicting the class"
                + " frequencies, averaged over classes x samples as MATLAB");
        // Only the training rows count: observations 0 and 1 are half class 0, half class 2.
        assertThat(Baseline.meanTarget(PerformFcn.CROSSENTROPY, t, 3, new int[] {0, 1}).value())
                .isCloseTo(Math.log(2) / 3, within(1e-15));

        // mse: targets 1, 2, 3, 4 (and 100 outside the training rows) have mean 2.5 and mean
        // squared deviation (2.25 + 0.25 + 0.25 + 2.25) / 4.
        double[] y = {1, 2, 3, 4, 100};
        Baseline mse = Baseline.meanTarget(PerformFcn.MSE, y, 1, new int[] {0, 1, 2, 3});
        assertThat(mse.value()).isCloseTo(1.25, within(1e-15));
        assertThat(mse.meaning()).isEqualTo("the mse of predicting the mean training target");
        // Two outputs, one target missing: column 0 is 1, 3, 5 (deviations 8 in all), column 1
        // is NaN, 10, 20 (50); MATLAB divides by the 5 finite targets.
        double[] two = {1, NONE, 3, 10, 5, 20};
        assertThat(Baseline.meanTarget(PerformFcn.MSE, two, 2, new int[] {0, 1, 2}).value())
                .isCloseTo(58.0 / 5, within(1e-13));
        assertThatThrownBy(() -> Baseline.meanTarget(PerformFcn.MSE, new double[] {NONE}, 1,
                new int[] {0})).hasMessage("the training targets are all missing (NaN)");
    }

    @Test
    void targetsThatDoNotVaryLeaveNothingToDiagnose() {
        Baseline flat = Baseline.meanTarget(PerformFcn.MSE, new double[] {5, 5, 5}, 1,
                new int[] {0, 1, 2});
        assertThat(flat.value()).isZero();
        Diagnosis d = Diagnoser.diagnose(Curves.of(record("trainscg", line(10, 3, 0.1),
                line(10, 3, 0.2), 9)), flat);
        assertThat(d.fit()).isEqualTo(FitPattern.UNDETERMINED);
        assertThat(d.rate()).isEqualTo(RateRegime.UNDETERMINED);
        assertThat(d.explanation()).startsWith("The training targets do not vary (baseline 0,");
        assertThat(d.remedy()).isEqualTo("Use data whose targets vary.");
        assertThatThrownBy(() -> new Baseline(-1, "x"))
                .hasMessage("baseline loss must be finite and at least 0, got -1.0");
    }

    @Test
    void theRecordGivesEpochZeroFirstAndTheRestoredBestEpoch() {
        double[] perf = {0.9, 0.5, 0.3, 0.25};
        double[] vperf = {0.8, 0.4, 0.35, 0.37};
        Curves curves = Curves.of(record("traingdx", perf, vperf, 2));
        assertThat(curves.steps()).containsExactly(0, 1, 2, 3);
        assertThat(curves.training()).containsExactly(perf);
        assertThat(curves.validation()).containsExactly(vperf);
        assertThat(curves.restoredBest()).isTrue();
        assertThat(curves.method()).isEqualTo(new Curves.Method("epoch", true, false, true));
        assertThat(Curves.of(record("trainscg", perf, vperf, 3)).restoredBest()).isFalse();
        assertThat(Curves.of(record("trainrp", perf, vperf, 3)).method().learnRate()).isFalse();
        Curves alone = Curves.of(record("trainscg", perf, null, 3));
        assertThat(alone.validation()).containsOnly(NONE);
        assertThat(alone.restoredBest()).isFalse();
        assertThatThrownBy(() -> new Curves(Curves.Method.MINI_BATCH, new int[] {0, 1},
                new double[] {1}, new double[] {1, 1}, false))
                .hasMessageStartingWith("curves need one training and one validation value");
    }

    @Test
    void aZigzagIsOscillationOnlyForAFunctionWithALearningRate() {
        double[] vperf = new double[41];
        for (int i = 0; i < 41; i++) {
            vperf[i] = 0.2 + (i % 2 == 0 ? 0.011 : -0.011);
        }
        double[] perf = new double[41];
        Arrays.fill(perf, 0.15);
        Baseline one = new Baseline(1, "one");
        Diagnosis gd = Diagnoser.diagnose(Curves.of(record("traingd", perf, vperf, 1)), one);
        assertThat(gd.rate()).isEqualTo(RateRegime.OSCILLATING);
        // Full batch: no mini-batches to enlarge.
        assertThat(gd.remedy()).isEqualTo("Lower the learning rate (for example to a third).");
        Diagnosis scg = Diagnoser.diagnose(Curves.of(record("trainscg", perf, vperf, 1)), one);
        assertThat(scg.rate()).isEqualTo(RateRegime.NOT_APPLICABLE);
        assertThat(scg.label()).isEqualTo("good fit");
        assertThat(scg.figures().validationJitter()).isCloseTo(0.022, within(1e-12));
    }

    @Test
    void aStartFarAboveTheBaselineThatFallsIsNotDivergence() {
        // patternnet's random output weights can start at 4 times the baseline; three epochs
        // bring it to 0.9 of it: high, and still falling, but not divergent.
        double[] perf = {4, 2.6, 1.5, 0.9};
        double[] vperf = {4.2, 2.7, 1.6, 1.0};
        Baseline one = new Baseline(1, "one");
        Diagnosis scg = Diagnoser.diagnose(Curves.of(record("trainscg", perf, vperf, 3)), one);
        assertThat(scg.rate()).isEqualTo(RateRegime.NOT_APPLICABLE);
        assertThat(scg.fit()).isEqualTo(FitPattern.UNDERFITTING);
        assertThat(scg.remedy()).isEqualTo("Use a bigger network (more hidden units), train for"
                + " more epochs or use more data.");
        Diagnosis gd = Diagnoser.diagnose(Curves.of(record("traingd", perf, vperf, 3)), one);
        assertThat(gd.label()).isEqualTo("underfitting (rate too slow)");
        // The same levels reached by a rise from the baseline are divergence.
        double[] rising = {1, 2.6, 1.8, 1.6};
        assertThat(Diagnoser.diagnose(Curves.of(record("traingd", rising, null, 3)), one).rate())
                .isEqualTo(RateRegime.DIVERGENT);
        assertThat(Diagnoser.diagnose(Curves.of(record("trainscg", rising, null, 3)), one)
                .remedy()).startsWith("Check the data for extreme or missing values");
    }

    @Test
    void overfittingNamesTheBestEpochAndMatlabsKnobs() {
        double[] vperf = new double[50];
        for (int i = 0; i < 50; i++) {
            vperf[i] = i <= 30 ? 1 - 0.9 * i / 30 : 0.1 + 0.0006 * (i - 30);
        }
        Diagnosis d = Diagnoser.diagnose(Curves.of(record("trainscg", line(50, 1, 0.02), vperf,
                30)), new Baseline(1, "one"));
        assertThat(d.fit()).isEqualTo(FitPattern.OVERFITTING);
        assertThat(d.explanation()).contains("fell to 0.1000 at epoch 30",
                "the weights of epoch 30 (best validation) were restored");
        assertThat(d.remedy()).isEqualTo("Keep the best validation weights (epoch 30,"
                + " restored) and add regularisation (performParam.regularization), or use more"
                + " data.");
    }
}
