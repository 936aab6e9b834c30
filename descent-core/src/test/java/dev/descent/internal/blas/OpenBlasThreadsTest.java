package dev.descent.internal.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changing the OpenBLAS thread count is cheap and allocation-free (the presets' own setter
 * allocated about 85 KB a call), and products stay right across the changes.
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
}
