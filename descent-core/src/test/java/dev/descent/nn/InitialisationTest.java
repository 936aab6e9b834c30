package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fully connected layers start as MATLAB's: Glorot-uniform weights, zero biases. */
class InitialisationTest {

    @Test
    void weightsAreUniformOnPlusMinusGlorotsLimitAndBiasesZero() {
        Network network = Network.create(List.of(Layers.featureInput(784),
                Layers.fullyConnected(64), Layers.relu(), Layers.fullyConnected(10),
                Layers.softmax(), Layers.classification()), Precision.FLOAT32, new Rng(356),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        List<Parameter> parameters = network.parameters().parameters();
        assertThat(parameters).extracting(Parameter::name).containsExactly("fc_1/weights",
                "fc_1/bias", "fc_2/weights", "fc_2/bias");
        double[][] limits = {{784, 64}, {64, 10}};

        for (int layer = 0; layer < 2; layer++) {
            Parameter weights = parameters.get(2 * layer);
            double limit = Math.sqrt(6 / (limits[layer][0] + limits[layer][1]));
            double sum = 0;
            double squares = 0;
            double largest = 0;
            int n = weights.size();
            for (int i = 0; i < n; i++) {
                double w = weights.value().getFlat(i);
                sum += w;
                squares += w * w;
                largest = Math.max(largest, Math.abs(w));
            }
            assertThat(n).isEqualTo((int) (limits[layer][0] * limits[layer][1]));
            assertThat(largest).isLessThanOrEqualTo(limit).isGreaterThan(0.98 * limit);
            // U(-L, L) has mean 0 and variance L^2 / 3.
            double sd = Math.sqrt(limit * limit / 3 / n);
            assertThat(sum / n).isCloseTo(0, within(4 * sd));
            assertThat(squares / n).isCloseTo(limit * limit / 3, within(0.1 * limit * limit / 3));
            Parameter bias = parameters.get(2 * layer + 1);
            for (int i = 0; i < bias.size(); i++) {
                assertThat(bias.value().getFlat(i)).isZero();
            }
        }
    }
}
