package dev.descent.shallow;

import dev.descent.optim.batch.BlockSums;
import dev.descent.optim.batch.Objective;
import dev.descent.optim.batch.ShardEvaluator;
import java.util.List;

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
 * <p>The data term is summed per block of {@link BlockSums#BLOCK_ROWS} observations and the
 * block sums are added in block order ({@link ShallowShard}), here or, through a
 * {@link ShardEvaluator} of a cluster, on other machines: both give the same bits.
 *
 * <p>Holds its work buffers; not thread safe.
 */
public final class ShallowObjective implements Objective {
    private final ShallowModel model;
    private final double regularization;
    private final ShardEvaluator blocks;
    private final ShallowShard local;
    private final long finiteTargets;

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
        this(new ShallowModel(sizes, transfers, performFcn, outputMap), regularization,
                x, t, rows);
    }

    private ShallowObjective(ShallowModel model, double regularization, double[] x,
            double[] t, int rows) {
        this(model, regularization, new ShallowShard(model, x, t, rows));
    }

    /**
     * The objective whose data term comes from {@code blocks}: the blocks of all observations in
     * order, for example held by the executors of a cluster.
     */
    public ShallowObjective(ShallowModel model, double regularization, ShardEvaluator blocks) {
        if (!(regularization >= 0 && regularization <= 1)) {
            throw new IllegalArgumentException(
                    "regularization must be in [0, 1], got " + regularization);
        }
        this.model = model;
        this.regularization = regularization;
        this.blocks = blocks;
        this.local = blocks instanceof ShallowShard shard ? shard : null;
        this.finiteTargets = blocks.count();
    }

    /**
     * Offsets of each layer's block in the parameter vector, plus the total at the end.
     *
     * @throws IllegalArgumentException if the network does not fit ({@link
     *     ShallowModel#checkSize})
     */
    static int[] offsets(int[] sizes) {
        ShallowModel.checkSize(sizes, 1);
        int[] offsets = new int[sizes.length];
        for (int l = 0; l + 1 < sizes.length; l++) {
            offsets[l + 1] = offsets[l] + sizes[l + 1] * (sizes[l] + 1);
        }
        return offsets;
    }

    /** Length of the parameter vector. */
    public int dimension() {
        return model.dimension();
    }

    /** Number of observations held here (0 when the rows are held elsewhere). */
    public int rows() {
        return local == null ? 0 : local.rows();
    }

    @Override
    public double value(double[] x) {
        List<BlockSums> sums = blocks.evaluate(x, 1.0, false);
        return combine(BlockSums.sumInOrder(sums, x.length, false).loss(), x);
    }

    /**
     * The reverse-processed outputs at the last {@link #value} or {@link #evaluate}
     * call, {@code rows x K} row-major (shared; overwritten by the next call).
     *
     * @throws IllegalStateException when the rows are held elsewhere
     */
    public double[] lastOutputs() {
        if (local == null) {
            throw new IllegalStateException("the outputs of a distributed objective stay on "
                    + "the machines that hold its rows");
        }
        return local.lastOutputs();
    }

    @Override
    public double evaluate(double[] x, double[] gradient) {
        int dimension = model.dimension();
        if (gradient.length != dimension) {
            throw new IllegalArgumentException(
                    "gradient must hold " + dimension + " values, got " + gradient.length);
        }
        double dataScale = (1.0 - regularization) / finiteTargets;
        List<BlockSums> sums = blocks.evaluate(x, dataScale, true);
        BlockSums total = BlockSums.sumInOrder(sums, dimension, true);
        double value = combine(total.loss(), x);
        if (finiteTargets == 0) {
            java.util.Arrays.fill(gradient, 0.0);
            return value;
        }
        System.arraycopy(total.gradient(), 0, gradient, 0, dimension);
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
        return (1.0 - regularization) * dataPerf + regularization * squares / model.dimension();
    }
}
