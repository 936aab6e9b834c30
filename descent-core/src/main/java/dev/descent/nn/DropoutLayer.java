package dev.descent.nn;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;

/**
 * Inverted dropout: in training each element is kept with probability 1 - p and scaled by
 * 1 / (1 - p), a fresh mask every batch ({@link dev.descent.tensor.DropoutMask}, keyed by this
 * layer's generator); at prediction and validation it is the identity.
 */
final class DropoutLayer extends Layer {
    private final LayerSpec.Dropout spec;
    private final double probability;
    private final Rng rng;
    private final RowBuffer output;
    private final RowBuffer inputGrad;
    /** The key of the last training batch's mask; the mask itself is never stored. */
    private long lastKey;
    private boolean masked;

    DropoutLayer(String name, LayerSpec.Dropout spec, int size, Precision precision, Rng rng) {
        super(name, size, size, precision);
        this.spec = spec;
        this.probability = spec.probability();
        this.rng = rng;
        this.output = new RowBuffer(precision, size);
        this.inputGrad = new RowBuffer(precision, size);
    }

    @Override
    public LayerSpec spec() {
        return spec;
    }

    /** The generator of the masks, so checkpoints can save and restore its state. */
    Rng rng() {
        return rng;
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        if (!startMask(training)) {
            return input;
        }
        Matrix y = output.rows(input.rows());
        input.dropout(probability, lastKey, y);
        return y;
    }

    /**
     * Starts the mask of a forward pass, a fused one too: draws its key ({@link #lastKey()})
     * and says true, or says false when this pass is not masked (prediction, or probability
     * 0).
     */
    boolean startMask(boolean training) {
        masked = training && probability != 0;
        if (masked) {
            lastKey = rng.nextLong();
        }
        return masked;
    }

    /** This layer's output buffer with {@code rows} rows, for a fused forward. */
    Matrix outputRows(int rows) {
        return output.rows(rows);
    }

    double probability() {
        return probability;
    }

    /** The key of the last masked forward. */
    long lastKey() {
        return lastKey;
    }

    /** Whether the last forward applied a mask. */
    boolean masked() {
        return masked;
    }

    @Override
    public Matrix backward(Matrix outputGrad) {
        if (!masked) {
            return outputGrad;
        }
        Matrix dx = inputGrad.rows(outputGrad.rows());
        outputGrad.dropout(probability, lastKey, dx);
        return dx;
    }
}
