package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The float32 loss after a softmax comes from the row sums the softmax kept; it must be the
 * loss computed afresh from the logits, to the bit, and fall back to it where no sums were
 * kept.
 */
class SoftmaxLossTest {
    private static final List<String> CLASSES =
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static Network softmaxOnly() {
        return Network.create(List.of(Layers.featureInput(10), Layers.softmax(),
                Layers.classification()), Precision.FLOAT32, new Rng(1), CLASSES);
    }

    @Test
    void lossFromKeptRowSumsIsTheLossFromTheLogits() {
        Network network = softmaxOnly();
        ClassificationOutputLayer fresh =
                new ClassificationOutputLayer("check", 10, Precision.FLOAT32);
        Rng rng = new Rng(4);
        for (int rows : new int[] {1, 7, 64}) {
            Matrix z = Matrix.zeros(Precision.FLOAT32, rows, 10);
            Matrix t = Matrix.zeros(Precision.FLOAT32, rows, 10);
            for (int i = 0; i < z.size(); i++) {
                z.setFlat(i, 30 * (rng.nextDouble() - 0.5));
            }
            for (int r = 0; r < rows; r++) {
                t.set(r, rng.nextInt(10), 1);
            }
            network.forward(z, true);
            assertThat(Double.doubleToRawLongBits(network.loss(t))).as("%d rows", rows)
                    .isEqualTo(Double.doubleToRawLongBits(fresh.lossFromLogits(z, t)));
        }
    }

    @Test
    void aRowWithAnInfiniteLogitFallsBackToTheLogits() {
        Network network = softmaxOnly();
        ClassificationOutputLayer fresh =
                new ClassificationOutputLayer("check", 10, Precision.FLOAT32);
        Matrix finite = Matrix.zeros(Precision.FLOAT32, 2, 10);
        Matrix z = Matrix.zeros(Precision.FLOAT32, 2, 10);
        z.set(0, 3, Double.POSITIVE_INFINITY);
        z.set(1, 2, 5);
        Matrix t = Matrix.zeros(Precision.FLOAT32, 2, 10);
        t.set(0, 3, 1);
        t.set(1, 2, 1);

        network.forward(finite, true);
        network.forward(z, true);

        // Inf - Inf in the fresh computation: NaN, not the sums of the earlier finite batch.
        assertThat(fresh.lossFromLogits(z, t)).isNaN();
        assertThat(network.loss(t)).isNaN();
    }
}
