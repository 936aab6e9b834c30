package dev.descent.optim.batch;

import java.util.List;

/**
 * Evaluates the data term of a full-batch objective over a shard of whole blocks of rows (see
 * {@link BlockSums}): the seam between an objective and wherever its rows are held, in this
 * process or on the executors of a cluster ({@link DistributedEvaluator}).
 */
public interface ShardEvaluator {

    /**
     * The sums of each block of the shard, in block order.
     *
     * @param parameters the point (read only)
     * @param gradientScale factor applied to every element's loss derivative before it is
     *     propagated back (for example 1 / number of targets)
     * @param gradient whether to compute the gradients; without, the blocks carry none
     */
    List<BlockSums> evaluate(double[] parameters, double gradientScale, boolean gradient);

    /** Number of elements the loss counts in the shard (the normaliser of the mean). */
    long count();
}
