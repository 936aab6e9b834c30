package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Case B05: inverted dropout, identity at prediction. */
class DropoutTest {

    private static Network dropoutNetwork(double probability) {
        return Network.create(List.of(Layers.featureInput(2), Layers.dropout(probability),
                Layers.regression()), Precision.FLOAT64, new Rng(5), List.of());
    }

    @Test
    void predictionIsTheIdentityOnEveryCall() {
        Network network = dropoutNetwork(0.5);
        Matrix x = Matrix.of(Precision.FLOAT64, 1, 2, 2, 4);

        for (int call = 0; call < 10; call++) {
            assertThat(network.forward(x, false).toDoubleArray()).containsExactly(2, 4);
        }
    }

    @Test
    void trainingKeepsOrZeroesEachValueWithTheRightMean() {
        Network network = dropoutNetwork(0.5);
        Matrix x = Matrix.of(Precision.FLOAT64, 1, 2, 2, 4);
        double[] sums = new double[2];
        int zeros = 0;
        int passes = 10_000;

        for (int pass = 0; pass < passes; pass++) {
            double[] y = network.forward(x, true).toDoubleArray();
            assertThat(y[0]).isIn(0.0, 4.0);
            assertThat(y[1]).isIn(0.0, 8.0);
            sums[0] += y[0];
            sums[1] += y[1];
            zeros += (y[0] == 0 ? 1 : 0) + (y[1] == 0 ? 1 : 0);
        }

        assertThat(sums[0] / passes).isCloseTo(2.0, within(2.0 * 0.03));
        assertThat(sums[1] / passes).isCloseTo(4.0, within(4.0 * 0.03));
        assertThat(zeros / (2.0 * passes)).isCloseTo(0.5, within(0.02));
    }

    @Test
    void probabilityZeroIsTheIdentityInTraining() {
        Network network = dropoutNetwork(0.0);
        Matrix x = Matrix.of(Precision.FLOAT64, 1, 2, 2, 4);

        assertThat(network.forward(x, true).toDoubleArray()).containsExactly(2, 4);
    }

    @Test
    void probabilityOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> Layers.dropout(1.0))
                .hasMessage("dropout probability must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> Layers.dropout(-0.1))
                .hasMessage("dropout probability must be in [0, 1), got -0.1");
    }
}
