package dev.descent.nn;

import dev.descent.tensor.Matrix;

/**
 * Sees every layer of a {@link Network}'s forward and backward passes, as the engine runs them:
 * the same calls serve training, prediction and the backpropagation trace. Install one with
 * {@link Network#setPassListener}.
 *
 * <p>The matrices are the network's own buffers, valid only during the call; copy what you keep.
 * Layer indices count from 0 (the input layer) in {@link Network#layers()} order.
 */
public interface PassListener {

    /** After layer {@code index} mapped {@code input} to {@code output} (B x width each). */
    default void forwarded(int index, Layer layer, Matrix input, Matrix output) {}

    /**
     * After the output layer computed the gradient that starts the backward pass: dL/dy of the
     * predictions, or, when {@code fusedWithSoftmax}, dL/dz of the softmax input ((p - t) / B),
     * in which case the softmax layer's own backward is skipped.
     */
    default void lossGradient(Matrix gradient, boolean fusedWithSoftmax) {}

    /**
     * After layer {@code index}'s backward: {@code outputGrad} is dL/d(its output),
     * {@code inputGrad} dL/d(its input), {@code null} for the first layer after the input (which
     * does not compute it). The layer's parameter gradients are in {@link Layer#parameters()}.
     */
    default void backwarded(int index, Layer layer, Matrix outputGrad, Matrix inputGrad) {}
}
