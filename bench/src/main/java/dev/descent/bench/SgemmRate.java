package dev.descent.bench;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.tensor.Transpose;
import dev.descent.util.Rng;

/**
 * The rate OpenBLAS sgemm reaches on the five products of one training step of
 * 784 -> H -> 10 at batch B (see {@link Workload#multiplyAddsPerStep}), with the operands off
 * the heap as the network holds them and the thread count set by the caller: the ceiling the
 * training speed is measured against.
 */
final class SgemmRate {
    private SgemmRate() {}

    /** GFLOP/s (2 flops per multiply-add), the best of three timed rounds of about 0.3 s. */
    static double measure(int batch, int inputs, int hidden, int classes) {
        Rng rng = new Rng(7);
        Matrix x = random(batch, inputs, rng);
        Matrix w1 = random(inputs, hidden, rng);
        Matrix h = random(batch, hidden, rng);
        Matrix w2 = random(hidden, classes, rng);
        Matrix d2 = random(batch, classes, rng);
        Matrix dh = random(batch, hidden, rng);
        Matrix dw1 = random(inputs, hidden, rng);
        Matrix dw2 = random(hidden, classes, rng);
        long flops = 2 * Workload.multiplyAddsPerStep(batch, inputs, hidden, classes);
        Runnable step = () -> {
            Matrix.multiply(x, Transpose.NO, w1, Transpose.NO, 1, 0, h);
            Matrix.multiply(h, Transpose.NO, w2, Transpose.NO, 1, 0, d2);
            Matrix.multiply(h, Transpose.YES, d2, Transpose.NO, 1, 0, dw2);
            Matrix.multiply(d2, Transpose.NO, w2, Transpose.YES, 1, 0, dh);
            Matrix.multiply(x, Transpose.YES, dh, Transpose.NO, 1, 0, dw1);
        };
        long warm = System.nanoTime();
        for (int r = 0; r < 3; r++) {
            step.run();
        }
        double once = (System.nanoTime() - warm) / 3e9;
        int reps = (int) Math.max(1, Math.ceil(0.3 / once));
        double best = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                step.run();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, flops * (double) reps / seconds / 1e9);
        }
        return best;
    }

    private static Matrix random(int rows, int cols, Rng rng) {
        Matrix m = Matrix.zeros(Precision.FLOAT32, rows, cols);
        for (int i = 0, n = m.size(); i < n; i++) {
            m.setFlat(i, rng.nextDouble() - 0.5);
        }
        return m;
    }
}
