package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.train.Examples;
import dev.descent.train.Predictor;
import dev.descent.train.StopReason;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diverged run stops at once, and what it returns and saves holds finite weights (B02). */
class DivergenceTest {
    @TempDir Path folder;

    @Test
    void updateThatOverflowsAWeightStopsTheRunWhichReturnsAndSavesTheInitialWeights()
            throws IOException {
        // Case B02 (a) in float32 (1e300 is not a float): input(1) -> FC(1) -> half-MSE,
        // w = 0.01, b = 0, x = [3e38, 1], targets [0, 0], SGD 0.01, 5 iterations. The first
        // loss, 2.25e72, is finite in float64, but its gradient 3e36 * 3e38 makes w = -Inf in
        // float32; the second loss is infinite. (With w = 10 the first prediction overflows and
        // the run stops at iteration 1: TrainerTest.)
        Network network = Network.create(List.of(Layers.featureInput(1),
                Layers.fullyConnected(1), Layers.regression()), Precision.FLOAT32, new Rng(1),
                List.of());
        network.parameters().setValues(new double[] {0.01, 0});
        Examples data = Examples.regression(new float[] {3e38f, 1}, 2, 1, new float[] {0, 0}, 1);
        TrainingOptions options = TrainingOptions.builder("sgd").initialLearnRate(0.01)
                .maxEpochs(5).miniBatchSize(2).l2Regularization(0).build();

        Trainer.Result result = new Trainer(options).fit(network, data, null);
        Path file = folder.resolve("diverged.descent");
        ModelFile.write(file, result.network());
        Network loaded = ModelFile.read(file);

        StopReason stop = result.history().stopReason();
        assertThat(stop).isEqualTo(StopReason.LOSS_IS_INFINITE);
        assertThat(stop.message()).isEqualTo("Training loss is infinite");
        assertThat(stop.hint()).contains("learning rate is probably too large");
        assertThat(result.history().records()).hasSize(2);
        assertThat(result.history().records().get(0).trainingLoss()).isFinite();
        assertThat(result.history().outputNetwork()).isEqualTo("weights at the start of epoch 1:"
                + " the last update made a weight non-finite");
        assertThat(loaded.parameters().valuesAsDoubles()).containsExactly((double) 0.01f, 0);
        float[] predictions = Predictor.predict(loaded, new float[] {1, 2, -3}, 3, 1);
        assertThat(predictions).containsExactly(0.01f, 0.02f, -0.03f);
    }

    @Test
    void hugeLearningRateEndsWithFiniteWeightsThatCanBeSaved() throws IOException {
        Rng rng = new Rng(3);
        float[] x = new float[60 * 2];
        float[] t = new float[60];
        for (int i = 0; i < 60; i++) {
            x[2 * i] = (float) rng.nextGaussian();
            x[2 * i + 1] = (float) rng.nextGaussian();
            t[i] = 3 * x[2 * i] - x[2 * i + 1];
        }
        Network network = Network.create(List.of(Layers.featureInput(2),
                Layers.fullyConnected(16), Layers.tanh(), Layers.fullyConnected(1),
                Layers.regression()), Precision.FLOAT32, new Rng(4), List.of());
        TrainingOptions options = TrainingOptions.builder("sgdm").initialLearnRate(50)
                .maxEpochs(200).miniBatchSize(10).build();

        Trainer.Result result = new Trainer(options).fit(network,
                Examples.regression(x, 60, 2, t, 1), null);
        Path file = folder.resolve("lr50.descent");
        ModelFile.write(file, result.network());

        assertThat(result.history().stopReason().isDivergence()).isTrue();
        assertThat(result.history().records().size()).isLessThan(200 * 6);
        for (double w : ModelFile.read(file).parameters().valuesAsDoubles()) {
            assertThat(w).isFinite();
        }
    }
}
