package dev.descent.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.util.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The copies behind a first layer that leaves out its zero input columns: the float32 ones
 * (runs of bulk copies, split over threads when large) against the plain loops of the float64
 * matrix, value for value.
 */
@ExtendWith(RestoresBlasThreads.class)
class SubsetCopiesTest {
    @Test
    void nonzeroColumnsCountNaNButNotSignedZeros() {
        double nan = Double.NaN;
        double[] values = {
            0, -0.0, 1e-40, 0, 0, 2,
            0, 0, 0, nan, -0.0, 0,
            0, 0, 0, 0, 0, -3,
        };
        for (Precision precision : Precision.values()) {
            Matrix m = Matrix.of(precision, 3, 6, values);
            int[] columns = new int[6];
            assertThat(m.nonzeroColumns(3, columns)).as(precision.toString()).isEqualTo(3);
            assertThat(Arrays.copyOf(columns, 3)).containsExactly(2, 3, 5);
            // The first row alone: the NaN of row 2 is not seen.
            assertThat(m.nonzeroColumns(1, columns)).isEqualTo(2);
            assertThat(Arrays.copyOf(columns, 2)).containsExactly(2, 5);
        }
    }

    /** Random values with columns 0 in runs: every third block of 1 to 40 columns. */
    private static Matrix[] withZeroColumns(int rows, int cols, long seed) {
        Rng rng = new Rng(seed);
        boolean[] zero = new boolean[cols];
        for (int j = 0, block = 0; j < cols; block++) {
            int length = 1 + rng.nextInt(40);
            for (int i = j; i < Math.min(cols, j + length); i++) {
                zero[i] = block % 3 == 1;
            }
            j += length;
        }
        Matrix single = Matrix.zeros(Precision.FLOAT32, rows, cols);
        Matrix dual = Matrix.zeros(Precision.FLOAT64, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            float v = zero[i % cols] ? 0f : (float) rng.nextGaussian();
            single.setFlat(i, v);
            dual.setFlat(i, v);
        }
        return new Matrix[] {single, dual};
    }

    @Test
    void subsetsMatchThePlainLoopsOnOneAndThreeThreads() {
        // 256 x 784 is above PARALLEL_ELEMENTS: on three threads every copy is split.
        int rows = 256;
        int cols = 784;
        assertThat(rows * cols).isGreaterThan(FloatMatrix.PARALLEL_ELEMENTS);
        Matrix[] x = withZeroColumns(rows, cols, 11);
        int[] expected = new int[cols];
        int kept = x[1].nonzeroColumns(rows, expected);
        assertThat(kept).isBetween(cols / 4, cols - cols / 4);

        Matrix columns = Matrix.zeros(Precision.FLOAT64, rows, kept);
        x[1].gatherColumns(expected, kept, columns);
        // Rows of a 784 x 784 "weight" matrix and their scatter back into a zero matrix.
        Matrix[] w = withZeroColumns(cols, cols, 12);
        Matrix weightRows = Matrix.zeros(Precision.FLOAT64, kept, cols);
        w[1].gatherRows(expected, kept, weightRows);
        Matrix scattered = Matrix.zeros(Precision.FLOAT64, cols, cols);
        scattered.scatterRows(expected, kept, weightRows);

        for (int threads : new int[] {1, 3}) {
            Blas.setThreads(threads);
            String on = threads + " thread(s)";
            int[] found = new int[cols];
            assertThat(x[0].nonzeroColumns(rows, found)).as(on).isEqualTo(kept);
            assertThat(found).as(on).isEqualTo(expected);
            Matrix floatColumns = Matrix.zeros(Precision.FLOAT32, rows, kept);
            x[0].gatherColumns(found, kept, floatColumns);
            assertThat(floatColumns.toDoubleArray()).as(on).isEqualTo(columns.toDoubleArray());
            Matrix floatRows = Matrix.zeros(Precision.FLOAT32, kept, cols);
            w[0].gatherRows(found, kept, floatRows);
            assertThat(floatRows.toDoubleArray()).as(on).isEqualTo(weightRows.toDoubleArray());
            // Whatever the target held before, rows not scattered to become 0.
            Matrix target = withZeroColumns(cols, cols, 13)[0];
            target.scatterRows(found, kept, floatRows);
            assertThat(target.toDoubleArray()).as(on).isEqualTo(scattered.toDoubleArray());
        }
    }

    /** Two trainings on two threads (a sweep's runs) scan their batches at the same time. */
    @Test
    void scansOnTwoThreadsAtOnceKeepTheirOwnColumns() throws Exception {
        Blas.setThreads(1);
        Matrix[] a = withZeroColumns(64, 784, 21);
        Matrix[] b = withZeroColumns(64, 784, 22);
        int[] expectedA = new int[784];
        int[] expectedB = new int[784];
        int keptA = a[1].nonzeroColumns(64, expectedA);
        int keptB = b[1].nonzeroColumns(64, expectedB);
        assertThat(Arrays.copyOf(expectedA, keptA)).isNotEqualTo(Arrays.copyOf(expectedB, keptB));
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<Integer> scanA = () -> mismatches(a[0], expectedA, keptA);
            java.util.concurrent.Callable<Integer> scanB = () -> mismatches(b[0], expectedB, keptB);
            var first = pool.submit(scanA);
            var second = pool.submit(scanB);
            assertThat(first.get() + second.get()).isZero();
        } finally {
            pool.shutdown();
        }
    }

    /** Of 2,000 scans of {@code x}, how many found other columns than {@code expected}. */
    private static int mismatches(Matrix x, int[] expected, int kept) {
        int wrong = 0;
        int[] found = new int[784];
        for (int i = 0; i < 2_000; i++) {
            int count = x.nonzeroColumns(64, found);
            if (count != kept || !Arrays.equals(found, 0, kept, expected, 0, kept)) {
                wrong++;
            }
        }
        return wrong;
    }

    @Test
    void aSubsetOfAnotherPrecisionIsRefused() {
        Matrix single = Matrix.zeros(Precision.FLOAT32, 3, 4);
        Matrix dual = Matrix.zeros(Precision.FLOAT64, 2, 4);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> single.gatherRows(new int[] {0, 2}, 2, dual))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row subset must be FLOAT32, got FLOAT64");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Matrix.zeros(Precision.FLOAT64, 3, 4).scatterRows(new int[] {0, 2}, 2,
                        Matrix.zeros(Precision.FLOAT32, 2, 4)))
                .hasMessage("row subset must be FLOAT64, got FLOAT32");
    }

    @Test
    void scatterOfTheFirstAndLastRowsAlone() {
        Matrix subset = Matrix.of(Precision.FLOAT32, 2, 2, 1, 2, 3, 4);
        Matrix target = Matrix.of(Precision.FLOAT32, 4, 2, 9, 9, 9, 9, 9, 9, 9, 9);
        target.scatterRows(new int[] {0, 3}, 2, subset);
        assertThat(target.toDoubleArray()).containsExactly(1, 2, 0, 0, 0, 0, 3, 4);
    }
}
