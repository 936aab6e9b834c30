package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listener sees the engine's own numbers, layer by layer, in pass order. */
class PassListenerTest {

    /** Records "event layer values..." lines. */
    static final class Recorder implements PassListener {
        final List<String> events = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();

        @Override
        public void forwarded(int index, Layer layer, Matrix input, Matrix output) {
            events.add("forward " + index + " " + layer.name());
            values.add(output.toDoubleArray());
        }

        @Override
        public void lossGradient(Matrix gradient, boolean fusedWithSoftmax) {
            events.add("loss " + fusedWithSoftmax);
            values.add(gradient.toDoubleArray());
        }

        @Override
        public void backwarded(int index, Layer layer, Matrix outputGrad, Matrix inputGrad) {
            events.add("backward " + index + " " + layer.name() + (inputGrad == null ? " -" : ""));
            values.add(inputGrad == null ? null : inputGrad.toDoubleArray());
        }
    }

    /**
     * 2-2-1 with hand-set weights: x = [1, 2]; W1 = [[1, -1], [0.5, 1]] (in x out), b1 = [0, -3];
     * z1 = [2, -2], a1 = relu = [2, 0]; W2 = [[0.5], [2]], b2 = [0.25]; yhat = 1.25; t = 1.
     * dL/dyhat = 0.25; dW2 = a1^T 0.25 = [0.5, 0]; dL/da1 = 0.25 W2^T = [0.125, 0.5];
     * delta1 = [0.125, 0] (relu' = [1, 0]); dW1 = x^T delta1 = [[0.125, 0], [0.25, 0]].
     */
    @Test
    void seesEveryLayerOfForwardAndBackwardWithTheChainRuleNumbers() {
        Network network = Network.create(List.of(Layers.featureInput(2),
                Layers.fullyConnected(2), Layers.relu(), Layers.fullyConnected(1),
                Layers.regression()), Precision.FLOAT64, new Rng(1), List.of());
        network.parameters().setValues(new double[] {1, -1, 0.5, 1, 0, -3, 0.5, 2, 0.25});
        Recorder recorder = new Recorder();
        network.setPassListener(recorder);

        double loss = network.computeGradients(Matrix.of(Precision.FLOAT64, 1, 2, 1, 2),
                Matrix.of(Precision.FLOAT64, 1, 1, 1), true);

        assertThat(loss).isEqualTo(0.03125);
        assertThat(recorder.events).containsExactly("forward 0 input", "forward 1 fc_1",
                "forward 2 relu_1", "forward 3 fc_2", "loss false", "backward 3 fc_2",
                "backward 2 relu_1", "backward 1 fc_1 -");
        assertThat(recorder.values.get(1)).containsExactly(2, -2);
        assertThat(recorder.values.get(2)).containsExactly(2, 0);
        assertThat(recorder.values.get(3)).containsExactly(1.25);
        assertThat(recorder.values.get(4)).containsExactly(0.25);
        assertThat(recorder.values.get(5)).containsExactly(0.125, 0.5);
        assertThat(recorder.values.get(6)).containsExactly(0.125, 0);
        assertThat(network.parameters().gradientsAsDoubles())
                .containsExactly(0.125, 0, 0.25, 0, 0.125, 0, 0.5, 0, 0.25);
    }

    @Test
    void softmaxWithCrossEntropyStartsBelowTheSoftmax() {
        Network network = Network.create(List.of(Layers.featureInput(2),
                Layers.fullyConnected(2), Layers.softmax(), Layers.classification()),
                Precision.FLOAT64, new Rng(1), List.of("a", "b"));
        network.parameters().setValues(new double[] {1, 0, 0, 1, 0, 0});
        Recorder recorder = new Recorder();
        network.setPassListener(recorder);

        network.computeGradients(Matrix.of(Precision.FLOAT64, 1, 2, 0, 0),
                Matrix.of(Precision.FLOAT64, 1, 2, 1, 0), true);

        assertThat(recorder.events).containsExactly("forward 0 input", "forward 1 fc_1",
                "forward 2 softmax", "loss true", "backward 1 fc_1 -");
        assertThat(recorder.values.get(3)).containsExactly(new double[] {-0.5, 0.5},
                within(1e-15));
    }

    @Test
    void noListenerAfterRemovingIt() {
        Network network = Network.create(List.of(Layers.featureInput(1),
                Layers.fullyConnected(1), Layers.regression()), Precision.FLOAT32, new Rng(1),
                List.of());
        Recorder recorder = new Recorder();
        network.setPassListener(recorder);
        network.setPassListener(null);

        network.computeGradients(Matrix.of(Precision.FLOAT32, 1, 1, 1),
                Matrix.of(Precision.FLOAT32, 1, 1, 0), true);

        assertThat(recorder.events).isEmpty();
        assertThat(network.passListener()).isNull();
    }
}
