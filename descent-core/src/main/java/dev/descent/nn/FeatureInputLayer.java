package dev.descent.nn;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;

/** The input layer: checks the width and passes the batch through. */
final class FeatureInputLayer extends Layer {
    private final LayerSpec.FeatureInput spec;

    FeatureInputLayer(String name, LayerSpec.FeatureInput spec, Precision precision) {
        super(name, spec.size(), spec.size(), precision);
        this.spec = spec;
    }

    @Override
    public LayerSpec spec() {
        return spec;
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        if (input.cols() != inputSize()) {
            throw new IllegalArgumentException(name() + " expects " + inputSize()
                    + " features per observation, got " + input.cols());
        }
        return input;
    }

    @Override
    public Matrix backward(Matrix outputGrad) {
        return outputGrad;
    }
}
