package dev.descent.shallow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.CsvReader;
import dev.descent.data.LabeledData;
import dev.descent.optim.batch.EpochRecord;
import dev.descent.optim.batch.FullBatchTrainer;
import dev.descent.optim.batch.GradientDescent;
import dev.descent.optim.batch.StoppingCriteria;
import dev.descent.util.Rng;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShallowTrainerTest {
    static LabeledData iris() throws Exception {
        return CsvReader.read(resource("iris.csv"));
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ShallowTrainerTest.class.getResource(name).toURI());
    }

    static double[] inputs(LabeledData data) {
        float[] f = data.features();
        double[] x = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            x[i] = f[i];
        }
        return x;
    }

    static double accuracy(ShallowNetwork net, double[] x, int[] labels, int[] subset, int f) {
        double[] xs = new double[subset.length * f];
        for (int i = 0; i < subset.length; i++) {
            System.arraycopy(x, subset[i] * f, xs, i * f, f);
        }
        int[] predicted = net.classify(xs, subset.length);
        int right = 0;
        for (int i = 0; i < subset.length; i++) {
            right += predicted[i] == labels[subset[i]] ? 1 : 0;
        }
        return (double) right / subset.length;
    }

    /** Case B17: validation path with a tie, max_fail 6. */
    @Test
    void validationFailuresFollowTheClassicRuleAndTheBestEpochIsReturned() {
        double[] path = {0.50, 0.40, 0.40, 0.45, 0.41, 0.42, 0.43, 0.44, 0.46};
        int[] calls = {0};
        List<double[]> seen = new ArrayList<>();
        FullBatchTrainer trainer = new FullBatchTrainer(new GradientDescent(0.1))
                .stopping(new StoppingCriteria(1000, 0, 6, 0, Double.POSITIVE_INFINITY));
        // The objective (w - 3)^2 moves w every epoch, so each epoch's weights differ.
        FullBatchTrainer.Result result = trainer.train((w, g) -> {
            g[0] = 2 * (w[0] - 3);
            return (w[0] - 3) * (w[0] - 3) + 1;
        }, new double[] {0}, w -> {
            seen.add(w.clone());
            return path[calls[0]++];
        }, w -> 99.0);
        assertThat(result.stopReason().message()).isEqualTo("Validation stop.");
        assertThat(result.epochs()).isEqualTo(8);
        assertThat(result.bestEpoch()).isEqualTo(1);
        assertThat(result.parameters()).containsExactly(seen.get(1));
        assertThat(result.records().stream().mapToInt(r -> r.validationFailures()).toArray())
                .containsExactly(0, 0, 0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void irisReachesNinetyThreePercentTestAccuracyForMostSeeds() throws Exception {
        LabeledData data = iris();
        double[] x = inputs(data);
        double[] t = ShallowNetwork.oneHot(data.labels(), 3);
        int good = 0;
        StringBuilder accuracies = new StringBuilder();
        for (long seed = 1; seed <= 10; seed++) {
            ShallowTraining run = ShallowNetwork.patternnet().train(x, 150, t, 3, new Rng(seed),
                    null);
            double acc = accuracy(run.network(), x, data.labels(), run.record().testInd(), 4);
            accuracies.append(String.format("%.3f ", acc));
            good += acc >= 0.93 ? 1 : 0;
        }
        assertThat(good).as("test accuracies %s", accuracies).isGreaterThanOrEqualTo(7);
    }

    @Test
    void theRecordHasOneEntryPerEpochAndTheNetworkIsTheBestValidationOne() throws Exception {
        LabeledData data = iris();
        double[] x = inputs(data);
        double[] t = ShallowNetwork.oneHot(data.labels(), 3);
        ShallowNetwork spec = ShallowNetwork.patternnet(8);
        ShallowTraining run = spec.train(x, 150, t, 3, new Rng(356), null);
        TrainingRecord tr = run.record();
        assertThat(spec.isConfigured()).isFalse();
        assertThat(tr.perf()).hasSize(tr.numEpochs() + 1);
        assertThat(tr.vperf()).hasSize(tr.numEpochs() + 1);
        assertThat(tr.trainInd()).hasSize(104);
        assertThat(tr.valInd()).hasSize(23);
        assertThat(tr.testInd()).hasSize(23);
        assertThat(tr.states()).containsKey("lambda");
        assertThat(tr.stop()).isIn("Validation stop.", "Minimum gradient reached.",
                "Maximum epoch reached.");
        double vmin = Double.POSITIVE_INFINITY;
        for (double v : tr.vperf()) {
            vmin = Math.min(vmin, v);
        }
        assertThat(tr.bestVperf()).isEqualTo(vmin);
        ShallowNetwork net = run.network();
        double[] processed = net.processInputs(x, 150);
        assertThat(net.objective(processed, t, tr.valInd()).value(net.getwb()))
                .isCloseTo(tr.bestVperf(), within(1e-15));
        assertThat(net.objective(processed, t, tr.trainInd()).value(net.getwb()))
                .isCloseTo(tr.bestPerf(), within(1e-15));
        if (tr.stop().equals("Validation stop.")) {
            assertThat(tr.valFail()[tr.numEpochs()]).isEqualTo(6);
            assertThat(tr.numEpochs() - tr.bestEpoch()).isGreaterThanOrEqualTo(6);
        }

        ShallowTraining again = spec.train(x, 150, t, 3, new Rng(356), null);
        assertThat(again.record().perf()).containsExactly(tr.perf());
        assertThat(again.network().getwb()).containsExactly(net.getwb());
    }

    @Test
    void aListenerThatAsksToStopEndsTheRunWithUserStopAfterOneMoreEpoch() throws Exception {
        LabeledData data = iris();
        ShallowNetwork spec = ShallowNetwork.patternnet(5);
        spec.trainParam().epochs(1000);
        List<Integer> epochs = new ArrayList<>();
        ShallowTrainer.Listener stopAtThree = new ShallowTrainer.Listener() {
            @Override
            public void epoch(EpochRecord record) {
                epochs.add(record.epoch());
            }

            @Override
            public boolean stopRequested() {
                return epochs.get(epochs.size() - 1) >= 3;
            }
        };

        ShallowTraining run = spec.train(inputs(data), 150,
                ShallowNetwork.oneHot(data.labels(), 3), 3, new Rng(1), stopAtThree);

        // Asked after epoch 3's row: epoch 4 runs, then the check before epoch 5 stops.
        assertThat(run.record().stop()).isEqualTo("User stop.");
        assertThat(run.record().numEpochs()).isEqualTo(4);
        assertThat(epochs).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void maxFailZeroMergesValidationIntoTraining() throws Exception {
        LabeledData data = iris();
        ShallowNetwork spec = ShallowNetwork.patternnet(5);
        spec.trainParam().maxFail(0).epochs(20);
        ShallowTraining run = spec.train(inputs(data), 150,
                ShallowNetwork.oneHot(data.labels(), 3), 3, new Rng(1), null);
        assertThat(run.record().trainInd()).hasSize(127);
        assertThat(run.record().valInd()).isEmpty();
        assertThat(run.record().vperf()[0]).isNaN();
        assertThat(run.record().numEpochs()).isEqualTo(20);
        assertThat(run.record().stop()).isEqualTo("Maximum epoch reached.");
    }

    @Test
    void commandLineOutputHasMatlabsLines() throws Exception {
        LabeledData data = iris();
        ShallowNetwork spec = ShallowNetwork.patternnet(5);
        spec.trainParam().epochs(30).show(10);
        List<String> lines = new ArrayList<>();
        spec.train(inputs(data), 150, ShallowNetwork.oneHot(data.labels(), 3), 3, new Rng(1),
                new ShallowTrainer.Listener() {
                    @Override
                    public void line(String text) {
                        lines.add(text);
                    }
                });
        assertThat(lines.get(0))
                .isEqualTo("Training Pattern Recognition Neural Network with TRAINSCG.");
        assertThat(lines.get(1)).matches("Epoch 0/30, Time [0-9.]+, Performance [0-9.e-]+/0, "
                + "Gradient [0-9.e-]+/1e-06, Validation Checks 0/6");
        assertThat(lines.get(lines.size() - 1)).startsWith("Training with TRAINSCG completed: ");
    }

    @Test
    void fitnetLearnsASmoothFunction() {
        Rng rng = new Rng(4);
        int n = 200;
        double[] x = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -3 + 6 * rng.nextDouble();
            t[i] = 100 + 20 * Math.sin(x[i]);
        }
        ShallowTraining run = ShallowNetwork.fitnet(10).train(x, n, t, 1, new Rng(5), null);
        double[] y = run.network().predict(x, n);
        double sse = 0;
        for (int i = 0; i < n; i++) {
            sse += (y[i] - t[i]) * (y[i] - t[i]);
        }
        // Targets vary with variance 200; a good fit has RMSE well under 1.
        assertThat(Math.sqrt(sse / n)).isLessThan(1.0);
    }

    @Test
    void builtInDigitsWithFiftyHiddenUnitsReachEightyNinePercent() throws Exception {
        Rng rng = new Rng(356);
        LabeledData data = dev.descent.data.BuiltinDigits.load().splitEachLabel(rng.split(), 500)
                .part(1).readAll();
        double[] x = inputs(data);
        ShallowTraining run = ShallowNetwork.patternnet(50).train(x, 5000,
                ShallowNetwork.oneHot(data.labels(), 10), 10, rng.split(), null);
        // 91.2% when measured; a scikit-learn MLP of this size reaches about 91%.
        assertThat(accuracy(run.network(), x, data.labels(), run.record().testInd(), 784))
                .isGreaterThanOrEqualTo(0.89);
        assertThat(run.record().testInd()).hasSize(750);
    }
}
