package dev.descent.cli;

import dev.descent.nn.LayerSpec;
import dev.descent.nn.Layers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The {@code --layers} text of {@code backprop} and {@code gradcheck}: either sizes joined by
 * dashes ({@code 2-3-1}: 2 inputs, a hidden layer of 3 with the hidden activation, 1 output) or
 * the compact list of {@code descent train} ({@code fc:3,tanh,fc:1}, optionally starting with
 * {@code input:N}).
 */
final class LayerList {
    private static final Pattern SIZES = Pattern.compile("\\d+(-\\d+)+");

    private LayerList() {}

    /** The loss a network ends in. */
    enum Loss {
        /** Softmax and cross-entropy over mutually exclusive classes. */
        CROSSENTROPY,
        /** Half mean squared error (regression). */
        MSE;

        /** Reads {@code crossentropy} or {@code mse} (case-insensitive). */
        static final class Converter implements CommandLine.ITypeConverter<Loss> {
            @Override
            public Loss convert(String value) {
                return switch (value.toLowerCase(Locale.ROOT).replace("-", "")) {
                    case "crossentropy", "classification" -> CROSSENTROPY;
                    case "mse", "regression", "halfmse" -> MSE;
                    default -> throw new CommandLine.TypeConversionException(
                            "--loss must be crossentropy or mse, got '" + value + "'");
                };
            }
        }
    }

    /**
     * The specifications, input layer first and output layer last.
     *
     * @param inputs the input width when the text does not give it (compact form without
     *     {@code input:N})
     * @param hidden the activation after each hidden layer of the dash form
     * @param loss the loss to end in; {@code null} keeps what the text says (dash form:
     *     {@code defaultLoss}; compact form: classification after softmax, else regression)
     * @param custom extra layer names of the compact form (see {@link Layers#parse(String,
     *     Function)})
     * @throws IllegalArgumentException if the text is not a valid network or contradicts loss;
     *     the message starts with the option it names
     */
    static List<LayerSpec> parse(String text, int inputs, LayerSpec hidden, Loss loss,
            Loss defaultLoss, Function<String, LayerSpec> custom) {
        List<LayerSpec> specs;
        try {
            specs = parseList(text, inputs, hidden, loss, defaultLoss, custom);
            Layers.validate(specs);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw message.startsWith("--") ? e
                    : new IllegalArgumentException("--layers: " + message, e);
        }
        return specs;
    }

    private static List<LayerSpec> parseList(String text, int inputs, LayerSpec hidden,
            Loss loss, Loss defaultLoss, Function<String, LayerSpec> custom) {
        String trimmed = text.strip();
        List<LayerSpec> specs = new ArrayList<>();
        if (SIZES.matcher(trimmed).matches()) {
            String[] parts = trimmed.split("-");
            specs.add(Layers.featureInput(size(parts[0], text)));
            for (int i = 1; i < parts.length; i++) {
                specs.add(Layers.fullyConnected(size(parts[i], text)));
                if (i < parts.length - 1) {
                    specs.add(hidden);
                }
            }
            addOutput(specs, loss != null ? loss : defaultLoss);
            return specs;
        }

        checkNumbers(trimmed);
        List<LayerSpec> parsed = new ArrayList<>(Layers.parse(trimmed, custom));
        long items = trimmed.split(",", -1).length;
        boolean outputAdded = parsed.size() > items;
        if (!(parsed.get(0) instanceof LayerSpec.FeatureInput)) {
            specs.add(Layers.featureInput(inputs));
        }
        specs.addAll(parsed);
        LayerSpec last = specs.get(specs.size() - 1);
        if (loss != null && outputAdded) {
            specs.remove(specs.size() - 1);
            addOutput(specs, loss);
        } else if (loss != null) {
            boolean classification = last instanceof LayerSpec.ClassificationOutput;
            boolean regression = last instanceof LayerSpec.RegressionOutput;
            if (classification && loss == Loss.MSE || regression && loss == Loss.CROSSENTROPY) {
                throw new IllegalArgumentException("--loss " + loss.name().toLowerCase(Locale.ROOT)
                        + " contradicts the layer list, which ends in " + last.describe());
            }
        }
        return specs;
    }

    /**
     * Checks the numbers of a compact layer list before {@link Layers#parse} reads it, so that
     * a bad one is reported in words: {@code layer "fc:x": expected a whole number after 'fc:',
     * got 'x'}. A probability or scale must be a plain decimal number, as every number option
     * ({@link Options#finite}): Java's {@code 0.5d}, {@code 0x1p-2} or {@code NaN} are refused.
     *
     * @throws IllegalArgumentException naming the layer, what was expected and what was found
     */
    static void checkNumbers(String text) {
        String[] items = text.split(",");
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            String[] parts = item.strip().split(":");
            if (parts.length < 2) {
                continue;
            }
            String kind = parts[0].toLowerCase(Locale.ROOT);
            String value = parts[1].strip();
            boolean whole = kind.equals("input") || kind.equals("fc")
                    || kind.equals("fullyconnected");
            String real = kind.equals("leakyrelu") ? "scale"
                    : kind.equals("dropout") ? "probability" : null;
            if (whole && !value.matches("[0-9]+")) {
                throw new IllegalArgumentException("layer \"" + item.strip() + "\": expected a "
                        + "whole number after '" + parts[0] + ":', got '" + value + "'");
            }
            if (real != null && !isNumber(value)) {
                throw new IllegalArgumentException("entry " + (i + 1) + " \"" + item.strip()
                        + "\": the " + real + " must be a plain decimal number such as "
                        + (kind.equals("dropout") ? "0.3" : "0.01") + ", found \"" + value
                        + "\"");
            }
        }
    }

    private static boolean isNumber(String value) {
        try {
            Options.finite(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void addOutput(List<LayerSpec> specs, Loss loss) {
        if (loss == Loss.CROSSENTROPY) {
            if (!(specs.get(specs.size() - 1) instanceof LayerSpec.Softmax)) {
                specs.add(Layers.softmax());
            }
            specs.add(Layers.classification());
        } else {
            specs.add(Layers.regression());
        }
    }

    private static int size(String part, String text) {
        try {
            int size = Integer.parseInt(part);
            if (size >= 1) {
                return size;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below.
        }
        throw new IllegalArgumentException("every size must be a whole number from 1 to "
                + Integer.MAX_VALUE + ", got '" + part + "' in '" + text + "'");
    }

    /** The width of the network's output. */
    static int outputWidth(List<LayerSpec> specs) {
        int width = 0;
        for (LayerSpec spec : specs) {
            width = spec.outputSize(width);
        }
        return width;
    }

    /** Class names "1".."K" for a classification network, else none. */
    static List<String> classNames(List<LayerSpec> specs) {
        List<String> names = new ArrayList<>();
        if (specs.get(specs.size() - 1) instanceof LayerSpec.ClassificationOutput) {
            for (int k = 1; k <= outputWidth(specs); k++) {
                names.add(Integer.toString(k));
            }
        }
        return names;
    }
}
