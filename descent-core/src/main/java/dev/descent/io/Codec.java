package dev.descent.io;

import dev.descent.nn.LayerSpec;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.ActivationFunction;
import dev.descent.tensor.Precision;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Header fields shared by model and checkpoint files: the network and training options. */
final class Codec {
    static final String PARAMETERS = "parameters";

    private Codec() {}

    /** Precision, layers and classes of {@code network} as header members. */
    static void putNetwork(Container.Writer writer, Network network) {
        writer.put("precision", network.precision().name().toLowerCase(Locale.ROOT));
        List<Object> layers = new ArrayList<>();
        for (LayerSpec spec : network.specs()) {
            layers.add(layer(spec));
        }
        writer.put("layers", layers);
        writer.put("classes", network.classes());
        writer.put("parameter_count", network.parameters().size());
    }

    private static Map<String, Object> layer(LayerSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (spec instanceof LayerSpec.FeatureInput input) {
            m.put("type", "input");
            m.put("size", input.size());
        } else if (spec instanceof LayerSpec.FullyConnected fc) {
            m.put("type", "fc");
            m.put("size", fc.size());
            m.put("bias", fc.hasBias());
            m.put("weight_learn_rate_factor", fc.weightLearnRateFactor());
            m.put("bias_learn_rate_factor", fc.biasLearnRateFactor());
            m.put("weight_l2_factor", fc.weightL2Factor());
            m.put("bias_l2_factor", fc.biasL2Factor());
        } else if (spec instanceof LayerSpec.Activation activation) {
            m.put("type", "activation");
            m.put("function", activation.function().id());
            m.put("scale", activation.scale());
        } else if (spec instanceof LayerSpec.Dropout dropout) {
            m.put("type", "dropout");
            m.put("probability", dropout.probability());
        } else if (spec instanceof LayerSpec.Softmax) {
            m.put("type", "softmax");
        } else if (spec instanceof LayerSpec.ClassificationOutput) {
            m.put("type", "classification");
        } else if (spec instanceof LayerSpec.RegressionOutput) {
            m.put("type", "regression");
        } else {
            // A layer kind added after format version 1 needs a new entry here and in parse.
            throw new IllegalArgumentException("model format version " + Container.VERSION
                    + " cannot store layer " + spec.describe());
        }
        return m;
    }

    /**
     * The network described by the header, with its values from the array {@code name}
     * (float32 or float64). The parameter count is checked against the layers (in 64-bit
     * arithmetic) before the network is built.
     */
    static Network readNetwork(Container.Reader reader, String arrayName) throws IOException {
        Fields header = new Fields(reader.header(), reader.file(), "header");
        Precision precision;
        String precisionText = header.string("precision");
        try {
            precision = Precision.parse(precisionText);
        } catch (IllegalArgumentException e) {
            throw header.fault("precision must be float32 or float64, got \"" + precisionText
                    + "\"");
        }
        List<LayerSpec> specs = new ArrayList<>();
        for (Fields layer : header.objects("layers")) {
            specs.add(parseLayer(layer));
        }
        List<String> classes = header.strings("classes");
        long expected = expectedParameters(specs, header);
        long declared = header.integer("parameter_count");
        Container.ArrayInfo values = reader.array(arrayName);
        if (values == null) {
            throw header.fault("no array \"" + arrayName + "\"");
        }
        if (declared != expected || values.count() != expected) {
            throw header.fault("the layers " + describe(specs) + " need " + expected
                    + " parameters; the header declares " + declared + " and the array \""
                    + arrayName + "\" holds " + values.count());
        }
        if (values.type() != Container.Type.FLOAT32 && values.type() != Container.Type.FLOAT64) {
            throw header.fault("array \"" + arrayName + "\" must be float32 or float64");
        }
        Network network;
        try {
            network = Network.create(specs, precision, new Rng(0), classes);
        } catch (IllegalArgumentException e) {
            throw header.fault("the layers do not form a valid network: " + e.getMessage());
        }
        var store = network.parameters();
        if (precision == Precision.FLOAT32 && values.type() == Container.Type.FLOAT32) {
            float[] read = reader.floats(values);
            System.arraycopy(read, 0, store.heapValues32(), 0, read.length);
            store.pushValues();
        } else {
            store.setValues(reader.doubles(values));
        }
        return network;
    }

    private static String describe(List<LayerSpec> specs) {
        String text = Layers.describe(specs);
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    private static long expectedParameters(List<LayerSpec> specs, Fields header)
            throws ModelFormatException {
        long total = 0;
        long width = 0;
        for (LayerSpec spec : specs) {
            if (spec instanceof LayerSpec.FullyConnected fc) {
                total += width * fc.size() + (fc.hasBias() ? fc.size() : 0);
            }
            width = spec instanceof LayerSpec.FeatureInput input ? input.size()
                    : spec instanceof LayerSpec.FullyConnected fc ? fc.size() : width;
            if (total > Container.MAX_ELEMENTS) {
                throw header.fault("the layers need more than " + Container.MAX_ELEMENTS
                        + " parameters, more than a network can hold");
            }
        }
        return total;
    }

    private static LayerSpec parseLayer(Fields layer) throws ModelFormatException {
        String type = layer.string("type");
        try {
            return switch (type) {
                case "input" -> Layers.featureInput(layer.integer("size", 1, Integer.MAX_VALUE));
                case "fc" -> new LayerSpec.FullyConnected(
                        layer.integer("size", 1, Integer.MAX_VALUE), layer.bool("bias"),
                        layer.number("weight_learn_rate_factor"),
                        layer.number("bias_learn_rate_factor"),
                        layer.number("weight_l2_factor"), layer.number("bias_l2_factor"));
                case "activation" -> activation(layer);
                case "dropout" -> Layers.dropout(layer.number("probability"));
                case "softmax" -> Layers.softmax();
                case "classification" -> Layers.classification();
                case "regression" -> Layers.regression();
                default -> throw layer.fault(layer.where() + ": unknown layer type \"" + type
                        + "\"; this Descent knows input, fc, activation, dropout, softmax,"
                        + " classification and regression");
            };
        } catch (IllegalArgumentException e) {
            throw layer.fault(layer.where() + " (" + type + "): " + e.getMessage());
        }
    }

    private static LayerSpec activation(Fields layer) throws ModelFormatException {
        ActivationFunction function = ActivationFunction.parse(layer.string("function"));
        double scale = layer.number("scale");
        if (function == ActivationFunction.LEAKY_RELU) {
            return Layers.leakyRelu(scale);
        }
        return Layers.activation(function);
    }

    /** Every field of {@code options} as a JSON object (MATLAB names in camel case). */
    static Map<String, Object> options(TrainingOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("solver", o.solver());
        m.put("initialLearnRate", o.initialLearnRate());
        m.put("momentum", o.momentum());
        m.put("gradientDecayFactor", o.gradientDecayFactor());
        m.put("squaredGradientDecayFactor", o.squaredGradientDecayFactor());
        m.put("epsilon", o.epsilon());
        m.put("l2Regularization", o.l2Regularization());
        m.put("gradientThresholdMethod", o.gradientThresholdMethod().name());
        m.put("gradientThreshold", o.gradientThreshold());
        m.put("maxEpochs", o.maxEpochs());
        m.put("miniBatchSize", o.miniBatchSize());
        m.put("shuffle", o.shuffle().name());
        m.put("keepPartialBatch", o.keepPartialBatch());
        m.put("learnRateSchedule", o.learnRateSchedule().name());
        m.put("learnRateDropFactor", o.learnRateDropFactor());
        m.put("learnRateDropPeriod", o.learnRateDropPeriod());
        m.put("validationFrequency", o.validationFrequency());
        m.put("validationPatience", o.validationPatience());
        m.put("outputNetwork", o.outputNetwork().name());
        m.put("objectiveMetric", o.objectiveMetric().name());
        m.put("verbose", o.verbose());
        m.put("verboseFrequency", o.verboseFrequency());
        m.put("seed", o.seed());
        return m;
    }

    /** The options written by {@link #options}. */
    static TrainingOptions readOptions(Fields f) throws ModelFormatException {
        try {
            TrainingOptions options = new TrainingOptions(f.string("solver"),
                    f.number("initialLearnRate"),
                    f.number("momentum"), f.number("gradientDecayFactor"),
                    f.number("squaredGradientDecayFactor"), f.number("epsilon"),
                    f.number("l2Regularization"),
                    TrainingOptions.GradientThresholdMethod.valueOf(
                            f.string("gradientThresholdMethod")),
                    f.number("gradientThreshold"), intOf(f, "maxEpochs"),
                    intOf(f, "miniBatchSize"),
                    TrainingOptions.Shuffle.valueOf(f.string("shuffle")),
                    f.bool("keepPartialBatch"),
                    TrainingOptions.LearnRateSchedule.valueOf(f.string("learnRateSchedule")),
                    f.number("learnRateDropFactor"), intOf(f, "learnRateDropPeriod"),
                    intOf(f, "validationFrequency"), f.number("validationPatience"),
                    TrainingOptions.OutputNetwork.valueOf(f.string("outputNetwork")),
                    // Files written before ObjectiveMetricName existed watched the loss.
                    f.has("objectiveMetric")
                            ? TrainingOptions.ObjectiveMetric.valueOf(f.string("objectiveMetric"))
                            : TrainingOptions.ObjectiveMetric.LOSS,
                    f.bool("verbose"), intOf(f, "verboseFrequency"), f.integer("seed"));
            // The solvers check more than the options record does (Adam: beta1 < 1).
            if (options.isFullBatch()) {
                options.createTrainingFunction();
            } else {
                options.createSolver();
            }
            return options;
        } catch (IllegalArgumentException e) {
            throw f.fault("training options are not valid: " + e.getMessage());
        }
    }

    private static int intOf(Fields f, String key) throws ModelFormatException {
        return f.integer(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
