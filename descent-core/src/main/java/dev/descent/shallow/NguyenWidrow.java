package dev.descent.shallow;

import dev.descent.util.Rng;

/**
 * MATLAB's {@code initnw}: Nguyen-Widrow initial weights for a layer whose transfer function has
 * a finite active range. Each neuron's weight row is a random direction of length
 * 0.7 S^(1/R); the biases are spread evenly over [-that, that] with the sign of the first
 * weight; both are then scaled to the transfer function's active range and to the inputs' range
 * [inMin, inMax]. With inputs in [-1, 1] and tansig (active range [-2, 2]) each row has norm
 * 1.4 S^(1/R).
 */
final class NguyenWidrow {
    private NguyenWidrow() {}

    /**
     * Writes the S x R weights (row-major) then the S biases of one layer into {@code out} at
     * {@code offset}.
     */
    static void init(int s, int r, Transfer f, double inMin, double inMax, Rng rng, double[] out,
            int offset) {
        double magnitude = 0.7 * Math.pow(s, 1.0 / r);
        double[] w = new double[s * r];
        double[] b = new double[s];
        for (int i = 0; i < s; i++) {
            double norm;
            do {
                norm = 0;
                for (int j = 0; j < r; j++) {
                    double v = 2 * rng.nextDouble() - 1;
                    w[i * r + j] = v;
                    norm += v * v;
                }
            } while (norm == 0);
            norm = Math.sqrt(norm);
            for (int j = 0; j < r; j++) {
                w[i * r + j] *= magnitude / norm;
            }
            double spread = s == 1 ? 0 : -1 + 2.0 * i / (s - 1);
            b[i] = magnitude * spread * Math.signum(w[i * r]);
        }
        double half = (f.activeMax() - f.activeMin()) / 2;
        double middle = (f.activeMax() + f.activeMin()) / 2;
        double inputScale = 2 / (inMax - inMin);
        double inputShift = -(inMax + inMin) / (inMax - inMin);
        for (int i = 0; i < s; i++) {
            double bias = b[i] * half + middle;
            for (int j = 0; j < r; j++) {
                double weight = w[i * r + j] * half;
                bias += weight * inputShift;
                out[offset + i * r + j] = weight * inputScale;
            }
            out[offset + s * r + i] = bias;
        }
    }
}
