package dev.descent.optim.batch;

import java.io.Serializable;
import java.util.List;

/**
 * The data term of a full-batch objective over one block of rows: the loss summed over the
 * block, the gradient summed over it, and the number of counted elements (rows, or targets
 * that are not "don't care"). Blocks are the unit of exact summation: every row belongs to
 * block {@code row / BLOCK_ROWS}, each block is summed on its own, and the block sums are added
 * in block order by {@link #sumInOrder}. The total therefore does not depend on how many
 * machines, partitions or threads held the blocks.
 *
 * @param loss sum of the per-element losses of the block
 * @param gradient sum of the gradients of the block, or {@code null} when only the value was
 *     asked for
 * @param count elements counted by the loss (its normaliser)
 */
public record BlockSums(double loss, double[] gradient, long count) implements Serializable {
    /**
     * Rows per block. Fixed, so that a single-machine run and a distributed one add the same
     * numbers in the same order; a distributed shard must start at a block boundary.
     */
    public static final int BLOCK_ROWS = 256;

    /** Number of blocks of {@code rows} rows (the last may be partial). */
    public static int blocks(int rows) {
        return (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
    }

    /**
     * The sums of all blocks, added one block after the other from the first: the one order
     * every path uses, so that the result is bit-identical whatever produced the blocks.
     *
     * @param dimension length of the gradient (used when {@code blocks} is empty)
     * @param gradient whether to add the gradients (all blocks must then carry one)
     */
    public static BlockSums sumInOrder(List<BlockSums> blocks, int dimension, boolean gradient) {
        double loss = 0;
        long count = 0;
        double[] total = gradient ? new double[dimension] : null;
        for (BlockSums b : blocks) {
            loss += b.loss;
            count += b.count;
            if (gradient) {
                double[] g = b.gradient;
                if (g == null || g.length != dimension) {
                    throw new IllegalArgumentException("a block carries no gradient of length "
                            + dimension);
                }
                for (int i = 0; i < dimension; i++) {
                    total[i] += g[i];
                }
            }
        }
        return new BlockSums(loss, total, count);
    }
}
