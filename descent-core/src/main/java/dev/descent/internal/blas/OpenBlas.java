package dev.descent.internal.blas;

import dev.descent.internal.parallel.Workers;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.Loader;
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

    /**
     * Products of fewer multiply-adds than this run on the calling thread whatever
     * {@link #setThreads} says, unless they are narrow (below): under it the hand-over costs
     * about what a second thread saves. 2^21 (2.1 million) on the 2-core development machine,
     * so that the batch-64 products of 784-64-10 (3.2 million) are split: in a training step
     * on two threads its forward product took 42 instead of 66 microseconds and its weight
     * gradient 33 instead of 61 (bench/run --phases 64 64), once each thread runs its own part
     * of every split task ({@link Workers}); before that the split gained nothing in whole
     * epochs, as the rows of each part moved between the cores' caches from step to step.
     */
    public static final long PARALLEL_MULTIPLY_ADDS = 1L << 21;

    /**
     * Narrow products (an inner or output dimension of at most {@value #NARROW} columns, as
     * in an output layer of a few classes) are split from this many multiply-adds, 2^19:
     * OpenBLAS reaches a fraction of its rate on them, so a second thread pays sooner. Split
     * in two, the output layer of 784-256-10 at batch 1024 (2.6 million per product) took 64
     * instead of 132 microseconds forward and 165 instead of 292 backward, and that of
     * 784-1024-10 at batch 64 (655,360) 17 instead of 24 forward and 30 instead of 49
     * backward (bench/run --phases).
     */
    public static final long PARALLEL_NARROW_MULTIPLY_ADDS = 1L << 19;

    /** The width up to which a product counts as narrow. */
    static final int NARROW = 16;

    /**
     * How many threads large products are split over: OpenBLAS's own default at start (the
     * cores, or OPENBLAS_NUM_THREADS), then what {@link #setThreads} says. OpenBLAS itself
     * always runs on one thread; the split is {@link Workers}'.
     */
    private static volatile int configured = startThreads();

    /**
     * Parts are whole multiples of this many rows or columns (the last takes the rest): 8, so
     * that the 784 rows of a first layer's weight gradient split in halves of 392; with 16 the
     * helper took 400 rows to the caller's 384, and in training at 784-256-10 batch 1024 the
     * caller waited 62 ms for it over 290 steps against 29 ms with 8.
     */
    static final int PART_ALIGNMENT = 8;

    private static int startThreads() {
        Loader.load(openblas_nolapack.class);
        int threads = openblas_nolapack.blas_get_num_threads();
        openblas_nolapack.blas_set_num_threads(1);
        return threads >= 1 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * How many parts a product of m x n x k multiply-adds is split into: 1 below
     * {@link #PARALLEL_MULTIPLY_ADDS} ({@link #PARALLEL_NARROW_MULTIPLY_ADDS} where n or k is at
     * most {@value #NARROW}) or on one thread, else the threads, at most one part per
     * {@value #PART_ALIGNMENT} rows (or columns) of the side that is split
     * ({@link #splitsRows}).
     */
    public static int partsFor(long m, long n, long k) {
        int threads = configured;
        long macs = m * n * k;
        boolean narrow = Math.min(n, k) <= NARROW;
        if (threads < 2 || macs < (narrow ? PARALLEL_NARROW_MULTIPLY_ADDS
                : PARALLEL_MULTIPLY_ADDS)) {
            return 1;
        }
        return (int) Math.max(1, Math.min(threads,
                (splitsRows(m, n) ? m : n) / PART_ALIGNMENT));
    }

    /**
     * Whether a product's C (m x n, row-major) is split in row blocks, each part a contiguous
     * block of memory, rather than column blocks: unless it has under half as many rows as
     * columns. Rows also where the columns are somewhat more: the batch-64 weight gradient of
     * 784-1024-10 (784 x 1024, inner dimension 64) took 682-724 microseconds on two threads in
     * row blocks against 850-897 in column blocks (at batch 1024 the same: 9.5 ms).
     */
    static boolean splitsRows(long m, long n) {
        return 2 * m >= n;
    }

    /**
     * C = alpha * op(A) * op(B) + beta * C in float32; op(A) is m x k, op(B) k x n. Split over
     * {@link #partsFor} threads, with fresh buffer duplicates for the parts; the training path
     * uses {@link #sgemm(int, boolean, boolean, int, int, int, float, FloatBuffer[], int,
     * FloatBuffer[], int, float, FloatBuffer[], int)} with duplicates kept by the matrices.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            FloatBuffer a, int lda, FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        int parts = partsFor(m, n, k);
        if (parts == 1) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS,
                    transB ? TRANS : NO_TRANS, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        sgemm(parts, transA, transB, m, n, k, alpha, duplicates(a, parts), lda,
                duplicates(b, parts), ldb, beta, duplicates(c, parts), ldc);
    }

    /**
     * The product in {@code parts} row or column blocks of C ({@link #splitsRows}), block p on
     * one thread with the buffers {@code a[p]}, {@code b[p]}, {@code c[p]}: duplicates of the
     * operands whose positions this method moves (JavaCPP passes a buffer's position on as an
     * offset). The arrays of A and B must not be the same array.
     */
    public static void sgemm(int parts, boolean transA, boolean transB, int m, int n, int k,
            float alpha, FloatBuffer[] a, int lda, FloatBuffer[] b, int ldb, float beta,
            FloatBuffer[] c, int ldc) {
        synchronized (GEMM) {
            GEMM.set(transA, transB, m, n, k, alpha, lda, ldb, beta, ldc);
            GEMM.single(a, b, c);
            try {
                Workers.run(GEMM, parts);
            } finally {
                GEMM.single(null, null, null);
            }
        }
    }

    /** C = alpha * op(A) * op(B) + beta * C in float64, split as {@link #sgemm}. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
            DoubleBuffer a, int lda, DoubleBuffer b, int ldb, double beta, DoubleBuffer c,
            int ldc) {
        int parts = partsFor(m, n, k);
        if (parts == 1) {
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS,
                    transB ? TRANS : NO_TRANS, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        synchronized (GEMM) {
            GEMM.set(transA, transB, m, n, k, alpha, lda, ldb, beta, ldc);
            GEMM.dual(duplicates(a, parts), duplicates(b, parts), duplicates(c, parts));
            try {
                Workers.run(GEMM, parts);
            } finally {
                GEMM.dual(null, null, null);
            }
        }
    }

    private static FloatBuffer[] duplicates(FloatBuffer buffer, int parts) {
        FloatBuffer[] out = new FloatBuffer[parts];
        for (int i = 0; i < parts; i++) {
            out[i] = buffer.duplicate();
        }
        return out;
    }

    private static DoubleBuffer[] duplicates(DoubleBuffer buffer, int parts) {
        DoubleBuffer[] out = new DoubleBuffer[parts];
        for (int i = 0; i < parts; i++) {
            out[i] = buffer.duplicate();
        }
        return out;
    }

    private static final GemmTask GEMM = new GemmTask();

    /** One product split in blocks of C's rows (m &gt;= n) or columns; reused, so no garbage. */
    private static final class GemmTask implements Workers.Task {
        private boolean transA;
        private boolean transB;
        private int m;
        private int n;
        private int k;
        private double alpha;
        private double beta;
        private int lda;
        private int ldb;
        private int ldc;
        private FloatBuffer[] a32;
        private FloatBuffer[] b32;
        private FloatBuffer[] c32;
        private DoubleBuffer[] a64;
        private DoubleBuffer[] b64;
        private DoubleBuffer[] c64;

        void set(boolean transA, boolean transB, int m, int n, int k, double alpha, int lda,
                int ldb, double beta, int ldc) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.lda = lda;
            this.ldb = ldb;
            this.beta = beta;
            this.ldc = ldc;
        }

        void single(FloatBuffer[] a, FloatBuffer[] b, FloatBuffer[] c) {
            a32 = a;
            b32 = b;
            c32 = c;
        }

        void dual(DoubleBuffer[] a, DoubleBuffer[] b, DoubleBuffer[] c) {
            a64 = a;
            b64 = b;
            c64 = c;
        }

        @Override
        public void run(int part, int parts) {
            boolean rows = splitsRows(m, n);
            int extent = rows ? m : n;
            int from = Workers.start(part, parts, extent, PART_ALIGNMENT);
            int to = Workers.start(part + 1, parts, extent, PART_ALIGNMENT);
            if (from >= to) {
                return;
            }
            int aOffset = rows ? (transA ? from : from * lda) : 0;
            int bOffset = rows ? 0 : (transB ? from * ldb : from);
            int cOffset = rows ? from * ldc : from;
            int pm = rows ? to - from : m;
            int pn = rows ? n : to - from;
            int ta = transA ? TRANS : NO_TRANS;
            int tb = transB ? TRANS : NO_TRANS;
            if (a32 != null) {
                FloatBuffer a = a32[part].position(aOffset);
                FloatBuffer b = b32[part].position(bOffset);
                FloatBuffer c = c32[part].position(cOffset);
                openblas_nolapack.cblas_sgemm(ROW_MAJOR, ta, tb, pm, pn, k, (float) alpha, a,
                        lda, b, ldb, (float) beta, c, ldc);
            } else {
                DoubleBuffer a = a64[part].position(aOffset);
                DoubleBuffer b = b64[part].position(bOffset);
                DoubleBuffer c = c64[part].position(cOffset);
                openblas_nolapack.cblas_dgemm(ROW_MAJOR, ta, tb, pm, pn, k, alpha, a, lda, b,
                        ldb, beta, c, ldc);
            }
        }
    }

    /**
     * Sets how many threads the large products that follow are split over (all threads of
     * the JVM); products under {@link #PARALLEL_MULTIPLY_ADDS} run on the calling thread.
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        configured = threads;
    }

    /** The number of threads large products use (small ones use one). */
    public static int threads() {
        return configured;
    }
}
