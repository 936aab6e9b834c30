package dev.descent.train;

import dev.descent.nn.Network;
import dev.descent.nn.Parameter;
import dev.descent.nn.ParameterStore;
import dev.descent.optim.batch.BlockSums;
import dev.descent.optim.batch.Objective;
import dev.descent.optim.batch.ShardEvaluator;
import java.util.List;

/**
 * A network's loss over a whole data set as a full-batch {@link Objective} of its flattened
 * parameters (the {@link ParameterStore} order), for the training functions of
 * {@code dev.descent.optim.batch}.
 *
 * <p>E(w) = data loss over all rows + sum over arrays of (lambda / 2) l2Factor |w|^2, and the
 * gradient includes the L2 term too: a line search needs the value and the gradient of one
 * function. (The stochastic path reports the data loss alone, as MATLAB does.) Dropout is off:
 * the functions compare values at nearby points, so the objective must be deterministic.
 * Evaluating sets the network's parameters to the point evaluated.
 *
 * <p>The data loss is summed per block of {@link BlockSums#BLOCK_ROWS} rows ({@link
 * NetworkShard}) and the block sums are added in block order, here or, through a {@link
 * ShardEvaluator} of a cluster, on other machines: both give the same bits.
 */
public final class NetworkObjective implements Objective {
    private final ParameterStore store;
    private final ShardEvaluator blocks;
    private final long rows;
    private final double l2Regularization;

    /**
     * @param data all training rows (copied once)
     * @param l2Regularization lambda, &gt;= 0
     * @throws IllegalArgumentException if lambda is negative or not finite
     */
    public NetworkObjective(Network network, Examples data, double l2Regularization) {
        this(network, new NetworkShard(network, data), l2Regularization);
    }

    /**
     * The objective whose data loss comes from {@code blocks}: the blocks of all training rows
     * in order, for example held by the executors of a cluster ({@link NetworkShardLoader}).
     *
     * @throws IllegalArgumentException if lambda is negative or not finite, or the blocks hold
     *     no rows
     */
    public NetworkObjective(Network network, ShardEvaluator blocks, double l2Regularization) {
        if (!(l2Regularization >= 0) || Double.isInfinite(l2Regularization)) {
            throw new IllegalArgumentException(
                    "L2Regularization must be finite and at least 0, got " + l2Regularization);
        }
        this.store = network.parameters();
        this.blocks = blocks;
        this.rows = blocks.count();
        this.l2Regularization = l2Regularization;
        if (rows < 1) {
            throw new IllegalArgumentException("the objective needs at least one row");
        }
    }

    /** The number of parameters. */
    public int size() {
        return store.size();
    }

    @Override
    public double evaluate(double[] parameters, double[] gradient) {
        store.setValues(parameters);
        List<BlockSums> sums = blocks.evaluate(parameters, 1.0 / rows, true);
        BlockSums total = BlockSums.sumInOrder(sums, store.size(), true);
        System.arraycopy(total.gradient(), 0, gradient, 0, store.size());
        return total.loss() / rows + addL2(parameters, gradient);
    }

    @Override
    public double value(double[] parameters) {
        store.setValues(parameters);
        List<BlockSums> sums = blocks.evaluate(parameters, 1.0, false);
        return BlockSums.sumInOrder(sums, store.size(), false).loss() / rows
                + addL2(parameters, null);
    }

    /** Adds lambda l2Factor w to {@code gradient} (when given); returns the penalty. */
    private double addL2(double[] w, double[] gradient) {
        if (l2Regularization == 0) {
            return 0;
        }
        double penalty = 0;
        for (Parameter p : store.parameters()) {
            double c = l2Regularization * p.l2Factor();
            if (c == 0) {
                continue;
            }
            for (int i = p.offset(); i < p.offset() + p.size(); i++) {
                penalty += 0.5 * c * w[i] * w[i];
                if (gradient != null) {
                    gradient[i] += c * w[i];
                }
            }
        }
        return penalty;
    }
}
