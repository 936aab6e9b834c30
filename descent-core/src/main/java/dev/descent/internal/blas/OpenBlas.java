package dev.descent.internal.blas;

import java.nio.DoubleBuffer;
import java.lang.reflect.Constructor;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.openblas.presets.openblas_nolapack.SetNumThreads;

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

    /**
     * Products of fewer multiply-adds than this run on one thread whatever {@link #setThreads}
     * says: below it the hand-over costs more than a second thread saves. Measured on the
     * 2-core development machine when quiet (docs/benchmark.md): two threads ran 64 x 784 x 64
     * (3.2 million) at 129 GFLOP/s against 81 on one and 1024 x 256 x 10 (2.6 million) at 117
     * against 65, but 64 x 1024 x 10 (0.66 million) at 37 against 48. Under heavy load from
     * other processes a second thread pays only for far larger products: set one thread there.
     */
    public static final long PARALLEL_MULTIPLY_ADDS = 1L << 21;

    /**
     * OpenBLAS's own {@code openblas_set_num_threads}, looked up once. The presets'
     * {@code blas_set_num_threads} looks the MKL and OpenBLAS symbols up again on every call
     * (about 85 KB of garbage and a few microseconds each time), which the switch between one
     * and several threads per product made a per-batch cost. {@code null} where the symbol is
     * missing: then the presets' method is used.
     */
    private static final SetNumThreads SET_NUM_THREADS = lookUpSetNumThreads();

    private static SetNumThreads lookUpSetNumThreads() {
        Loader.load(openblas_nolapack.class);
        Pointer address = Loader.addressof("openblas_set_num_threads");
        if (address == null || address.isNull()) {
            return null;
        }
        // The presets allocate the function pointer with this protected constructor, then put
        // the address in; the public one only casts and would call the address as a struct.
        try {
            Constructor<SetNumThreads> allocate = SetNumThreads.class.getDeclaredConstructor();
            allocate.setAccessible(true);
            return allocate.newInstance().put(address);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static void setNativeThreads(int threads) {
        if (SET_NUM_THREADS != null) {
            SET_NUM_THREADS.call(threads);
        } else {
            openblas_nolapack.blas_set_num_threads(threads);
        }
    }

    /** What setThreads asked for; products use it when they are large enough. */
    private static int configured = -1;
    /** What OpenBLAS was last told. */
    private static int current = -1;

    /** Tells OpenBLAS how many threads the next product of m x n x k multiply-adds gets. */
    private static synchronized void threadsFor(long m, long n, long k) {
        if (configured < 0) {
            configured = openblas_nolapack.blas_get_num_threads();
            current = configured;
        }
        int wanted = m * n * k < PARALLEL_MULTIPLY_ADDS ? 1 : configured;
        if (wanted != current) {
            setNativeThreads(wanted);
            current = wanted;
        }
    }

    /** C = alpha * op(A) * op(B) + beta * C in float32; op(A) is m x k, op(B) k x n. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            FloatBuffer a, int lda, FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        threadsFor(m, n, k);
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS,
                transB ? TRANS : NO_TRANS, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /** C = alpha * op(A) * op(B) + beta * C in float64. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
            DoubleBuffer a, int lda, DoubleBuffer b, int ldb, double beta, DoubleBuffer c,
            int ldc) {
        threadsFor(m, n, k);
        openblas_nolapack.cblas_dgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS,
                transB ? TRANS : NO_TRANS, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /**
     * Sets how many threads OpenBLAS uses for the large products that follow (all threads of
     * the JVM); products under {@link #PARALLEL_MULTIPLY_ADDS} use one.
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        synchronized (OpenBlas.class) {
            setNativeThreads(threads);
            configured = threads;
            current = threads;
        }
    }

    /** The number of threads large products use (small ones use one). */
    public static synchronized int threads() {
        // The presets answer -1 before OpenBLAS has started its threads.
        return configured < 0 ? Math.max(1, openblas_nolapack.blas_get_num_threads()) : configured;
    }
}
