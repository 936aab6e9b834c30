package dev.descent.optim.batch;

import java.io.IOException;
import java.io.Serializable;

/**
 * Builds the {@link ShardEvaluator} of a range of blocks where it runs: shipped to an executor,
 * it reads the data from a path the executor can see and keeps only the rows of its blocks.
 * Must be serializable and must read the same rows wherever it runs.
 */
public interface ShardLoader extends Serializable {

    /** Number of blocks of the whole data set. */
    int blocks();

    /** The evaluator of blocks {@code [from, to)}, rows {@code [from, to) * BLOCK_ROWS}. */
    ShardEvaluator load(int from, int to) throws IOException;
}
