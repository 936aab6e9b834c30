package dev.descent.shallow;

import dev.descent.io.ModelFile;
import dev.descent.io.Preprocessing;
import dev.descent.nn.Layers;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.Network;
import dev.descent.nn.Parameter;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained shallow network as a Descent {@link Network} plus its input {@link Preprocessing},
 * so that it can be saved with {@link ModelFile} and used by {@code descent classify}.
 *
 * <p>Layers: feature input, then per hidden layer fully connected + tanh (tansig is tanh), then
 * fully connected + softmax + classification (patternnet) or fully connected + regression
 * (fitnet); float64. fitnet's reverse mapminmax on the outputs is linear, so it is folded into
 * the last layer's weights and bias. What does not survive the trip: the training settings
 * (trainParam, division), so a loaded file is a {@link Network}, not a {@link ShallowNetwork}.
 */
public final class ShallowExport {
    private ShallowExport() {}

    /**
     * The network and preprocessing of {@code net}.
     *
     * @param classes class names in output order (patternnet), or an empty list (fitnet)
     * @throws IllegalArgumentException if the transfer functions have no Descent layer, or the
     *     class count differs from the outputs
     */
    public static ModelFile.SavedModel savedModel(ShallowNetwork net, List<String> classes) {
        int[] sizes = net.sizes();
        Transfer[] transfers = net.transfers();
        List<LayerSpec> specs = new ArrayList<>();
        specs.add(Layers.featureInput(sizes[0]));
        for (int l = 0; l < transfers.length; l++) {
            specs.add(Layers.fullyConnected(sizes[l + 1]));
            boolean last = l == transfers.length - 1;
            switch (transfers[l]) {
                case TANSIG -> specs.add(Layers.tanh());
                case LOGSIG -> specs.add(Layers.sigmoid());
                case SOFTMAX -> {
                    if (!last) {
                        throw new IllegalArgumentException("softmax is only supported last");
                    }
                    specs.add(Layers.softmax());
                }
                case PURELIN -> {
                    if (!last) {
                        specs.add(Layers.linear());
                    }
                }
                default -> throw new AssertionError(transfers[l]);
            }
        }
        boolean classification = transfers[transfers.length - 1] == Transfer.SOFTMAX;
        specs.add(classification ? Layers.classification() : Layers.regression());
        Network network = Network.create(specs, Precision.FLOAT64, new Rng(0),
                classification ? classes : List.of());

        double[] wb = net.getwb();
        double[] vector = new double[network.parameters().size()];
        List<Parameter> params = network.parameters().parameters();
        int offset = 0;
        MapMinMax outputMap = net.outputMapMinMax();
        for (int l = 0; l < transfers.length; l++) {
            int s = sizes[l + 1];
            int r = sizes[l];
            Parameter weights = params.get(2 * l);
            Parameter bias = params.get(2 * l + 1);
            boolean fold = outputMap != null && l == transfers.length - 1;
            for (int i = 0; i < s; i++) {
                double scale = fold ? 1 / outputMap.gain(i) : 1;
                for (int j = 0; j < r; j++) {
                    // Descent stores weights input-by-output: (j, i) of an R x S matrix.
                    vector[weights.offset() + j * s + i] = scale * wb[offset + i * r + j];
                }
                double b = wb[offset + s * r + i];
                vector[bias.offset() + i] = fold ? scale * b + scale + outputMap.xmin()[i] : b;
            }
            offset += s * (r + 1);
        }
        network.parameters().setValues(vector);
        return new ModelFile.SavedModel(network, preprocessing(net), null);
    }

    /** removeconstantrows + mapminmax of {@code net} in the model file's terms. */
    static Preprocessing preprocessing(ShallowNetwork net) {
        RemoveConstantRows remove = net.inputRemoveConstantRows();
        MapMinMax map = net.inputMapMinMax();
        boolean[] keep = new boolean[remove.inputSize()];
        for (int j : remove.kept()) {
            keep[j] = true;
        }
        double[] xmin = map.xmin();
        double[] gain = map.gain();
        double[] lo = new double[xmin.length];
        double[] hi = new double[xmin.length];
        for (int i = 0; i < xmin.length; i++) {
            boolean identity = gain[i] == 1 && xmin[i] == -1;
            // An empty range makes the model file's gain infinite, which means "pass through".
            lo[i] = identity ? 0 : xmin[i];
            hi[i] = identity ? 0 : xmin[i] + 2 / gain[i];
        }
        return new Preprocessing(keep, lo, hi, -1, 1);
    }
}
