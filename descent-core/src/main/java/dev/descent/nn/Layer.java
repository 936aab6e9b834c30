package dev.descent.nn;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import java.util.List;

/**
 * One stage of a feed-forward network: {@code forward} maps a B x inputSize batch to a
 * B x outputSize batch and keeps what {@code backward} needs; {@code backward} takes
 * dL/d(output) and returns dL/d(input), writing the gradients of the layer's parameters.
 *
 * <p>Returned matrices are the layer's own buffers, valid until its next call; callers must not
 * keep them. The backward pass must follow the forward pass of the same batch.
 */
public abstract class Layer {
    private final String name;
    private final int inputSize;
    private final int outputSize;
    private final Precision precision;

    protected Layer(String name, int inputSize, int outputSize, Precision precision) {
        this.name = name;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.precision = precision;
    }

    /** MATLAB-style name, for example {@code fc_1}. */
    public final String name() {
        return name;
    }

    public final int inputSize() {
        return inputSize;
    }

    public final int outputSize() {
        return outputSize;
    }

    public final Precision precision() {
        return precision;
    }

    /** The specification this layer was built from (used to save and describe networks). */
    public abstract LayerSpec spec();

    /** The learnable arrays, empty for layers without parameters. */
    public List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Computes the layer's output for a batch.
     *
     * @param training true during training (dropout active), false for prediction and
     *     validation
     */
    public abstract Matrix forward(Matrix input, boolean training);

    /** Given dL/d(output) of the last forward batch, returns dL/d(input). */
    public abstract Matrix backward(Matrix outputGrad);

    /**
     * Like {@link #backward(Matrix)}; when {@code inputGradNeeded} is false the layer may skip
     * computing dL/d(input) (the first layer after the input) and return {@code null}.
     */
    public Matrix backward(Matrix outputGrad, boolean inputGradNeeded) {
        return backward(outputGrad);
    }

    @Override
    public String toString() {
        return name + " (" + inputSize + " -> " + outputSize + ")";
    }
}
