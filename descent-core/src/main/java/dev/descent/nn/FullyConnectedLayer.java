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
    /** The kept input columns of training batches, or null to multiply every column. */
    private ZeroColumns zeroColumns;

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
        Matrix y = product(x, training);
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
    Matrix product(Matrix x, boolean training) {
        Matrix y = output.rows(x.rows());
        int kept = -1;
        if (zeroColumns != null && training) {
            kept = zeroColumns.find(x, outputSize());
        } else if (zeroColumns != null) {
            zeroColumns.clear();
        }
        if (kept < 0) {
            input = x;
            Matrix.multiply(x, Transpose.NO, weights.value(), Transpose.NO, 1, 0, y);
            return y;
        }
        int[] columns = zeroColumns.columns();
        input = zeroColumns.input.of(kept, x.rows());
        x.gatherColumns(columns, kept, input);
        Matrix w = zeroColumns.weights.of(kept, outputSize());
        weights.value().gatherRows(columns, kept, w);
        Matrix.multiply(input, Transpose.NO, w, Transpose.NO, 1, 0, y);
        return y;
    }

    /**
     * Whether training batches of a float32 network multiply only the input columns that are
     * not 0 throughout the batch, where that saves time ({@link ZeroColumns#pays}): a column of
     * zeros adds nothing to x W, and its rows of dW are 0. Set for the first layer, whose input
     * is the data; handwritten digits leave about 37% of their 784 pixels 0 in a batch of 64
     * (docs/benchmark.md, round 7). The sums then skip terms that are exactly 0, which can
     * change their last bits, and values that are not finite in the left-out rows of W no
     * longer reach the output (infinity times 0 would give NaN).
     */
    void skipZeroColumns(boolean skip) {
        zeroColumns = skip && precision() == Precision.FLOAT32
                ? new ZeroColumns(precision(), inputSize()) : null;
    }

    /** How many input columns the last forward pass multiplied, or -1 for all of them. */
    int keptColumnCount() {
        return zeroColumns == null ? -1 : zeroColumns.count();
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
        int kept = keptColumnCount();
        if (kept < 0) {
            Matrix.multiply(input, Transpose.YES, delta, Transpose.NO, 1, 0, weights.gradient());
        } else {
            Matrix keptRows = zeroColumns.gradient.of(kept, outputSize());
            Matrix.multiply(input, Transpose.YES, delta, Transpose.NO, 1, 0, keptRows);
            weights.gradient().scatterRows(zeroColumns.columns(), kept, keptRows);
        }
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
