package dev.descent.internal.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.internal.parallel.Workers;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.tensor.Transpose;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changing the thread count is cheap and allocation-free, products stay right across the
 * changes, and products split in row or column blocks over the workers give every element in
 * all transpose combinations, both precisions, and with blocks that do not divide evenly.
 */
class OpenBlasThreadsTest {
    private int before;

    @BeforeEach
    void remember() {
        before = OpenBlas.threads();
    }

    @AfterEach
    void restore() {
        OpenBlas.setThreads(Math.max(1, before));
    }

    @Test
    void settingThreadsAllocatesNothingOnceWarm() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200; i++) {
            OpenBlas.setThreads(1 + (i & 1));
        }
        long start = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200; i++) {
            OpenBlas.setThreads(1 + (i & 1));
        }
        assertThat(threads.getCurrentThreadAllocatedBytes() - start).isZero();
        OpenBlas.setThreads(2);
        assertThat(OpenBlas.threads()).isEqualTo(2);
    }

    @Test
    void largeAndSmallProductsAreRightOnOneAndTwoThreads() {
        // 64 x 64 x 8192 = 2^25 multiply-adds: on the configured threads; 8 x 8 x 8192 (2^19) on
        // one.
        int k = 8192;
        for (int m : new int[] {64, 8}) {
            FloatBuffer a = direct(m * k);
            FloatBuffer b = direct(k * m);
            double[] expected = new double[m * m];
            for (int i = 0; i < m * k; i++) {
                a.put(i, (i % 7) - 3);
                b.put(i, (i % 5) - 2);
            }
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    for (int j = 0; j < k; j++) {
                        expected[r * m + c] += a.get(r * k + j) * (double) b.get(j * m + c);
                    }
                }
            }
            for (int t = 1; t <= 2; t++) {
                OpenBlas.setThreads(t);
                FloatBuffer out = direct(m * m);
                OpenBlas.sgemm(false, false, m, m, k, 1, a, k, b, m, 0, out, m);
                for (int i = 0; i < m * m; i++) {
                    // Small integers: every partial sum is exact in float32.
                    assertThat((double) out.get(i)).isCloseTo(expected[i], within(0.0));
                }
            }
        }
    }

    private static FloatBuffer direct(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Small integers: every partial sum is exact in float32, so any split gives the same. */
    private static Matrix integers(Precision precision, int rows, int cols, int seed) {
        Matrix m = Matrix.zeros(precision, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, ((i * 7 + seed) % 9) - 4);
        }
        return m;
    }

    private static void check(Precision precision, int m, int n, int k, boolean ta, boolean tb,
            int threads) {
        OpenBlas.setThreads(threads);
        Matrix a = ta ? integers(precision, k, m, 1) : integers(precision, m, k, 1);
        Matrix b = tb ? integers(precision, n, k, 2) : integers(precision, k, n, 2);
        Matrix c = integers(precision, m, n, 3);
        Matrix expected = integers(precision, m, n, 3);
        Transpose transA = ta ? Transpose.YES : Transpose.NO;
        Transpose transB = tb ? Transpose.YES : Transpose.NO;

        Matrix.multiply(a, transA, b, transB, 2, 0.5, c);

        Matrix.multiplyPlain(a, transA, b, transB, 2, 0.5, expected);
        // Above PARALLEL_MULTIPLY_ADDS, so the product really is split.
        assertThat(OpenBlas.partsFor(m, n, k)).isEqualTo(threads);
        assertThat(c.toDoubleArray()).as("%s %dx%dx%d %s%s on %d threads", precision, m, n, k,
                transA, transB, threads).isEqualTo(expected.toDoubleArray());
    }

    @Test
    void rowAndColumnSplitsGiveEveryElement() {
        for (Precision precision : Precision.values()) {
            for (int threads : new int[] {2, 3}) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        // m >= n: split in rows; 301 rows leave a short last block.
                        check(precision, 301, 50, 400, ta, tb, threads);
                        // n > 2m: split in columns.
                        check(precision, 40, 333, 400, ta, tb, threads);
                        // m < n <= 2m: still rows (contiguous blocks of C).
                        check(precision, 200, 333, 300, ta, tb, threads);
                    }
                }
            }
        }
    }

    @Test
    void cIsSplitInRowsUnlessItHasUnderHalfAsManyRowsAsColumns() {
        assertThat(OpenBlas.splitsRows(784, 1024)).isTrue();
        assertThat(OpenBlas.splitsRows(512, 1024)).isTrue();
        assertThat(OpenBlas.splitsRows(511, 1024)).isFalse();
        assertThat(OpenBlas.splitsRows(64, 1024)).isFalse();
        OpenBlas.setThreads(2);
        // The 784 rows of a first layer's weight gradient: two equal halves.
        assertThat(Workers.start(1, 2, 784, OpenBlas.PART_ALIGNMENT)).isEqualTo(392);
        // 40 x 333: split in columns, in whole units of the alignment.
        assertThat(OpenBlas.partsFor(40, 333, 400)).isEqualTo(2);
    }

    @Test
    void smallProductsAndOneThreadAreNotSplit() {
        OpenBlas.setThreads(2);
        // 784-256-10 at batch 64: the output layer's products (163,840) stay whole; those
        // of 784-1024-10 (655,360, narrow) are split.
        assertThat(OpenBlas.partsFor(64, 256, 10)).isEqualTo(1);
        assertThat(OpenBlas.partsFor(64, 10, 1024)).isEqualTo(2);
        assertThat(OpenBlas.partsFor(1024, 10, 64)).isEqualTo(2);
        assertThat(OpenBlas.partsFor(64, 1024, 10)).isEqualTo(2);
        // 784-64-10 at batch 64: 3.2 million, not narrow, split; half of it is not.
        assertThat(OpenBlas.partsFor(64, 64, 784)).isEqualTo(2);
        assertThat(OpenBlas.partsFor(784, 64, 64)).isEqualTo(2);
        assertThat(OpenBlas.partsFor(32, 64, 784)).isEqualTo(1);
        // 784-256-10's output layer at batch 1024, all three products (2.6 million, narrow).
        assertThat(OpenBlas.partsFor(1024, 10, 256)).isEqualTo(2);
        assertThat(OpenBlas.partsFor(256, 10, 1024)).isEqualTo(2);
        assertThat(OpenBlas.partsFor(1024, 256, 10)).isEqualTo(2);
        OpenBlas.setThreads(1);
        assertThat(OpenBlas.partsFor(1024, 1024, 784)).isEqualTo(1);
    }

    @Test
    void aProductOfAMatrixWithItselfIsRightToo() {
        OpenBlas.setThreads(2);
        Matrix x = integers(Precision.FLOAT32, 2000, 40, 5);
        Matrix gram = Matrix.zeros(Precision.FLOAT32, 2000, 2000);
        Matrix expected = Matrix.zeros(Precision.FLOAT32, 2000, 2000);

        Matrix.multiply(x, Transpose.NO, x, Transpose.YES, 1, 0, gram);

        Matrix.multiplyPlain(x, Transpose.NO, x, Transpose.YES, 1, 0, expected);
        assertThat(gram.toDoubleArray()).isEqualTo(expected.toDoubleArray());
    }

    @Test
    void partsCoverTheRangeInWholeUnits() {
        // 301 rows in 16-row units over 3 parts: 19 units, split 6, 6, 7.
        assertThat(Workers.start(0, 3, 301, 16)).isEqualTo(0);
        assertThat(Workers.start(1, 3, 301, 16)).isEqualTo(96);
        assertThat(Workers.start(2, 3, 301, 16)).isEqualTo(192);
        assertThat(Workers.start(3, 3, 301, 16)).isEqualTo(301);
        // More parts than units: the first parts are empty and the last takes the one unit.
        assertThat(Workers.start(1, 4, 10, 16)).isEqualTo(0);
        assertThat(Workers.start(3, 4, 10, 16)).isEqualTo(0);
        assertThat(Workers.start(4, 4, 10, 16)).isEqualTo(10);
    }

    @Test
    void aFailureOnAHelperReachesTheCaller() {
        assertThatThrownBy(() -> Workers.run((part, parts) -> {
            if (part == 1) {
                throw new IllegalStateException("part 1 failed");
            }
        }, 2)).isInstanceOf(IllegalStateException.class).hasMessage("part 1 failed");
        // The helpers still work afterwards.
        int[] seen = new int[3];
        Workers.run((part, parts) -> seen[part] = parts, 3);
        assertThat(seen).containsExactly(3, 3, 3);
    }
}
