package dev.descent.train;

import dev.descent.nn.Network;
import dev.descent.optim.batch.BlockSums;
import dev.descent.optim.batch.ShardEvaluator;
import dev.descent.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The data loss of a network over a run of rows, block by block ({@link BlockSums#BLOCK_ROWS}
 * rows each), in prediction mode (dropout off): per block the loss summed over its rows, the
 * gradient of that sum times the scale, and the row count. {@link NetworkObjective} adds the
 * blocks in order, whether they were computed here or on a cluster's executors, so the
 * objective's bits do not depend on where the blocks were held.
 *
 * <p>The network's loss layers give the mean over a batch and its gradient; a block's sums are
 * that mean and gradient times the block's rows (times the scale for the gradient). Evaluating
 * sets the network's parameters. Not thread safe.
 */
public final class NetworkShard implements ShardEvaluator {
    private final Network network;
    private final int rows;
    private final Matrix x;
    private final Matrix t;

    /** All rows of {@code data}. */
    public NetworkShard(Network network, Examples data) {
        this(network, data, 0, data.rows());
    }

    /**
     * Rows {@code [from, to)} of {@code data} (copied once, in the network's precision).
     *
     * @throws IllegalArgumentException if the range is outside the data
     */
    public NetworkShard(Network network, Examples data, int from, int to) {
        if (from < 0 || to < from || to > data.rows()) {
            throw new IllegalArgumentException("rows " + from + ".." + to + " are outside data"
                    + " of " + data.rows() + " rows");
        }
        this.network = network;
        this.rows = to - from;
        int n = Math.max(rows, 1);
        this.x = Matrix.zeros(network.precision(), n, data.cols());
        this.t = Matrix.zeros(network.precision(), n, data.targetCols());
        int[] order = new int[data.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (rows > 0) {
            data.copyBatch(order, from, rows, x, t);
        }
    }

    /** The network whose parameters each evaluation sets. */
    public Network network() {
        return network;
    }

    @Override
    public long count() {
        return rows;
    }

    @Override
    public List<BlockSums> evaluate(double[] parameters, double gradientScale,
            boolean gradient) {
        network.parameters().setValues(parameters);
        int blocks = BlockSums.blocks(rows);
        List<BlockSums> sums = new ArrayList<>(blocks);
        for (int block = 0; block < blocks; block++) {
            int first = block * BlockSums.BLOCK_ROWS;
            int n = Math.min(BlockSums.BLOCK_ROWS, rows - first);
            Matrix xb = x.rowRange(first, n);
            Matrix tb = t.rowRange(first, n);
            if (!gradient) {
                network.forward(xb, false);
                sums.add(new BlockSums(network.loss(tb) * n, null, n));
                continue;
            }
            double mean = network.computeGradients(xb, tb, false);
            double[] g = network.parameters().gradientsAsDoubles();
            double factor = n * gradientScale;
            if (factor != 1.0) {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= factor;
                }
            }
            sums.add(new BlockSums(mean * n, g, n));
        }
        return sums;
    }
}
