package dev.descent.train;

import dev.descent.nn.LayerSpec;
import dev.descent.nn.Network;
import dev.descent.optim.batch.BlockSums;
import dev.descent.optim.batch.ShardLoader;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link NetworkShard} of a range of blocks of the training rows where it runs: it
 * reads the rows with a {@link Reader} (on a cluster's executor, from a path that machine can
 * see), rebuilds the network from its layer specifications, precision and classes, and keeps
 * only the rows of its blocks. The weights come with each evaluation.
 */
public final class NetworkShardLoader implements ShardLoader {
    private static final long serialVersionUID = 1L;

    /**
     * Reads the training rows where it runs, in the order the trainer sees them. Must be
     * serializable and give the same rows wherever it runs.
     */
    @FunctionalInterface
    public interface Reader extends Serializable {
        Examples read() throws IOException;
    }

    private final Reader reader;
    private final ArrayList<LayerSpec> specs;
    private final Precision precision;
    private final ArrayList<String> classes;
    private final int rows;
    private final int cols;
    private final int targetCols;

    /**
     * @param network the network trained (its layout, not its weights, travels)
     * @param reader gives the training rows
     * @param train the training rows as the driver has them, to check what is read elsewhere
     */
    public NetworkShardLoader(Network network, Reader reader, Examples train) {
        this.reader = reader;
        this.specs = new ArrayList<>(network.specs());
        this.precision = network.precision();
        this.classes = new ArrayList<>(network.classes());
        this.rows = train.rows();
        this.cols = train.cols();
        this.targetCols = train.targetCols();
    }

    @Override
    public int blocks() {
        return BlockSums.blocks(rows);
    }

    @Override
    public NetworkShard load(int from, int to) throws IOException {
        Examples data = reader.read();
        if (data.rows() != rows || data.cols() != cols || data.targetCols() != targetCols) {
            throw new IOException("the training data read here has " + data.rows() + " rows of "
                    + data.cols() + " features and " + data.targetCols() + " targets, the "
                    + "driver's had " + rows + " of " + cols + " and " + targetCols + "; every "
                    + "machine must see the same file");
        }
        // The initial weights do not matter: every evaluation sets them.
        Network network = Network.create(specs, precision, new Rng(0), classes);
        return new NetworkShard(network, data, Math.min(from * BlockSums.BLOCK_ROWS, rows),
                Math.min(to * BlockSums.BLOCK_ROWS, rows));
    }
}
