package dev.descent.tensor;

import dev.descent.internal.blas.OpenBlas;

/**
 * The threads of training's heavy work: matrix products, element-wise float32 kernels and
 * solver steps. Results are reproducible for a fixed number of threads; a different number
 * may change the last bits of products.
 */
public final class Blas {
    private Blas() {}

    /**
     * Sets how many threads large work is split over from now on, for every thread of the JVM:
     * products of 2^21 multiply-adds and more (narrow ones from 2^19), element-wise kernels of
     * 2^17 values and more, solver steps of 2^15. Smaller work runs on the calling thread,
     * where the hand-over would cost more than a second thread saves.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void setThreads(int threads) {
        OpenBlas.setThreads(threads);
    }

    /** How many threads large work is split over. */
    public static int threads() {
        return OpenBlas.threads();
    }
}
