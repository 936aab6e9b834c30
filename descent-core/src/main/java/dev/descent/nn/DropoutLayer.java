package dev.descent.nn;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;

/**
 * Inverted dropout: in training each element is kept with probability 1 - p and scaled by
 * 1 / (1 - p), a fresh mask every batch; at prediction and validation it is the identity.
 */
final class DropoutLayer extends Layer {
    private final LayerSpec.Dropout spec;
    private final double probability;
    private final Rng rng;
    private final RowBuffer output;
    private final RowBuffer mask;
    private final RowBuffer inputGrad;
    private Matrix lastMask;

    DropoutLayer(String name, LayerSpec.Dropout spec, int size, Precision precision, Rng rng) {
        super(name, size, size, precision);
        this.spec = spec;
        this.probability = spec.probability();
        this.rng = rng;
        this.output = new RowBuffer(precision, size);
        this.mask = new RowBuffer(precision, size);
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
        double keptScale = 1.0 / (1.0 - probability);
        Matrix m = mask.rows(input.rows());
        Matrix y = output.rows(input.rows());
        for (int i = 0, n = input.size(); i < n; i++) {
            double factor = rng.nextDouble() >= probability ? keptScale : 0.0;
            m.setFlat(i, factor);
            y.setFlat(i, input.getFlat(i) * factor);
        }
        lastMask = m;
        return y;
    }

    @Override
    public Matrix backward(Matrix outputGrad) {
        if (lastMask == null) {
            return outputGrad;
        }
        Matrix dx = inputGrad.rows(outputGrad.rows());
        for (int i = 0, n = outputGrad.size(); i < n; i++) {
            dx.setFlat(i, outputGrad.getFlat(i) * lastMask.getFlat(i));
        }
        return dx;
    }
}
