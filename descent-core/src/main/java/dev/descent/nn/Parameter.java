package dev.descent.nn;

import dev.descent.tensor.Matrix;

/**
 * One learnable array of a layer (a weight matrix or a bias vector) with its gradient.
 *
 * <p>{@code value} and {@code gradient} are views into the network's contiguous
 * {@link ParameterStore}; {@code offset} is where they start there.
 *
 * @param name layer name and role, for example {@code fc_1/weights}
 * @param learnRateFactor multiplies the global learning rate for this array (MATLAB
 *     {@code WeightLearnRateFactor}/{@code BiasLearnRateFactor}); 0 freezes it
 * @param l2Factor multiplies the global L2 coefficient (1 for weights, 0 for biases)
 */
public record Parameter(String name, Matrix value, Matrix gradient, int offset,
        double learnRateFactor, double l2Factor) {

    /** Number of elements. */
    public int size() {
        return value.size();
    }
}
