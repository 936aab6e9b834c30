package dev.descent.nn;

import dev.descent.tensor.ActivationFunction;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;

/** An element-wise activation a = f(z); backward multiplies dL/da by f'(z). */
final class ActivationLayer extends Layer {
    private final LayerSpec.Activation spec;
    private final ActivationFunction function;
    private final double scale;
    private final RowBuffer output;
    private final RowBuffer inputGrad;
    private Matrix z;
    private Matrix a;
    /** The dropout's output of the last fused forward with a mask, else null. */
    private Matrix kept;

    ActivationLayer(String name, LayerSpec.Activation spec, int size, Precision precision) {
        super(name, size, size, precision);
        this.spec = spec;
        this.function = spec.function();
        this.scale = spec.scale();
        this.output = new RowBuffer(precision, size);
        this.inputGrad = new RowBuffer(precision, size);
    }

    @Override
    public LayerSpec spec() {
        return spec;
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        z = input;
        kept = null;
        a = output.rows(input.rows());
        input.activate(function, scale, a);
        return a;
    }

    /** Whether this is a ReLU or leaky ReLU, whose derivative needs only its input z. */
    boolean isRectifier() {
        return function == ActivationFunction.RELU || function == ActivationFunction.LEAKY_RELU;
    }

    /**
     * The forward pass of the bias before this layer, this layer and the dropout after it in
     * one pass over memory: {@code product} (x W of the layer below) becomes z = x W + b in
     * place, and the result f(z) * mask goes to the dropout's output (to this layer's without
     * dropout). A rectifier only; the values are those of the three forward passes.
     */
    Matrix forwardFused(Matrix product, Matrix bias, DropoutLayer dropout, boolean training) {
        z = product;
        boolean masked = dropout != null && dropout.startMask(training);
        // A masked ReLU's backward reads only the masked output, so z need not be stored:
        // the output then overwrites z, which spares the cache a second batch-sized array.
        boolean reluKept = masked && function == ActivationFunction.RELU;
        Matrix out = reluKept ? z
                : masked ? dropout.outputRows(z.rows()) : output.rows(z.rows());
        z.addBiasActivateDropout(bias, function, scale, masked ? dropout.probability() : 0,
                masked ? dropout.lastKey() : 0, out, !reluKept);
        // With a mask, f(z) itself is never stored; backward needs only z, or for a ReLU the
        // masked output.
        a = masked ? null : out;
        kept = reluKept ? out : null;
        return out;
    }

    /**
     * The backward pass of the dropout after this layer (masked in the last forward) and of
     * this layer in one pass: dL/dz from the gradient at the dropout's output.
     */
    Matrix backwardFused(Matrix dropoutOutputGrad, DropoutLayer dropout) {
        if (kept != null) {
            // A ReLU's output after the mask is positive exactly where both let z through. In
            // place: nothing reads the gradient at the dropout's output afterwards.
            kept.keptRectifierGradient(dropoutOutputGrad, dropout.probability(),
                    dropoutOutputGrad);
            return dropoutOutputGrad;
        }
        Matrix dz = inputGrad.rows(dropoutOutputGrad.rows());
        z.dropoutActivationGradient(function, scale, dropoutOutputGrad, dropout.probability(),
                dropout.lastKey(), dz);
        return dz;
    }

    @Override
    public Matrix backward(Matrix outputGrad) {
        Matrix dz = inputGrad.rows(outputGrad.rows());
        // After a fused forward with a mask, a was not stored; a rectifier's derivative
        // needs z alone. A ReLU's z was not stored either: its masked output is positive
        // where z is, except where the mask dropped z, where outputGrad is 0 anyway.
        Matrix from = kept != null ? kept : a == null ? z : a;
        from.activationGradient(function, scale, from, outputGrad, dz);
        return dz;
    }
}
