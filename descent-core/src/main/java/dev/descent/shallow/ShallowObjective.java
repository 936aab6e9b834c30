package dev.descent.shallow;

import dev.descent.optim.batch.Objective;
import dev.descent.tensor.DoubleMatrix;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.tensor.Transpose;

/**
 * The performance of a shallow network on one fixed set of observations, as a function of its
 * flattened weights and biases, with its gradient by backpropagation. float64 throughout; the
 * products go through OpenBLAS.
 *
 * <p>Parameter layout, layer by layer: the S x R weight matrix row-major (one row per neuron),
 * then the S biases. Performance follows MATLAB: the per-element sum over finite targets divided
 * by their count, blended with the mean squared weight when regularisation r &gt; 0:
 * {@code perf = (1 - r) * dataPerf + r * sum(wb^2) / numel(wb)}. Outputs are reverse-processed
 * (for fitnet, mapminmax on targets) before they are compared with the targets.
 *
 * <p>Holds its work buffers; not thread safe.
 */
public final class ShallowObjective implements Objective {
    private final int[] sizes;
    private final Transfer[] transfers;
    private final PerformFcn performFcn;
    private final double regularization;
    private final MapMinMax outputMap;
    private final int rows;
    private final int dimension;
    private final int[] offsets;
    private final DoubleMatrix params;
    private final DoubleMatrix grads;
    private final Matrix input;
    private final double[] targets;
    private final int finiteTargets;
    private final Matrix[] net;
    private final double[][] act;
    private final Matrix[] actMatrix;
    private final double[] outputs;
    private final double[][] delta;
    private final Matrix[] deltaMatrix;
    private final Matrix[] backMatrix;

    /**
     * @param sizes layer widths: processed inputs R, hidden sizes, outputs K
     * @param transfers transfer function of each layer (one fewer than sizes)
     * @param performFcn the performance function
     * @param regularization MATLAB's performParam.regularization, in [0, 1]
     * @param outputMap reverse processing of the outputs, or null for none
     * @param x processed inputs, {@code rows x R} row-major
     * @param t targets in the original units, {@code rows x K} row-major; NaN = don't care
     * @param rows number of observations (may be 0: the value is then NaN)
     */
    public ShallowObjective(int[] sizes, Transfer[] transfers, PerformFcn performFcn,
            double regularization, MapMinMax outputMap, double[] x, double[] t, int rows) {
        if (transfers.length != sizes.length - 1) {
            throw new IllegalArgumentException("need one transfer function per layer");
        }
        if (!(regularization >= 0 && regularization <= 1)) {
            throw new IllegalArgumentException(
                    "regularization must be in [0, 1], got " + regularization);
        }
        int layers = transfers.length;
        int outputsSize = sizes[layers];
        if (x.length != rows * sizes[0] || t.length != rows * outputsSize) {
            throw new IllegalArgumentException("inputs must hold " + rows + "x" + sizes[0]
                    + " and targets " + rows + "x" + outputsSize + " values, got " + x.length
                    + " and " + t.length);
        }
        this.sizes = sizes.clone();
        this.transfers = transfers.clone();
        this.performFcn = performFcn;
        this.regularization = regularization;
        this.outputMap = outputMap;
        this.rows = rows;
        this.offsets = new int[layers + 1];
        for (int l = 0; l < layers; l++) {
            offsets[l + 1] = offsets[l] + sizes[l + 1] * (sizes[l] + 1);
        }
        this.dimension = offsets[layers];
        this.params = (DoubleMatrix) Matrix.zeros(Precision.FLOAT64, 1, dimension);
        this.grads = (DoubleMatrix) Matrix.zeros(Precision.FLOAT64, 1, dimension);
        this.targets = t.clone();
        this.finiteTargets = PerformFcn.countFinite(t, t.length);
        this.input = Matrix.zeros(Precision.FLOAT64, rows, sizes[0]);
        input.copyFrom(x, 0);
        this.net = new Matrix[layers];
        this.act = new double[layers][];
        this.actMatrix = new Matrix[layers];
        this.delta = new double[layers][];
        this.deltaMatrix = new Matrix[layers];
        this.backMatrix = new Matrix[layers];
        for (int l = 0; l < layers; l++) {
            int s = sizes[l + 1];
            net[l] = Matrix.zeros(Precision.FLOAT64, rows, s);
            act[l] = new double[rows * s];
            actMatrix[l] = Matrix.zeros(Precision.FLOAT64, rows, s);
            delta[l] = new double[rows * s];
            deltaMatrix[l] = Matrix.zeros(Precision.FLOAT64, rows, s);
            backMatrix[l] = Matrix.zeros(Precision.FLOAT64, rows, s);
        }
        this.outputs = new double[rows * outputsSize];
    }

    /** Offsets of each layer's block in the parameter vector, plus the total at the end. */
    static int[] offsets(int[] sizes) {
        int[] offsets = new int[sizes.length];
        for (int l = 0; l + 1 < sizes.length; l++) {
            offsets[l + 1] = offsets[l] + sizes[l + 1] * (sizes[l] + 1);
        }
        return offsets;
    }

    /** Length of the parameter vector. */
    public int dimension() {
        return dimension;
    }

    /** Number of observations. */
    public int rows() {
        return rows;
    }

    @Override
    public double value(double[] x) {
        forward(x);
        return combine(performFcn.sum(outputs, targets, rows, sizes[sizes.length - 1]), x);
    }

    /**
     * The reverse-processed outputs at the last {@link #value} or {@link #evaluate}
     * call, {@code rows x K} row-major (shared; overwritten by the next call).
     */
    public double[] lastOutputs() {
        return outputs;
    }

    @Override
    public double evaluate(double[] x, double[] gradient) {
        if (gradient.length != dimension) {
            throw new IllegalArgumentException(
                    "gradient must hold " + dimension + " values, got " + gradient.length);
        }
        forward(x);
        int layers = transfers.length;
        int k = sizes[layers];
        double dataScale = (1.0 - regularization) / finiteTargets;
        double value = combine(performFcn.sum(outputs, targets, rows, k), x);
        if (rows == 0 || finiteTargets == 0) {
            java.util.Arrays.fill(gradient, 0.0);
            return value;
        }
        double[] dy = delta[layers - 1];
        performFcn.derivative(outputs, targets, dy, rows, k, dataScale);
        if (outputMap != null) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < k; j++) {
                    dy[r * k + j] /= outputMap.gain(j);
                }
            }
        }
        for (int l = layers - 1; l >= 0; l--) {
            int s = sizes[l + 1];
            int in = sizes[l];
            transfers[l].backward(act[l], delta[l], delta[l], rows, s);
            deltaMatrix[l].copyFrom(delta[l], 0);
            Matrix previous = l == 0 ? input : actMatrix[l - 1];
            Matrix dw = grads.view(offsets[l], s, in);
            Matrix.multiply(deltaMatrix[l], Transpose.YES, previous, Transpose.NO, 1.0, 0.0, dw);
            Matrix db = grads.view(offsets[l] + s * in, 1, s);
            deltaMatrix[l].sumColumnsInto(db);
            if (l > 0) {
                Matrix w = params.view(offsets[l], s, in);
                Matrix.multiply(deltaMatrix[l], Transpose.NO, w, Transpose.NO, 1.0, 0.0,
                        backMatrix[l - 1]);
                backMatrix[l - 1].copyTo(delta[l - 1], 0);
            }
        }
        grads.copyTo(gradient, 0);
        if (regularization > 0) {
            double scale = 2.0 * regularization / dimension;
            for (int i = 0; i < dimension; i++) {
                gradient[i] += scale * x[i];
            }
        }
        return value;
    }

    private double combine(double dataSum, double[] x) {
        double dataPerf = finiteTargets == 0 ? Double.NaN : dataSum / finiteTargets;
        if (regularization == 0) {
            return dataPerf;
        }
        double squares = 0;
        for (double w : x) {
            squares += w * w;
        }
        return (1.0 - regularization) * dataPerf + regularization * squares / dimension;
    }

    private void forward(double[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException(
                    "parameter vector must hold " + dimension + " values, got " + x.length);
        }
        params.copyFrom(x, 0);
        int layers = transfers.length;
        for (int l = 0; l < layers; l++) {
            int s = sizes[l + 1];
            int in = sizes[l];
            Matrix previous = l == 0 ? input : actMatrix[l - 1];
            Matrix w = params.view(offsets[l], s, in);
            Matrix.multiply(previous, Transpose.NO, w, Transpose.YES, 1.0, 0.0, net[l]);
            net[l].addRowVector(params.view(offsets[l] + s * in, 1, s));
            net[l].copyTo(act[l], 0);
            transfers[l].apply(act[l], act[l], rows, s);
            actMatrix[l].copyFrom(act[l], 0);
        }
        System.arraycopy(act[layers - 1], 0, outputs, 0, outputs.length);
        if (outputMap != null) {
            outputMap.reverseInPlace(outputs, rows);
        }
    }
}
