package dev.descent.shallow;

import dev.descent.optim.batch.BlockSums;
import dev.descent.optim.batch.ShardEvaluator;
import dev.descent.tensor.DoubleMatrix;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.tensor.Transpose;
import java.util.ArrayList;
import java.util.List;

/**
 * The data term of a shallow network's performance over a run of observations, block by block
 * ({@link BlockSums#BLOCK_ROWS} rows each): per block the sum of the per-element performance,
 * the gradient of that sum (each element's derivative scaled by the given factor) by
 * backpropagation through OpenBLAS, and the count of finite targets. {@link ShallowObjective}
 * adds the blocks in order, whether they were computed here or on a cluster's executors.
 *
 * <p>Holds work buffers for one block; not thread safe.
 */
public final class ShallowShard implements ShardEvaluator {
    private final ShallowModel model;
    private final int rows;
    private final Matrix input;
    private final double[] targets;
    private final long finiteTargets;
    private final double[] outputs;
    private final DoubleMatrix params;
    private final DoubleMatrix grads;
    private final Matrix[] net;
    private final double[][] act;
    private final Matrix[] actMatrix;
    private final double[][] delta;
    private final Matrix[] deltaMatrix;
    private final Matrix[] backMatrix;
    private final double[] blockTargets;
    private final double[] blockOutputs;

    /**
     * @param model the network's layout, transfer and performance functions
     * @param x processed inputs, {@code rows x R} row-major (copied)
     * @param t targets in original units, {@code rows x K} row-major (copied); NaN = don't care
     * @throws IllegalArgumentException if a block's buffers do not fit ({@link
     *     ShallowModel#checkSize})
     */
    public ShallowShard(ShallowModel model, double[] x, double[] t, int rows) {
        int[] sizes = model.sizes();
        ShallowModel.checkSize(sizes, rows);
        int layers = sizes.length - 1;
        int k = sizes[layers];
        if (x.length != rows * sizes[0] || t.length != rows * k) {
            throw new IllegalArgumentException("inputs must hold " + rows + "x" + sizes[0]
                    + " and targets " + rows + "x" + k + " values, got " + x.length
                    + " and " + t.length);
        }
        this.model = model;
        this.rows = rows;
        this.targets = t.clone();
        this.finiteTargets = PerformFcn.countFinite(t, t.length);
        this.outputs = new double[rows * k];
        this.input = Matrix.zeros(Precision.FLOAT64, Math.max(rows, 1), sizes[0]);
        if (rows > 0) {
            input.copyFrom(x, 0);
        }
        int dimension = model.dimension();
        this.params = (DoubleMatrix) Matrix.zeros(Precision.FLOAT64, 1, dimension);
        this.grads = (DoubleMatrix) Matrix.zeros(Precision.FLOAT64, 1, dimension);
        int b = Math.max(1, Math.min(rows, BlockSums.BLOCK_ROWS));
        this.net = new Matrix[layers];
        this.act = new double[layers][];
        this.actMatrix = new Matrix[layers];
        this.delta = new double[layers][];
        this.deltaMatrix = new Matrix[layers];
        this.backMatrix = new Matrix[layers];
        for (int l = 0; l < layers; l++) {
            int s = sizes[l + 1];
            net[l] = Matrix.zeros(Precision.FLOAT64, b, s);
            act[l] = new double[b * s];
            actMatrix[l] = Matrix.zeros(Precision.FLOAT64, b, s);
            delta[l] = new double[b * s];
            deltaMatrix[l] = Matrix.zeros(Precision.FLOAT64, b, s);
            backMatrix[l] = Matrix.zeros(Precision.FLOAT64, b, s);
        }
        this.blockTargets = new double[b * k];
        this.blockOutputs = new double[b * k];
    }

    /** Number of observations. */
    public int rows() {
        return rows;
    }

    @Override
    public long count() {
        return finiteTargets;
    }

    /**
     * The reverse-processed outputs of every row at the last evaluation, {@code rows x K}
     * row-major (shared; overwritten by the next call).
     */
    public double[] lastOutputs() {
        return outputs;
    }

    @Override
    public List<BlockSums> evaluate(double[] w, double gradientScale, boolean gradient) {
        int dimension = model.dimension();
        if (w.length != dimension) {
            throw new IllegalArgumentException(
                    "parameter vector must hold " + dimension + " values, got " + w.length);
        }
        params.copyFrom(w, 0);
        int blocks = BlockSums.blocks(rows);
        List<BlockSums> sums = new ArrayList<>(blocks);
        for (int block = 0; block < blocks; block++) {
            int first = block * BlockSums.BLOCK_ROWS;
            int n = Math.min(BlockSums.BLOCK_ROWS, rows - first);
            sums.add(block(first, n, gradientScale, gradient));
        }
        return sums;
    }

    private BlockSums block(int first, int n, double scale, boolean gradient) {
        int[] sizes = model.sizes();
        int[] offsets = model.offsets();
        Transfer[] transfers = model.transfers();
        int layers = transfers.length;
        int k = sizes[layers];
        Matrix in = input.view(first * sizes[0], n, sizes[0]);
        for (int l = 0; l < layers; l++) {
            int s = sizes[l + 1];
            Matrix previous = l == 0 ? in : actMatrix[l - 1].view(0, n, sizes[l]);
            Matrix w = params.view(offsets[l], s, sizes[l]);
            Matrix z = net[l].view(0, n, s);
            Matrix.multiply(previous, Transpose.NO, w, Transpose.YES, 1.0, 0.0, z);
            z.addRowVector(params.view(offsets[l] + s * sizes[l], 1, s));
            z.copyTo(act[l], 0);
            transfers[l].apply(act[l], act[l], n, s);
            actMatrix[l].view(0, n, s).copyFrom(act[l], 0);
        }
        double[] y = blockOutputs;
        System.arraycopy(act[layers - 1], 0, y, 0, n * k);
        MapMinMax outputMap = model.outputMap();
        if (outputMap != null) {
            outputMap.reverseInPlace(y, n);
        }
        System.arraycopy(y, 0, outputs, first * k, n * k);
        System.arraycopy(targets, first * k, blockTargets, 0, n * k);
        PerformFcn performFcn = model.performFcn();
        double loss = performFcn.sum(y, blockTargets, n, k);
        long count = PerformFcn.countFinite(blockTargets, n * k);
        if (!gradient) {
            return new BlockSums(loss, null, count);
        }
        double[] g = new double[model.dimension()];
        if (count == 0) {
            return new BlockSums(loss, g, count);
        }
        double[] dy = delta[layers - 1];
        performFcn.derivative(y, blockTargets, dy, n, k, scale);
        if (outputMap != null) {
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < k; j++) {
                    dy[r * k + j] /= outputMap.gain(j);
                }
            }
        }
        for (int l = layers - 1; l >= 0; l--) {
            int s = sizes[l + 1];
            int inputs = sizes[l];
            transfers[l].backward(act[l], delta[l], delta[l], n, s);
            Matrix d = deltaMatrix[l].view(0, n, s);
            d.copyFrom(delta[l], 0);
            Matrix previous = l == 0 ? in : actMatrix[l - 1].view(0, n, inputs);
            Matrix dw = grads.view(offsets[l], s, inputs);
            Matrix.multiply(d, Transpose.YES, previous, Transpose.NO, 1.0, 0.0, dw);
            Matrix db = grads.view(offsets[l] + s * inputs, 1, s);
            d.sumColumnsInto(db);
            if (l > 0) {
                Matrix w = params.view(offsets[l], s, inputs);
                Matrix back = backMatrix[l - 1].view(0, n, inputs);
                Matrix.multiply(d, Transpose.NO, w, Transpose.NO, 1.0, 0.0, back);
                back.copyTo(delta[l - 1], 0);
            }
        }
        grads.copyTo(g, 0);
        return new BlockSums(loss, g, count);
    }
}
