package dev.descent.nn;

import dev.descent.tensor.DropoutMask;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;

/**
 * Inverted dropout: in training each element is kept with probability 1 - p and scaled by
 * 1 / (1 - p), a fresh mask every batch ({@link DropoutMask}, keyed by this layer's generator);
 * at prediction and validation it is the identity.
 */
final class DropoutLayer extends Layer {
    private final LayerSpec.Dropout spec;
    private final double probability;
    private final Rng rng;
    private final RowBuffer output;
    private float[] mask = new float[0];
    private final RowBuffer inputGrad;
    private float[] lastMask;

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
        if (!training || probability == 0) {
            lastMask = null;
            return input;
        }
        int n = input.size();
        if (mask.length < n) {
            mask = new float[n];
        }
        DropoutMask.fill(mask, n, probability, rng.nextLong());
        Matrix y = output.rows(input.rows());
        input.multiplyElementwise(mask, y);
        lastMask = mask;
        return y;
    }

    @Override
    public Matrix backward(Matrix outputGrad) {
        if (lastMask == null) {
            return outputGrad;
        }
        Matrix dx = inputGrad.rows(outputGrad.rows());
        outputGrad.multiplyElementwise(lastMask, dx);
        return dx;
    }
}
