package dev.descent.nn;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;

/**
 * The last layer: it passes predictions through and defines the loss, a mean over the
 * observations of the batch, and its gradient with respect to the predictions.
 */
public abstract class OutputLayer extends Layer {
    private final RowBuffer gradient;

    protected OutputLayer(String name, int size, Precision precision) {
        super(name, size, size, precision);
        this.gradient = new RowBuffer(precision, size);
    }

    /** Whether the loss is cross-entropy over classes (else a regression loss). */
    public abstract boolean isClassification();

    /** The loss of {@code prediction} against {@code target} (both B x K), mean over B. */
    public abstract double loss(Matrix prediction, Matrix target);

    /** dL/d(prediction), written into a buffer of the layer. */
    public Matrix lossGradient(Matrix prediction, Matrix target) {
        Matrix g = gradient.rows(prediction.rows());
        writeLossGradient(prediction, target, g);
        return g;
    }

    abstract void writeLossGradient(Matrix prediction, Matrix target, Matrix out);

    /** A work matrix for subclasses' fused gradients. */
    Matrix gradientBuffer(int rows) {
        return gradient.rows(rows);
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        return input;
    }

    @Override
    public Matrix backward(Matrix outputGrad) {
        return outputGrad;
    }

    static void requireSameShape(Matrix prediction, Matrix target) {
        if (prediction.rows() != target.rows() || prediction.cols() != target.cols()) {
            throw new IllegalArgumentException("targets must be " + prediction.rows() + "x"
                    + prediction.cols() + " like the predictions, got " + target.rows() + "x"
                    + target.cols());
        }
    }
}
