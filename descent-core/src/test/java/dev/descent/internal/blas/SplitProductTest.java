package dev.descent.internal.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.internal.parallel.Workers;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.tensor.Transpose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Products split in row or column blocks over worker threads: every element right, in all
 * transpose combinations, both precisions, and with blocks that do not divide evenly.
 */
class SplitProductTest {
    private int before;

    @BeforeEach
    void remember() {
        before = OpenBlas.threads();
    }

    @AfterEach
    void restore() {
        OpenBlas.setThreads(before);
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
        assertThat(OpenBlas.partsFor(m, n, k)).isEqualTo(Math.min(threads, Math.max(m, n) / 16));
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
                        check(precision, 301, 50, 200, ta, tb, threads);
                        // n > m: split in columns.
                        check(precision, 40, 333, 200, ta, tb, threads);
                    }
                }
            }
        }
    }

    @Test
    void smallProductsAndOneThreadAreNotSplit() {
        OpenBlas.setThreads(2);
        assertThat(OpenBlas.partsFor(64, 256, 10)).isEqualTo(1);
        assertThat(OpenBlas.partsFor(64, 64, 784)).isEqualTo(1);
        assertThat(OpenBlas.partsFor(64, 128, 784)).isEqualTo(2);
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
