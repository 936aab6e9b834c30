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
        a = output.rows(input.rows());
        input.activate(function, scale, a);
        return a;
    }

    @Override
    public Matrix backward(Matrix outputGrad) {
        Matrix dz = inputGrad.rows(outputGrad.rows());
        z.activationGradient(function, scale, a, outputGrad, dz);
        return dz;
    }
}
