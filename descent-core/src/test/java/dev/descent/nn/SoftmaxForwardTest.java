package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The float32 softmax, element by element, against its documented arithmetic: double exps of
 * z - (row maximum) and a double row sum, each exp rounded to float before it is divided.
 */
class SoftmaxForwardTest {
    private static final int K = 10;

    @Test
    void everyProbabilityIsTheDocumentedArithmeticToTheBit() {
        checkTheDocumentedArithmetic(300);
    }

    /** The rows in one range and in three (as on three threads) give the same bits. */
    @Test
    void rowRangesOnThreeThreadsGiveTheSameBits() {
        // Two layers: one's buffers must not hold the other's values.
        SoftmaxLayer layer = new SoftmaxLayer("softmax", K, Precision.FLOAT32);
        SoftmaxLayer split = new SoftmaxLayer("softmax", K, Precision.FLOAT32);
        Rng rng = new Rng(5);
        Matrix z = Matrix.zeros(Precision.FLOAT32, 3001, K);
        for (int i = 0; i < z.size(); i++) {
            z.setFlat(i, 60 * (rng.nextDouble() - 0.5));
        }
        z.set(3000, 2, Double.POSITIVE_INFINITY);

        float[] one = layer.forward(z, 1).toFloatArray();
        float[] three = split.forward(z, 3).toFloatArray();

        assertThat(three).hasSize(30010);
        for (int i = 0; i < one.length; i++) {
            assertThat(Float.floatToRawIntBits(three[i])).as("logit %d", i)
                    .isEqualTo(Float.floatToRawIntBits(one[i]));
        }
        assertThat(three[30002]).isEqualTo(1f);
        assertThat(split.keptRowSums(3001)).isFalse();
    }

    private static void checkTheDocumentedArithmetic(int rows) {
        Network network = Network.create(List.of(Layers.featureInput(K), Layers.softmax(),
                Layers.classification()), Precision.FLOAT32, new Rng(1),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        Rng rng = new Rng(9);
        Matrix z = Matrix.zeros(Precision.FLOAT32, rows, K);
        for (int i = 0; i < z.size(); i++) {
            z.setFlat(i, 60 * (rng.nextDouble() - 0.5));
        }
        // A row with two +Inf logits (the mass is shared), one with -Inf, one of equal logits.
        z.set(5, 1, Double.POSITIVE_INFINITY);
        z.set(5, 7, Double.POSITIVE_INFINITY);
        z.set(6, 0, Double.NEGATIVE_INFINITY);
        for (int j = 0; j < K; j++) {
            z.set(7, j, -3);
        }

        Matrix p = network.forward(z, true);

        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < K; j++) {
                max = Math.max(max, (float) z.get(r, j));
            }
            double sum = 0;
            for (int j = 0; j < K; j++) {
                sum += Math.exp((float) z.get(r, j) - max);
            }
            for (int j = 0; j < K; j++) {
                float zj = (float) z.get(r, j);
                float expected = r == 5 ? (zj == Float.POSITIVE_INFINITY ? 0.5f : 0f)
                        : (float) ((float) Math.exp(zj - max) / sum);
                assertThat(Float.floatToRawIntBits((float) p.get(r, j)))
                        .as("row %d, column %d", r, j)
                        .isEqualTo(Float.floatToRawIntBits(expected));
            }
        }
        assertThat(p.get(7, 4)).isEqualTo(0.1f, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(p.get(6, 0)).isZero();
    }

    @Test
    void theGradientAtTheLogitsIsPMinusTOverTheBatchInFloats() {
        Network network = Network.create(List.of(Layers.featureInput(K), Layers.softmax(),
                Layers.classification()), Precision.FLOAT32, new Rng(1),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        float[][] seen = new float[1][];
        network.setPassListener(new PassListener() {
            @Override
            public void lossGradient(Matrix gradient, boolean fusedWithSoftmax) {
                seen[0] = gradient.toFloatArray();
            }
        });
        Rng rng = new Rng(3);
        int rows = 37;
        Matrix z = Matrix.zeros(Precision.FLOAT32, rows, K);
        Matrix t = Matrix.zeros(Precision.FLOAT32, rows, K);
        for (int i = 0; i < z.size(); i++) {
            z.setFlat(i, 8 * (rng.nextDouble() - 0.5));
        }
        for (int r = 0; r < rows; r++) {
            t.set(r, rng.nextInt(K), 1);
        }
        float[] p = network.forward(z, true).toFloatArray();
        network.backward(t);
        float[] targets = t.toFloatArray();
        for (int i = 0; i < p.length; i++) {
            assertThat(seen[0][i]).as("element %d", i).isEqualTo((p[i] - targets[i]) / 37f);
        }
    }
}
