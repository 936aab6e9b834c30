package dev.descent.shallow;

import dev.descent.optim.batch.BlockSums;
import dev.descent.optim.batch.ShardEvaluator;
import dev.descent.optim.batch.ShardLoader;
import java.io.IOException;

/**
 * Builds the {@link ShallowShard} of a range of blocks of a subset of observations (the
 * training indices, in their order) where it runs: reads the raw data with a
 * {@link ShallowData.Reader}, keeps the rows of its blocks and processes their inputs with the
 * network's settings. Processing is row by row, so a shard's rows equal those of the
 * single-machine objective.
 */
final class ShallowShardLoader implements ShardLoader {
    private static final long serialVersionUID = 1L;

    private final ShallowData.Reader reader;
    private final RemoveConstantRows remove;
    private final MapMinMax inputMap;
    private final ShallowModel model;
    private final int[] subset;
    private final int expectedRows;

    ShallowShardLoader(ShallowData.Reader reader, RemoveConstantRows remove, MapMinMax inputMap,
            ShallowModel model, int[] subset, int expectedRows) {
        this.reader = reader;
        this.remove = remove;
        this.inputMap = inputMap;
        this.model = model;
        this.subset = subset.clone();
        this.expectedRows = expectedRows;
    }

    @Override
    public int blocks() {
        return BlockSums.blocks(subset.length);
    }

    @Override
    public ShardEvaluator load(int from, int to) throws IOException {
        ShallowData data = reader.read();
        if (data.rows() != expectedRows) {
            throw new IOException("the data read here has " + data.rows() + " observations, "
                    + "the driver's had " + expectedRows + "; every machine must see the same "
                    + "file");
        }
        int first = Math.min(from * BlockSums.BLOCK_ROWS, subset.length);
        int end = Math.min(to * BlockSums.BLOCK_ROWS, subset.length);
        int n = end - first;
        int f = remove.inputSize();
        int k = model.outputs();
        double[] x = new double[n * f];
        double[] t = new double[n * k];
        for (int i = 0; i < n; i++) {
            int row = subset[first + i];
            System.arraycopy(data.x(), row * f, x, i * f, f);
            System.arraycopy(data.t(), row * k, t, i * k, k);
        }
        double[] processed = inputMap.apply(remove.apply(x, n), n);
        return new ShallowShard(model, processed, t, n);
    }
}
