package dev.descent.shallow;

import dev.descent.optim.batch.BlockSums;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import java.io.Serializable;
import java.util.Locale;

/**
 * What a shallow network's performance needs besides its weights and data: layer widths,
 * transfer functions, the performance function and the reverse processing of the outputs.
 * Immutable and serializable, so that it can be shipped to where a shard of the data is held.
 * Parameter layout, layer by layer: the S x R weight matrix row-major, then the S biases.
 */
public final class ShallowModel implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] sizes;
    private final Transfer[] transfers;
    private final PerformFcn performFcn;
    private final MapMinMax outputMap;
    private final int[] offsets;

    /**
     * @param sizes layer widths: processed inputs R, hidden sizes, outputs K
     * @param transfers transfer function of each layer (one fewer than sizes)
     * @param outputMap reverse processing of the outputs, or null for none
     */
    public ShallowModel(int[] sizes, Transfer[] transfers, PerformFcn performFcn,
            MapMinMax outputMap) {
        if (transfers.length != sizes.length - 1) {
            throw new IllegalArgumentException("need one transfer function per layer");
        }
        this.sizes = sizes.clone();
        this.transfers = transfers.clone();
        this.performFcn = performFcn;
        this.outputMap = outputMap;
        this.offsets = ShallowObjective.offsets(sizes);
    }

    /**
     * Checks that a network of layer widths {@code sizes} fits in float64 buffers: its weights
     * and biases, and each layer's outputs for a block of {@code rows} observations (at most
     * {@link BlockSums#BLOCK_ROWS}), must each hold at most {@link Matrix#maxElements}
     * values. Sizes are computed in {@code long}.
     *
     * @param sizes layer widths: inputs R, hidden sizes, outputs K
     * @return the number of weights and biases
     * @throws IllegalArgumentException naming the first layer that does not fit, and the count
     */
    public static long checkSize(int[] sizes, int rows) {
        long limit = Matrix.maxElements(Precision.FLOAT64);
        long block = Math.max(1, Math.min(rows, BlockSums.BLOCK_ROWS));
        long total = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            int s = sizes[l + 1];
            long count = (long) s * (sizes[l] + 1L);
            total += count;
            String layer = (l + 2 < sizes.length ? "hidden layer " + (l + 1) : "the output layer")
                    + String.format(Locale.ROOT, " (%,d neurons)", s);
            if (total > limit) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: too large: its %,d weights and biases bring the network to %,d,"
                                + " more than the %,d a float64 buffer can hold", layer, count,
                        total, limit));
            }
            if (block * s > limit) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: too large: its outputs for a block of %d observations are %,d"
                                + " values, more than the %,d a float64 buffer can hold", layer,
                        block, block * s, limit));
            }
        }
        return total;
    }

    int[] sizes() {
        return sizes;
    }

    Transfer[] transfers() {
        return transfers;
    }

    int[] offsets() {
        return offsets;
    }

    public PerformFcn performFcn() {
        return performFcn;
    }

    /** The output mapminmax settings, or null. */
    public MapMinMax outputMap() {
        return outputMap;
    }

    /** Number of inputs after processing. */
    public int inputs() {
        return sizes[0];
    }

    /** Number of outputs. */
    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** Length of the parameter vector. */
    public int dimension() {
        return offsets[offsets.length - 1];
    }
}
