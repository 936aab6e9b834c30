package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact loss values, including cases B01 and B04 of ../shared/cases. */
class LossTest {

    private static Network softmaxClassifier(int classes) {
        List<String> names = java.util.stream.IntStream.range(0, classes)
                .mapToObj(k -> "c" + (k + 1)).toList();
        return Network.create(List.of(Layers.featureInput(classes), Layers.softmax(),
                Layers.classification()), Precision.FLOAT64, new Rng(1), names);
    }

    private static double[] lossAndGradient(double[] logits, int trueClass, double[] gradient) {
        Network network = softmaxClassifier(logits.length);
        Matrix z = Matrix.of(Precision.FLOAT64, 1, logits.length, logits);
        Matrix t = Matrix.zeros(Precision.FLOAT64, 1, logits.length);
        t.set(0, trueClass, 1);
        Matrix p = network.forward(z, false);
        double loss = network.loss(t);
        Matrix g = ((ClassificationOutputLayer) network.outputLayer()).gradientFromLogits(p, t);
        System.arraycopy(g.toDoubleArray(), 0, gradient, 0, logits.length);
        return new double[] {loss};
    }

    @Test
    void equalHugeLogitsGiveLn2() {
        double[] gradient = new double[2];

        double loss = lossAndGradient(new double[] {1e8, 1e8}, 1, gradient)[0];

        assertThat(loss).isCloseTo(Math.log(2), within(1e-12));
        assertThat(gradient).containsExactly(0.5, -0.5);
    }

    @Test
    void wideLogitGapGivesAFiniteLossAndGradient() {
        double[] gradient = new double[3];

        double loss = lossAndGradient(new double[] {-431, 279, 427}, 0, gradient)[0];

        assertThat(loss).isCloseTo(858.0, within(1e-9));
        assertThat(gradient[0]).isCloseTo(-1.0, within(1e-15));
        assertThat(gradient[1]).isCloseTo(5.30e-65, within(0.01e-65));
        assertThat(gradient[2]).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void smallLogitsGiveTheTextbookValue() {
        double[] gradient = new double[3];

        double loss = lossAndGradient(new double[] {1, 2, 3}, 2, gradient)[0];

        assertThat(loss).isCloseTo(0.4076059644, within(1e-9));
    }

    @Test
    void crossEntropyAndItsGradientAreMeansOverTheBatch() {
        Network network = softmaxClassifier(3);
        Matrix z = Matrix.of(Precision.FLOAT64, 2, 3, 1, 2, 3, 0, 0, 0);
        Matrix t = Matrix.of(Precision.FLOAT64, 2, 3, 0, 0, 1, 1, 0, 0);

        Matrix p = network.forward(z, false);
        double loss = network.loss(t);
        double[] g = ((ClassificationOutputLayer) network.outputLayer())
                .gradientFromLogits(p, t).toDoubleArray();

        // (0.4076059644 + ln 3) / 2; the sum over the batch would be 1.5062.
        assertThat(loss).isCloseTo(0.7531091265, within(1e-9));
        assertThat(g).containsExactly(new double[] {0.0450152866, 0.1223642355, -0.1673795221,
                -1.0 / 3, 1.0 / 6, 1.0 / 6}, within(1e-9));
    }

    @Test
    void float32SoftmaxCrossEntropyIsFiniteForHugeLogits() {
        Network network = Network.create(List.of(Layers.featureInput(2), Layers.softmax(),
                Layers.classification()), Precision.FLOAT32, new Rng(1), List.of("a", "b"));
        Matrix z = Matrix.of(Precision.FLOAT32, 1, 2, 3e38, -3e38);
        Matrix t = Matrix.of(Precision.FLOAT32, 1, 2, 0, 1);

        network.forward(z, false);

        assertThat(network.loss(t)).isCloseTo(6e38, within(1e33));
    }

    @Test
    void halfMeanSquaredErrorDividesByObservationsOnly() {
        Network network = Network.create(List.of(Layers.featureInput(3), Layers.regression()),
                Precision.FLOAT64, new Rng(1), List.of());
        Matrix y = Matrix.zeros(Precision.FLOAT64, 2, 3);
        Matrix t = Matrix.of(Precision.FLOAT64, 2, 3, 1, 2, 2, 0, 1, 0);

        network.forward(y, false);
        double loss = network.loss(t);
        Matrix gradient = network.outputLayer().lossGradient(y, t);

        assertThat(loss).isEqualTo(2.5);
        assertThat(gradient.toDoubleArray()).containsExactly(-0.5, -1, -1, 0, -0.5, 0);
    }

    @Test
    void crossEntropyWithoutSoftmaxFloorsProbabilitiesAtEpsilon() {
        Network network = Network.create(List.of(Layers.featureInput(2),
                Layers.classification()), Precision.FLOAT64, new Rng(1), List.of("a", "b"));
        Matrix y = Matrix.of(Precision.FLOAT64, 2, 2, 0.25, 0.75, 1.0, 0.0);
        Matrix t = Matrix.of(Precision.FLOAT64, 2, 2, 0, 1, 0, 1);

        network.forward(y, false);

        double expected = (-Math.log(0.75) - Math.log(Math.ulp(1.0))) / 2;
        assertThat(network.loss(t)).isCloseTo(expected, within(1e-12));
    }
}
