package dev.descent.nn;

import dev.descent.internal.blas.OpenBlas;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.tensor.Transpose;
import dev.descent.util.Rng;
import java.util.Arrays;
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
    /** Whether training batches may leave out their all-zero input columns (first layer). */
    private boolean skipsZeroColumns;
    /** The input columns the last training batch used, in order; all of them when -1. */
    private final int[] keptColumns;
    private int keptCount = -1;
    private final KeptViews keptInput;
    private final KeptViews keptWeights;
    private final KeptViews keptGradient;

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
        this.keptColumns = new int[inputSize];
        this.keptInput = new KeptViews(precision, false, inputSize);
        this.keptWeights = new KeptViews(precision, true, inputSize);
        this.keptGradient = new KeptViews(precision, true, inputSize);
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
        keptCount = training && skipsZeroColumns ? keptColumns(x) : -1;
        if (keptCount < 0) {
            input = x;
            Matrix.multiply(x, Transpose.NO, weights.value(), Transpose.NO, 1, 0, y);
            return y;
        }
        input = keptInput.of(keptCount, x.rows());
        x.gatherColumns(keptColumns, keptCount, input);
        Matrix w = keptWeights.of(keptCount, outputSize());
        weights.value().gatherRows(keptColumns, keptCount, w);
        Matrix.multiply(input, Transpose.NO, w, Transpose.NO, 1, 0, y);
        return y;
    }

    /**
     * Whether training batches of a float32 network multiply only the input columns that are
     * not 0 throughout the batch, where that saves time ({@link #pays}): a column of zeros
     * adds nothing to x W, and its rows of dW are 0. Set for the first layer, whose input is
     * the data; handwritten digits leave about 37% of their 784 pixels 0 in a batch of 64
     * (docs/benchmark.md, round 7). The sums then skip terms that are exactly 0, which can
     * change their last bits, and a weight of infinity times an input of 0 no longer gives
     * NaN.
     */
    void skipZeroColumns(boolean skip) {
        skipsZeroColumns = skip && precision() == Precision.FLOAT32;
    }

    /** How many input columns the last forward pass multiplied, or -1 for all of them. */
    int keptColumnCount() {
        return keptCount;
    }

    /**
     * Rows a batch is first probed on, to leave most batches without enough zeros unread:
     * 16, then 4 times as many each time the rows so far leave enough columns 0.
     */
    static final int PROBE_ROWS = 16;

    /**
     * Multiply-adds a left-out column must save per value the subset costs to copy: the
     * copies (a scan of the batch, its kept columns, the kept weight rows and the gradient
     * written back) ran at about 0.2 ns a value on the development machine, a multiply-add of
     * these products at about 0.023 ns on one thread, so 8 is about break-even.
     */
    static final int COPY_COST = 8;

    /** The number of kept columns of batch x (in keptColumns), or -1 to multiply it whole. */
    private int keptColumns(Matrix x) {
        int rows = x.rows();
        // A batch rarely has more than half its columns 0 (digits: 37% at batch 64).
        if (!pays(rows, x.cols(), outputSize(), x.cols() / 2)) {
            return -1;
        }
        for (int probe = PROBE_ROWS; ; probe *= 4) {
            int probed = Math.min(probe, rows);
            int kept = x.nonzeroColumns(probed, keptColumns);
            // The kept columns of the first rows are at most those of the whole batch.
            if (!pays(rows, x.cols(), outputSize(), kept)) {
                return -1;
            }
            if (probed == rows) {
                return kept == 0 ? -1 : kept;
            }
        }
    }

    /**
     * Whether multiplying a batch of {@code rows} by only {@code kept} of its {@code columns}
     * saves {@link #COPY_COST} multiply-adds per value copied, and splits over as many threads
     * as the whole product (otherwise the subset runs on one thread where the whole ran on
     * all: 784-64-10 at batch 64 on two threads, 188 instead of 158 microseconds a step).
     */
    static boolean pays(int rows, int columns, int width, int kept) {
        long saved = 2L * rows * width * (columns - kept);
        long copied = rows * (2L * columns + kept) + (long) width * (columns + kept);
        return saved >= COPY_COST * copied
                && OpenBlas.partsFor(rows, width, kept) == OpenBlas.partsFor(rows, width, columns);
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
        if (keptCount < 0) {
            Matrix.multiply(input, Transpose.YES, delta, Transpose.NO, 1, 0, weights.gradient());
        } else {
            Matrix kept = keptGradient.of(keptCount, outputSize());
            Matrix.multiply(input, Transpose.YES, delta, Transpose.NO, 1, 0, kept);
            weights.gradient().scatterRows(keptColumns, keptCount, kept);
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

    /**
     * Work matrices with one side the number of kept columns: each shape's view of the storage
     * is made once, so that steady-state training allocates nothing.
     */
    private static final class KeptViews {
        private final Precision precision;
        private final boolean keptRows;
        private final Matrix[] views;
        private Matrix storage;
        private int other = -1;

        /**
         * @param keptRows whether the kept count is the row count (else the column count)
         * @param mostKept the largest kept count
         */
        KeptViews(Precision precision, boolean keptRows, int mostKept) {
            this.precision = precision;
            this.keptRows = keptRows;
            this.views = new Matrix[mostKept + 1];
        }

        /** A (kept x otherSide) or (otherSide x kept) matrix; contents undefined. */
        Matrix of(int kept, int otherSide) {
            if (otherSide != other) {
                storage = Matrix.zeros(precision, 1, Math.max(1, (views.length - 1) * otherSide));
                Arrays.fill(views, null);
                other = otherSide;
            }
            Matrix view = views[kept];
            if (view == null) {
                view = keptRows ? storage.view(0, kept, other) : storage.view(0, other, kept);
                views[kept] = view;
            }
            return view;
        }
    }
}
