package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.Blas;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.tensor.RestoresBlasThreads;
import dev.descent.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first layer of a float32 network multiplies a training batch by only its input columns
 * that are not all 0, where the copies cost less than the products save: the loss and every
 * gradient must be those of the whole product up to rounding, with exact zeros in the weight
 * gradient's rows of the left-out columns.
 */
@ExtendWith(RestoresBlasThreads.class)
class ZeroColumnsTest {
    private static final List<String> CLASSES = List.of("a", "b", "c");
    private static Network network(int hidden, double dropout) {
        return Network.create(List.of(Layers.featureInput(784), Layers.fullyConnected(hidden),
                Layers.relu(), Layers.dropout(dropout), Layers.fullyConnected(3),
                Layers.softmax(), Layers.classification()), Precision.FLOAT32, new Rng(7),
                CLASSES);
    }

    /** 64 rows of 784 Gaussian values, with the columns of {@code zero} 0 in every row. */
    private static Matrix batch(boolean[] zero, long seed) {
        Rng rng = new Rng(seed);
        Matrix x = Matrix.zeros(Precision.FLOAT32, 64, 784);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, zero[i % 784] ? 0 : rng.nextGaussian());
        }
        return x;
    }

    private static Matrix targets(int rows) {
        Matrix t = Matrix.zeros(Precision.FLOAT32, rows, 3);
        for (int r = 0; r < rows; r++) {
            t.set(r, r % 3, 1);
        }
        return t;
    }

    /** Image-like: the first and last 4 rows of a 28 x 28 picture 0, and 6 pixels a side. */
    private static boolean[] borders() {
        boolean[] zero = new boolean[784];
        for (int p = 0; p < 784; p++) {
            int row = p / 28;
            int col = p % 28;
            zero[p] = row < 4 || row >= 24 || col < 6 || col >= 22;
        }
        return zero;
    }

    private static FullyConnectedLayer first(Network net) {
        return (FullyConnectedLayer) net.layers().get(1);
    }

    @Test
    void leftOutColumnsGiveTheGradientsOfTheWholeProduct() {
        boolean[] zero = borders();
        int zeros = 0;
        for (boolean z : zero) {
            zeros += z ? 1 : 0;
        }
        assertThat(zeros).isEqualTo(784 - 20 * 16);
        for (int t : new int[] {1, 2}) {
            Blas.setThreads(t);
            Network skipping = network(256, 0.3);
            Network whole = network(256, 0.3);
            first(whole).skipZeroColumns(false);
            Matrix y = targets(64);
            for (int step = 0; step < 3; step++) {
                Matrix x = batch(zero, 20 + step);
                double skippedLoss = skipping.computeGradients(x, y, true);
                double wholeLoss = whole.computeGradients(x, y, true);
                assertThat(first(skipping).keptColumnCount()).isEqualTo(320);
                assertThat(first(whole).keptColumnCount()).isEqualTo(-1);
                assertThat(skippedLoss).isCloseTo(wholeLoss, within(1e-5 * wholeLoss));
                double[] a = skipping.parameters().gradientsAsDoubles();
                double[] b = whole.parameters().gradientsAsDoubles();
                double largest = 0;
                for (double v : b) {
                    largest = Math.max(largest, Math.abs(v));
                }
                for (int i = 0; i < a.length; i++) {
                    assertThat(a[i]).as("gradient %d on %d thread(s)", i, t)
                            .isCloseTo(b[i], within(1e-5 * largest));
                }
                // Rows of dW1 (784 x 256, first in the store) of zero columns are exactly 0.
                for (int p = 0; p < 784; p++) {
                    for (int j = 0; zero[p] && j < 256; j++) {
                        assertThat(a[p * 256 + j]).isEqualTo(0.0);
                    }
                }
                // Both take the same Adam step so that the next batch sees new weights.
                new dev.descent.optim.Adam().pullStepPush(skipping.parameters(), 0.01, 0);
                new dev.descent.optim.Adam().pullStepPush(whole.parameters(), 0.01, 0);
            }
        }
    }

    @Test
    void predictionAndBatchesWithoutZerosUseEveryColumn() {
        Blas.setThreads(1);
        Network net = network(256, 0);
        net.forward(batch(borders(), 3), false);
        assertThat(first(net).keptColumnCount()).isEqualTo(-1);
        net.forward(batch(new boolean[784], 3), true);
        assertThat(first(net).keptColumnCount()).isEqualTo(-1);
        net.forward(batch(borders(), 3), true);
        assertThat(first(net).keptColumnCount()).isEqualTo(320);
    }

    @Test
    void zerosOfTheProbedRowsAloneAreNotEnough() {
        Blas.setThreads(1);
        Network net = network(256, 0);
        // 256 rows: the first 16 and 64 have the borders 0, the rest none.
        Matrix x = Matrix.zeros(Precision.FLOAT32, 256, 784);
        Matrix top = batch(borders(), 5);
        Matrix full = batch(new boolean[784], 6);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, i < 64 * 784 ? top.getFlat(i) : full.getFlat(i % (64 * 784)));
        }
        net.forward(x, true);
        assertThat(first(net).keptColumnCount()).isEqualTo(-1);
        net.forward(x.rowRange(0, 64), true);
        assertThat(first(net).keptColumnCount()).isEqualTo(320);
    }

    @Test
    void workMatricesAreMadeOncePerShapeForBatchesOfSeveralSizes() {
        ZeroColumns.Views views = new ZeroColumns.Views(Precision.FLOAT32, false, 784);
        Matrix full = views.of(400, 64);
        Matrix partial = views.of(380, 36);
        assertThat(full.rows()).isEqualTo(64);
        assertThat(full.cols()).isEqualTo(400);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertThat(views.of(400, 64)).isSameAs(full);
            assertThat(views.of(380, 36)).isSameAs(partial);
        }
        // Both share one block of storage: a value written through one shows in the other.
        full.setFlat(0, 5);
        assertThat(partial.getFlat(0)).isEqualTo(5);
    }

    @Test
    void narrowLayersMultiplyTheWholeBatch() {
        Blas.setThreads(1);
        // 784-10: a left-out column saves 2 x 64 x 10 multiply-adds, too few for its copies.
        Network net = network(10, 0);
        net.forward(batch(borders(), 3), true);
        assertThat(first(net).keptColumnCount()).isEqualTo(-1);
    }

    @Test
    void theCopiesMustCostAnEighthOfWhatTheProductsSave() {
        Blas.setThreads(1);
        // Digits at batch 64, H = 64: 2 x 64 x 64 x 292 = 2,392,064 multiply-adds saved;
        // 64 x (2 x 784 + 492) + 64 x (784 + 492) = 213,504 values copied, x 8 = 1,708,032.
        assertThat(ZeroColumns.pays(64, 784, 64, 492)).isTrue();
        // H = 10: 373,760 saved against 8 x 144,600 = 1,156,800.
        assertThat(ZeroColumns.pays(64, 784, 10, 492)).isFalse();
        // On two threads 64 x 64 x 784 is split, 64 x 64 x 492 (under 2^21) would not be.
        Blas.setThreads(2);
        assertThat(ZeroColumns.pays(64, 784, 64, 492)).isFalse();
        assertThat(ZeroColumns.pays(64, 784, 256, 492)).isTrue();
    }
}
