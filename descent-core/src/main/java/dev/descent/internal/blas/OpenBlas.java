package dev.descent.internal.blas;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The only code that touches the OpenBLAS presets. Operands are direct buffers, which the native
 * side reads in place (no copy). All matrices are row-major.
 *
 * <p>Not part of the public API: use {@link dev.descent.tensor.Matrix#multiply}.
 */
public final class OpenBlas {
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private OpenBlas() {}

    /** C = alpha * op(A) * op(B) + beta * C in float32; op(A) is m x k, op(B) k x n. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            FloatBuffer a, int lda, FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS,
                transB ? TRANS : NO_TRANS, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /** C = alpha * op(A) * op(B) + beta * C in float64. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
            DoubleBuffer a, int lda, DoubleBuffer b, int ldb, double beta, DoubleBuffer c,
            int ldc) {
        openblas_nolapack.cblas_dgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS,
                transB ? TRANS : NO_TRANS, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /** Sets how many threads OpenBLAS uses for the products that follow (all threads). */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        openblas_nolapack.blas_set_num_threads(threads);
    }

    /** The number of threads OpenBLAS uses now. */
    public static int threads() {
        return openblas_nolapack.blas_get_num_threads();
    }
}
