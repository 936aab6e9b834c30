package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Blas;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.tensor.RestoresBlasThreads;
import dev.descent.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Without a pass listener a network runs bias, rectifier and dropout as one pass forward and
 * dropout and rectifier as one backward; with a listener every layer runs on its own. The
 * two must give the same predictions, loss, gradients and dropout generator states, to the
 * bit, over several steps.
 */
@ExtendWith(RestoresBlasThreads.class)
class FusedPassesTest {
    private static final List<String> CLASSES = List.of("a", "b", "c");
    private static List<LayerSpec> layers(LayerSpec activation, double dropout) {
        return List.of(Layers.featureInput(30), Layers.fullyConnected(700), activation,
                Layers.dropout(dropout), Layers.fullyConnected(40), activation,
                Layers.fullyConnected(3), Layers.softmax(), Layers.classification());
    }

    /** Losses, then per step the predictions and gradients, then the dropout states. */
    private static double[] run(List<LayerSpec> specs, Precision precision, boolean listen,
            boolean training) {
        Network net = Network.create(specs, precision, new Rng(11), CLASSES);
        if (listen) {
            net.setPassListener(new PassListener() {});
        }
        Rng data = new Rng(12);
        int rows = 200;
        Matrix x = Matrix.zeros(precision, rows, 30);
        Matrix t = Matrix.zeros(precision, rows, 3);
        java.util.ArrayList<Double> out = new java.util.ArrayList<>();
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < x.size(); i++) {
                x.setFlat(i, 2 * data.nextGaussian());
            }
            t.fill(0);
            for (int r = 0; r < rows; r++) {
                t.set(r, data.nextInt(3), 1);
            }
            out.add(net.computeGradients(x, t, training));
            for (double p : net.forward(x, training).toFloatArray()) {
                out.add(p);
            }
            net.computeGradients(x, t, training);
            for (double g : net.parameters().gradientsAsDoubles()) {
                out.add(g);
            }
        }
        for (long state : net.dropoutStates()) {
            out.add((double) state);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void sameWithAndWithoutListener(List<LayerSpec> specs, Precision precision,
            boolean training) {
        double[] fused = run(specs, precision, false, training);
        double[] layered = run(specs, precision, true, training);
        assertThat(fused.length).isEqualTo(layered.length);
        for (int i = 0; i < fused.length; i++) {
            assertThat(Double.doubleToRawLongBits(fused[i]))
                    .as("%s %s training=%s, value %d: %s against %s", specs.get(2), precision,
                            training, i, fused[i], layered[i])
                    .isEqualTo(Double.doubleToRawLongBits(layered[i]));
        }
    }

    @Test
    void fusedPassesGiveTheValuesOfTheLayersOneByOne() {
        for (int count : new int[] {1, 3}) {
            Blas.setThreads(count);
            for (Precision precision : Precision.values()) {
                for (LayerSpec activation : List.of(Layers.relu(), Layers.leakyRelu(0.2))) {
                    sameWithAndWithoutListener(layers(activation, 0.3), precision, true);
                    sameWithAndWithoutListener(layers(activation, 0.3), precision, false);
                    sameWithAndWithoutListener(layers(activation, 0), precision, true);
                }
            }
        }
    }

    @Test
    void aListenerSetBetweenAFusedForwardAndTheBackwardGetsTheSameGradients() {
        // The fused forward of a masked ReLU keeps only its masked output, not z; a backward
        // layer by layer after it must still find the ReLU's derivative.
        for (Precision precision : Precision.values()) {
            double[][] gradients = new double[2][];
            for (int late = 0; late < 2; late++) {
                Network net = Network.create(layers(Layers.relu(), 0.3), precision, new Rng(11),
                        CLASSES);
                if (late == 0) {
                    net.setPassListener(new PassListener() {});
                }
                Rng data = new Rng(12);
                Matrix x = Matrix.zeros(precision, 50, 30);
                Matrix t = Matrix.zeros(precision, 50, 3);
                for (int i = 0; i < x.size(); i++) {
                    x.setFlat(i, 2 * data.nextGaussian());
                }
                for (int r = 0; r < 50; r++) {
                    t.set(r, data.nextInt(3), 1);
                }
                // Two steps first, so that the biases are no longer 0 (x W + b is not x W).
                dev.descent.optim.Adam adam = new dev.descent.optim.Adam();
                for (int step = 0; step < 2; step++) {
                    net.computeGradients(x, t, true);
                    adam.pullStepPush(net.parameters(), 0.05, 0);
                }
                net.forward(x, true);
                net.loss(t);
                net.setPassListener(new PassListener() {});
                net.backward(t);
                gradients[late] = net.parameters().gradientsAsDoubles();
            }
            assertThat(gradients[1]).as("%s", precision).containsExactly(gradients[0]);
            assertThat(java.util.Arrays.stream(gradients[1]).filter(g -> g != 0).count())
                    .isGreaterThan(gradients[1].length / 2);
        }
    }

    @Test
    void aNetworkThatCannotFuseStillTrains() {
        // tanh is not fused; the same values either way as well.
        sameWithAndWithoutListener(layers(Layers.tanh(), 0.3), Precision.FLOAT32, true);
    }
}
