package dev.descent.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.util.Rng;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Element-wise float32 kernels on large matrices run in ranges on several threads; the values
 * must be those of one thread, to the bit.
 */
@ExtendWith(RestoresBlasThreads.class)
class ParallelKernelsTest {
    /** 601 x 300 = 180,300 elements: above PARALLEL_ELEMENTS, with a partial last chunk. */
    private static final int ROWS = 601;
    private static final int COLS = 300;
    private static Matrix random(int rows, int cols, long seed) {
        Rng rng = new Rng(seed);
        Matrix m = Matrix.zeros(Precision.FLOAT32, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, rng.nextGaussian());
        }
        return m;
    }

    /** Runs {@code kernel} (reading x, g and b, writing out) on 1 and on n threads. */
    private static void sameOnOneAndMore(String name, Consumer<Matrix[]> kernel) {
        assertThat(ROWS * COLS).isGreaterThan(FloatMatrix.PARALLEL_ELEMENTS);
        float[][] results = new float[2][];
        int[] threads = {1, 3};
        for (int t = 0; t < 2; t++) {
            Blas.setThreads(threads[t]);
            Matrix[] m = {random(ROWS, COLS, 1), random(ROWS, COLS, 2), random(1, COLS, 3),
                Matrix.zeros(Precision.FLOAT32, ROWS, COLS)};
            kernel.accept(m);
            results[t] = m[3].toFloatArray();
        }
        assertThat(results[1]).as(name).isEqualTo(results[0]);
        assertThat(results[0]).as(name + " wrote something").isNotEqualTo(new float[ROWS * COLS]);
    }

    @Test
    void everyKernelGivesTheSameBitsOnThreeThreads() {
        sameOnOneAndMore("bias", m -> {
            m[0].addRowVector(m[2]);
            m[3].copyFrom(m[0]);
        });
        sameOnOneAndMore("relu", m -> m[0].activate(ActivationFunction.RELU, 0, m[3]));
        sameOnOneAndMore("leaky relu",
                m -> m[0].activate(ActivationFunction.LEAKY_RELU, 0.01, m[3]));
        sameOnOneAndMore("relu gradient",
                m -> m[0].activationGradient(ActivationFunction.RELU, 0, m[0], m[1], m[3]));
        sameOnOneAndMore("dropout", m -> m[0].dropout(0.3, 99L, m[3]));
        sameOnOneAndMore("column sums", m -> {
            Matrix sums = Matrix.zeros(Precision.FLOAT32, 1, COLS);
            m[1].sumColumnsInto(sums);
            m[3].view(0, 1, COLS).copyFrom(sums);
        });
        float[] source = random(2 * ROWS, COLS, 4).toFloatArray();
        int[] order = new Rng(5).permutation(2 * ROWS);
        sameOnOneAndMore("gather", m -> m[3].gatherRows(source, order, 7, ROWS));
    }

    /**
     * Bias and column sums against a plain loop, for widths below, at and above the width from
     * which rows are summed one at a time, and one wider than a chunk; float sums in row order.
     */
    @Test
    void biasAndColumnSumsAreThePlainLoopsAtEveryWidth() {
        for (int threads : new int[] {1, 2}) {
            Blas.setThreads(threads);
            for (int cols : new int[] {1, 10, 63, 64, 300, 5000}) {
                int rows = Math.max(3, (1 << 18) / cols);
                Matrix x = random(rows, cols, cols);
                Matrix b = random(1, cols, cols + 1);
                float[] before = x.toFloatArray();
                float[] bias = b.toFloatArray();
                float[] sums = new float[cols];
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        sums[j] += before[r * cols + j];
                    }
                }
                Matrix out = Matrix.zeros(Precision.FLOAT32, 1, cols);
                x.sumColumnsInto(out);
                assertThat(out.toFloatArray()).as("sums of %d columns", cols).isEqualTo(sums);

                x.addRowVector(b);
                float[] after = x.toFloatArray();
                for (int i = 0; i < after.length; i++) {
                    assertThat(after[i]).as("%d columns, element %d", cols, i)
                            .isEqualTo(before[i] + bias[i % cols]);
                }
            }
        }
    }
}
