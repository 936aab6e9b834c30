package dev.descent.nn;

import dev.descent.tensor.ActivationFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Factories for layer specifications, named as MATLAB's layer functions, and the compact text
 * form used on the command line: a comma-separated list such as
 * {@code fc:64,relu,dropout:0.3,fc:10,softmax}.
 *
 * <p>Text form: {@code input:N}, {@code fc:N} (or {@code fc:N:nobias}), {@code relu},
 * {@code leakyrelu[:scale]}, {@code tanh}, {@code sigmoid}, {@code linear},
 * {@code dropout[:p]}, {@code softmax}, {@code classification}, {@code regression}.
 */
public final class Layers {
    /** MATLAB's default leaky ReLU slope. */
    public static final double LEAKY_RELU_SCALE = 0.01;
    /** MATLAB's default dropout probability. */
    public static final double DROPOUT_PROBABILITY = 0.5;

    /**
     * A plain decimal number, as the command line's number options take: digits, an optional
     * point and an optional exponent. Java's {@code 0.5d}, {@code 0x1p-2}, {@code NaN} and
     * {@code Infinity} are not.
     */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private Layers() {}

    public static LayerSpec featureInput(int size) {
        return new LayerSpec.FeatureInput(size);
    }

    /** Fully connected with bias, learn-rate factors 1, weight L2 factor 1, bias L2 factor 0. */
    public static LayerSpec.FullyConnected fullyConnected(int size) {
        return new LayerSpec.FullyConnected(size, true, 1, 1, 1, 0);
    }

    /** Fully connected without a bias term. */
    public static LayerSpec.FullyConnected fullyConnectedNoBias(int size) {
        return new LayerSpec.FullyConnected(size, false, 1, 1, 1, 0);
    }

    public static LayerSpec relu() {
        return new LayerSpec.Activation(ActivationFunction.RELU, 0);
    }

    public static LayerSpec leakyRelu() {
        return leakyRelu(LEAKY_RELU_SCALE);
    }

    public static LayerSpec leakyRelu(double scale) {
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("leaky ReLU scale must be finite, got " + scale);
        }
        return new LayerSpec.Activation(ActivationFunction.LEAKY_RELU, scale);
    }

    public static LayerSpec tanh() {
        return new LayerSpec.Activation(ActivationFunction.TANH, 0);
    }

    public static LayerSpec sigmoid() {
        return new LayerSpec.Activation(ActivationFunction.SIGMOID, 0);
    }

    public static LayerSpec linear() {
        return new LayerSpec.Activation(ActivationFunction.LINEAR, 0);
    }

    /** The activation layer of {@code function} (leaky ReLU with the default scale). */
    public static LayerSpec activation(ActivationFunction function) {
        return function == ActivationFunction.LEAKY_RELU
                ? leakyRelu()
                : new LayerSpec.Activation(function, 0);
    }

    public static LayerSpec dropout(double probability) {
        return new LayerSpec.Dropout(probability);
    }

    public static LayerSpec softmax() {
        return new LayerSpec.Softmax();
    }

    public static LayerSpec classification() {
        return new LayerSpec.ClassificationOutput();
    }

    public static LayerSpec regression() {
        return new LayerSpec.RegressionOutput();
    }

    /**
     * Parses the compact text form. An output layer is added when the list does not end in one:
     * classification after softmax, regression otherwise. An input layer is not added. Sizes
     * are whole numbers ({@code 64}, not {@code 0x40}, {@code 6.4e1} or {@code +64}); a dropout
     * probability or leaky ReLU scale is a plain decimal number ({@code 0.3} or {@code 1e-2},
     * not {@code 0.3d}, {@code 0x1p-2} or {@code NaN}), as on the command line.
     *
     * @throws IllegalArgumentException naming the item that is not understood
     */
    public static List<LayerSpec> parse(String text) {
        return parse(text, item -> null);
    }

    /**
     * Like {@link #parse(String)}, with custom layers: an item for which {@code custom} returns
     * a specification (not {@code null}) becomes that layer.
     *
     * @throws IllegalArgumentException naming the item that is not understood
     */
    public static List<LayerSpec> parse(String text, Function<String, LayerSpec> custom) {
        List<LayerSpec> specs = new ArrayList<>();
        if (text.isBlank()) {
            throw new IllegalArgumentException("layer list must name at least one layer, got \""
                    + text + "\"");
        }
        String[] items = text.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            String trimmed = items[i].trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("entry " + (i + 1) + " of \"" + text
                        + "\" is empty");
            }
            LayerSpec own = custom.apply(trimmed);
            specs.add(own != null ? own : parseItem(trimmed, i + 1));
        }
        LayerSpec last = specs.get(specs.size() - 1);
        if (!(last instanceof LayerSpec.ClassificationOutput)
                && !(last instanceof LayerSpec.RegressionOutput)
                && !(last instanceof LayerSpec.Custom own && own.isOutput())) {
            specs.add(last instanceof LayerSpec.Softmax ? classification() : regression());
        }
        return specs;
    }

    /** The compact text form of {@code specs}, which {@link #parse} reads back. */
    public static String describe(List<LayerSpec> specs) {
        return String.join(",", specs.stream().map(LayerSpec::describe).toList());
    }

    private static LayerSpec parseItem(String item, int entry) {
        String[] parts = item.toLowerCase(Locale.ROOT).split(":");
        String kind = parts[0];
        return switch (kind) {
            case "input" -> featureInput(size(arg(parts, 1, item), item));
            case "fc", "fullyconnected" -> parseFullyConnected(parts, item);
            case "relu", "tanh", "sigmoid", "linear" -> {
                noArgument(parts, item);
                yield activation(ActivationFunction.parse(kind));
            }
            case "leakyrelu" -> parts.length > 1
                    ? leakyRelu(decimal(item, "scale", "0.01", entry))
                    : leakyRelu();
            case "dropout" -> dropout(parts.length > 1
                    ? decimal(item, "probability", "0.3", entry)
                    : DROPOUT_PROBABILITY);
            case "softmax" -> softmax();
            case "classification" -> classification();
            case "regression" -> regression();
            default -> throw new IllegalArgumentException("unknown layer \"" + item
                    + "\"; expected input:N, fc:N, relu, leakyrelu[:s], tanh, sigmoid,"
                    + " linear, dropout[:p], softmax, classification or regression");
        };
    }

    private static LayerSpec parseFullyConnected(String[] parts, String item) {
        int size = size(arg(parts, 1, item), item);
        if (parts.length > 2) {
            if (!parts[2].equals("nobias") || parts.length > 3) {
                throw new IllegalArgumentException("layer \"" + item
                        + "\": expected fc:N or fc:N:nobias");
            }
            return fullyConnectedNoBias(size);
        }
        return fullyConnected(size);
    }

    /**
     * The number after the colon of {@code item}, entry {@code entry} of the list: a plain
     * decimal number (see {@link #DECIMAL}) that is finite and does not round to 0 unless it is.
     *
     * @throws IllegalArgumentException naming the entry, what was expected and what was found
     */
    private static double decimal(String item, String what, String example, int entry) {
        String value = item.split(":")[1].strip();
        if (DECIMAL.matcher(value).matches()) {
            double number = Double.parseDouble(value);
            boolean roundsToZero = number == 0 && value.matches("[^eE]*[1-9].*");
            if (Double.isFinite(number) && !roundsToZero) {
                return number;
            }
        }
        throw new IllegalArgumentException("entry " + entry + " \"" + item + "\": the " + what
                + " must be a plain decimal number such as " + example + ", found \"" + value
                + "\"");
    }

    /** A layer size: a whole number from 1 to {@link Integer#MAX_VALUE}. */
    private static int size(String text, String item) {
        if (text.matches("[0-9]+")) {
            long size = text.length() > 10 ? Long.MAX_VALUE : Long.parseLong(text);
            if (size >= 1 && size <= Integer.MAX_VALUE) {
                return (int) size;
            }
        }
        throw new IllegalArgumentException("layer \"" + item + "\": the size must be a whole"
                + " number from 1 to " + Integer.MAX_VALUE + ", found " + text);
    }

    /**
     * Checks that {@code specs} make a network: a feature input first and only there, one
     * output layer and only last, and a softmax only directly before the output layer (as
     * MATLAB's softmaxLayer before classificationLayer; before a regression output it is kept
     * for the gradient checks).
     *
     * @throws IllegalArgumentException naming the layer by its place (from 1) and what is wrong
     */
    public static void validate(List<LayerSpec> specs) {
        if (specs.size() < 2 || !(specs.get(0) instanceof LayerSpec.FeatureInput)) {
            throw new IllegalArgumentException(
                    "a network must start with a feature input layer and end with an output"
                            + " layer, got " + describe(specs));
        }
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec spec = specs.get(i);
            boolean isOutput = spec instanceof LayerSpec.ClassificationOutput
                    || spec instanceof LayerSpec.RegressionOutput
                    || spec instanceof LayerSpec.Custom custom && custom.isOutput();
            boolean isLast = i == specs.size() - 1;
            String where = "layer " + (i + 1) + " (" + spec.describe() + ") of "
                    + describe(specs) + ": ";
            if (isOutput != isLast) {
                throw new IllegalArgumentException(where + (isLast ? "the last layer must be"
                        + " classification or regression" : "an output layer must be the last"));
            }
            if (i > 0 && spec instanceof LayerSpec.FeatureInput) {
                throw new IllegalArgumentException(where + "only the first layer may be an"
                        + " input layer");
            }
            if (spec instanceof LayerSpec.Softmax && i + 2 < specs.size()) {
                throw new IllegalArgumentException(where + "a softmax must come directly before"
                        + " the output layer, found " + specs.get(i + 1).describe()
                        + " after it");
            }
        }
    }

    private static String arg(String[] parts, int index, String item) {
        if (parts.length <= index) {
            throw new IllegalArgumentException("layer \"" + item + "\" needs a size, for example "
                    + parts[0] + ":64");
        }
        return parts[index];
    }

    private static void noArgument(String[] parts, String item) {
        if (parts.length > 1) {
            throw new IllegalArgumentException("layer \"" + item + "\" takes no argument");
        }
    }
}
