package dev.descent.shallow;

import java.io.Serializable;

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
