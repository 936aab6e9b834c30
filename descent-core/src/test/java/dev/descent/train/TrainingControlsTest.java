package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.LabeledData;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.nn.ParameterStore;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * L2 regularisation, gradient thresholds, shuffling and per-layer factors, with hand-computed
 * numbers (reference/matlab-semantics.md sections 1.4 to 1.7).
 */
class TrainingControlsTest {

    /** featureInput(2) -> fc(2) -> regression: W = [1 -2; 3 0.5], b = [4 -1]. */
    private static ParameterStore storeWithGradients() {
        Network net = Network.create(List.of(Layers.featureInput(2), Layers.fullyConnected(2),
                Layers.regression()), Precision.FLOAT64, new Rng(1), List.of());
        ParameterStore store = net.parameters();
        store.setValues(new double[] {1, -2, 3, 0.5, 4, -1});
        double[] g = {0.3, 0.4, 0, 0, 3, 4};
        System.arraycopy(g, 0, store.heapGradients64(), 0, g.length);
        return store;
    }

    @Test
    void l2AddsLambdaTimesWeightToWeightGradientsOnly() {
        ParameterStore store = storeWithGradients();

        Gradients.addL2(store, 0.1);

        assertThat(store.heapGradients64()).containsExactly(
                new double[] {0.4, 0.2, 0.3, 0.05, 3, 4}, within(1e-15));
    }

    @Test
    void l2normThresholdScalesEachArrayOnItsOwn() {
        ParameterStore store = storeWithGradients();
        Gradients.addL2(store, 0.1);

        Gradients.threshold(store, TrainingOptions.GradientThresholdMethod.L2NORM, 1);

        // |gW| = sqrt(0.2925) < 1 stays; |gb| = 5 becomes 1.
        assertThat(store.heapGradients64()).containsExactly(
                new double[] {0.4, 0.2, 0.3, 0.05, 0.6, 0.8}, within(1e-15));
    }

    @Test
    void globalL2normThresholdScalesAllArraysTogether() {
        ParameterStore store = storeWithGradients();
        Gradients.addL2(store, 0.1);

        Gradients.threshold(store, TrainingOptions.GradientThresholdMethod.GLOBAL_L2NORM, 1);

        // Joint norm sqrt(25.2925) = 5.029165; every value divided by it.
        assertThat(store.heapGradients64()).containsExactly(new double[] {0.0795361,
                0.0397680, 0.0596521, 0.0099420, 0.5965205, 0.7953607}, within(1e-6));
    }

    @Test
    void absoluteValueThresholdClampsEveryElement() {
        ParameterStore store = storeWithGradients();
        Gradients.addL2(store, 0.1);

        Gradients.threshold(store, TrainingOptions.GradientThresholdMethod.ABSOLUTE_VALUE, 0.25);

        assertThat(store.heapGradients64()).containsExactly(
                new double[] {0.25, 0.2, 0.25, 0.05, 0.25, 0.25}, within(1e-15));
    }

    @Test
    void infiniteThresholdChangesNothing() {
        ParameterStore store = storeWithGradients();

        Gradients.threshold(store, TrainingOptions.GradientThresholdMethod.ABSOLUTE_VALUE,
                Double.POSITIVE_INFINITY);

        assertThat(store.heapGradients64()).containsExactly(0.3, 0.4, 0, 0, 3, 4);
    }

    /** One observation x = 1, t = 0 through y = w x + b with w = 2, b = 0. */
    private static Trainer.Result oneSgdStep(LayerSpec.FullyConnected fc, double l2,
            double threshold) {
        Network net = Network.create(List.of(Layers.featureInput(1), fc, Layers.regression()),
                Precision.FLOAT64, new Rng(1), List.of());
        net.parameters().setValues(new double[] {2, 0});
        TrainingOptions options = TrainingOptions.builder("sgd").initialLearnRate(0.1)
                .l2Regularization(l2).gradientThreshold(
                        TrainingOptions.GradientThresholdMethod.ABSOLUTE_VALUE, threshold)
                .maxEpochs(1).miniBatchSize(1).build();
        Examples data = Examples.regression(new float[] {1}, 1, 1, new float[] {0}, 1);
        return new Trainer(options).fit(net, data, null);
    }

    @Test
    void l2IsAddedBeforeClippingAndLeftOutOfTheReportedLoss() {
        // Data gradient dw = db = 2. With L2 first: dw = 2 + 1 * 2 = 4, clipped to 0.5, so
        // w = 2 - 0.1 * 0.5 = 1.95 (clipping first would give 2 - 0.1 * 2.5 = 1.75); the bias
        // has L2 factor 0: db = 2 -> 0.5, b = -0.05. Loss 0.5 * 2^2 = 2 without the 2.0 penalty.
        Trainer.Result result = oneSgdStep(Layers.fullyConnected(1), 1.0, 0.5);

        assertThat(result.network().parameters().valuesAsDoubles())
                .containsExactly(new double[] {1.95, -0.05}, within(1e-15));
        assertThat(result.history().records().get(0).trainingLoss()).isEqualTo(2.0);
    }

    @Test
    void perLayerFactorsScaleTheRateAndTheL2TermOfEachArray() {
        // Weights frozen (rate factor 0); bias at twice the rate with L2 factor 1:
        // db = 2 + 0.5 * 0 = 2 (b = 0), b = 0 - 0.2 * 2 = -0.4.
        LayerSpec.FullyConnected fc = Layers.fullyConnected(1).withLearnRateFactors(0, 2)
                .withL2Factors(1, 1);

        Trainer.Result result = oneSgdStep(fc, 0.5, Double.POSITIVE_INFINITY);

        assertThat(result.network().parameters().valuesAsDoubles())
                .containsExactly(new double[] {2, -0.4}, within(1e-15));
    }

    /** The training order after each epoch of a 3-epoch run with {@code shuffle}. */
    private static List<int[]> orders(TrainingOptions.Shuffle shuffle) {
        LabeledData data = TrainerTest.blobs(4, 1);
        Network net = Network.create(List.of(Layers.featureInput(4), Layers.fullyConnected(3),
                Layers.softmax(), Layers.classification()), Precision.FLOAT32, new Rng(1),
                List.of("a", "b", "c"));
        TrainingOptions options = TrainingOptions.builder("sgdm").shuffle(shuffle)
                .maxEpochs(3).miniBatchSize(4).seed(5).build();
        List<int[]> orders = new ArrayList<>();
        new Trainer(options, new TrainingListener() {
            @Override
            public void epochFinished(Trainer.Checkpoint checkpoint) {
                orders.add(checkpoint.order().clone());
            }
        }).fit(net, Examples.classification(data), null);
        return orders;
    }

    @Test
    void shuffleNeverOnceAndEveryEpochPermuteAsMatlab() {
        int[] identity = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

        List<int[]> never = orders(TrainingOptions.Shuffle.NEVER);
        List<int[]> once = orders(TrainingOptions.Shuffle.ONCE);
        List<int[]> every = orders(TrainingOptions.Shuffle.EVERY_EPOCH);

        assertThat(never).allSatisfy(order -> assertThat(order).containsExactly(identity));
        assertThat(once.get(0)).isNotEqualTo(identity).containsExactlyInAnyOrder(identity);
        assertThat(once).allSatisfy(order -> assertThat(order).containsExactly(once.get(0)));
        assertThat(every.get(0)).containsExactly(once.get(0));
        assertThat(Arrays.equals(every.get(1), every.get(0))).isFalse();
        assertThat(Arrays.equals(every.get(2), every.get(1))).isFalse();
        assertThat(every.get(2)).containsExactlyInAnyOrder(identity);
    }
}
