package dev.descent.tensor;

import dev.descent.internal.blas.OpenBlas;

/**
 * The threads of the native matrix products. Results are reproducible for a fixed number of
 * threads; a different number may change the last bits of sums.
 */
public final class Blas {
    private Blas() {}

    /**
     * Sets how many threads the matrix products use from now on, in every thread of the JVM.
     * Products of fewer than 2^21 (about two million) multiply-adds run on one thread: there the hand-over costs
     * more than a second thread saves.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void setThreads(int threads) {
        OpenBlas.setThreads(threads);
    }

    /** How many threads the matrix products use. */
    public static int threads() {
        return OpenBlas.threads();
    }
}
