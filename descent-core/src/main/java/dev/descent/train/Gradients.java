package dev.descent.train;

import dev.descent.nn.Parameter;
import dev.descent.nn.ParameterStore;
import dev.descent.tensor.Precision;

/**
 * What happens to the gradients between the backward pass and the solver, on the heap copy of
 * the store: L2 regularisation and gradient thresholding (MATLAB order:
 * L2 first, then thresholding).
 */
final class Gradients {
    private Gradients() {}

    /** Whether every parameter value is finite. */
    static boolean valuesAreFinite(ParameterStore store) {
        for (double v : store.valuesAsDoubles()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** g += lambda * l2Factor * w for each array with a non-zero factor. */
    static void addL2(ParameterStore store, double lambda) {
        if (lambda == 0) {
            return;
        }
        for (Parameter p : store.parameters()) {
            double coefficient = lambda * p.l2Factor();
            if (coefficient == 0) {
                continue;
            }
            int from = p.offset();
            int to = from + p.size();
            if (store.precision() == Precision.FLOAT32) {
                float[] w = store.heapValues32();
                float[] g = store.heapGradients32();
                float c = (float) coefficient;
                for (int i = from; i < to; i++) {
                    g[i] += c * w[i];
                }
            } else {
                double[] w = store.heapValues64();
                double[] g = store.heapGradients64();
                for (int i = from; i < to; i++) {
                    g[i] += coefficient * w[i];
                }
            }
        }
    }

    /** Applies {@code method} with threshold {@code limit}; nothing when limit is infinite. */
    static void threshold(ParameterStore store, TrainingOptions.GradientThresholdMethod method,
            double limit) {
        if (Double.isInfinite(limit)) {
            return;
        }
        switch (method) {
            case L2NORM -> {
                for (Parameter p : store.parameters()) {
                    double norm = Math.sqrt(sumOfSquares(store, p.offset(), p.size()));
                    if (norm > limit) {
                        scale(store, p.offset(), p.size(), limit / norm);
                    }
                }
            }
            case GLOBAL_L2NORM -> {
                double norm = Math.sqrt(sumOfSquares(store, 0, store.size()));
                if (norm > limit) {
                    scale(store, 0, store.size(), limit / norm);
                }
            }
            case ABSOLUTE_VALUE -> clamp(store, limit);
        }
    }

    private static double sumOfSquares(ParameterStore store, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            double g = store.precision() == Precision.FLOAT32
                    ? store.heapGradients32()[i]
                    : store.heapGradients64()[i];
            sum += g * g;
        }
        return sum;
    }

    private static void scale(ParameterStore store, int from, int length, double factor) {
        for (int i = from; i < from + length; i++) {
            if (store.precision() == Precision.FLOAT32) {
                store.heapGradients32()[i] *= (float) factor;
            } else {
                store.heapGradients64()[i] *= factor;
            }
        }
    }

    private static void clamp(ParameterStore store, double limit) {
        for (int i = 0; i < store.size(); i++) {
            if (store.precision() == Precision.FLOAT32) {
                float[] g = store.heapGradients32();
                g[i] = (float) Math.max(-limit, Math.min(limit, g[i]));
            } else {
                double[] g = store.heapGradients64();
                g[i] = Math.max(-limit, Math.min(limit, g[i]));
            }
        }
    }
}
