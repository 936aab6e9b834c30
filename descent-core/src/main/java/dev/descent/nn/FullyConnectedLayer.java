package dev.descent.nn;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.tensor.Transpose;
import dev.descent.util.Rng;
import java.util.List;

/**
 * y = x W + b for a batch x (B x in), with W stored in x in (transposed from MATLAB's out x in
 * so that batch-major products need no copy) and b a 1 x out row.
 *
 * <p>Backward, with delta = dL/dy (already divided by B by the loss): dW = x^T delta,
 * db = column sums of delta, dL/dx = delta W^T. This is the lesson's dW = delta A^T / B with
 * observations as rows.
 */
final class FullyConnectedLayer extends Layer {
    private final LayerSpec.FullyConnected spec;
    private final Parameter weights;
    private final Parameter bias;
    private final RowBuffer output;
    private final RowBuffer inputGrad;
    private Matrix input;

    FullyConnectedLayer(String name, LayerSpec.FullyConnected spec, int inputSize,
            Precision precision, ParameterStore.Allocator store, Rng rng) {
        super(name, inputSize, spec.size(), precision);
        this.spec = spec;
        this.weights = store.take(name + "/weights", inputSize, spec.size(),
                spec.weightLearnRateFactor(), spec.weightL2Factor());
        this.bias = spec.hasBias()
                ? store.take(name + "/bias", 1, spec.size(), spec.biasLearnRateFactor(),
                        spec.biasL2Factor())
                : null;
        this.output = new RowBuffer(precision, spec.size());
        this.inputGrad = new RowBuffer(precision, inputSize);
        initialise(rng);
    }

    /** Glorot uniform: U(-L, L) with L = sqrt(6 / (in + out)); zero bias. */
    private void initialise(Rng rng) {
        double limit = Math.sqrt(6.0 / (inputSize() + outputSize()));
        Matrix w = weights.value();
        for (int i = 0, n = w.size(); i < n; i++) {
            w.setFlat(i, (2 * rng.nextDouble() - 1) * limit);
        }
        if (bias != null) {
            bias.value().fill(0);
        }
    }

    @Override
    public LayerSpec spec() {
        return spec;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weights) : List.of(weights, bias);
    }

    @Override
    public Matrix forward(Matrix x, boolean training) {
        Matrix y = product(x);
        if (bias != null) {
            y.addRowVector(bias.value());
        }
        return y;
    }

    /**
     * x W without the bias, in the output buffer: the first half of {@link #forward}, for a
     * network that adds the bias in one pass with what follows (then {@link #bias()} is not
     * null).
     */
    Matrix product(Matrix x) {
        input = x;
        Matrix y = output.rows(x.rows());
        Matrix.multiply(x, Transpose.NO, weights.value(), Transpose.NO, 1, 0, y);
        return y;
    }

    /** The bias values, or {@code null} for a layer without bias. */
    Matrix bias() {
        return bias == null ? null : bias.value();
    }

    @Override
    public Matrix backward(Matrix delta) {
        return backward(delta, true);
    }

    @Override
    public Matrix backward(Matrix delta, boolean inputGradNeeded) {
        Matrix.multiply(input, Transpose.YES, delta, Transpose.NO, 1, 0, weights.gradient());
        if (bias != null) {
            delta.sumColumnsInto(bias.gradient());
        }
        if (!inputGradNeeded) {
            return null;
        }

        Matrix dx = inputGrad.rows(delta.rows());
        Matrix.multiply(delta, Transpose.NO, weights.value(), Transpose.YES, 1, 0, dx);
        return dx;
    }
}
