package dev.descent.cli;

import dev.descent.internal.blas.OpenBlas;
import dev.descent.nn.GradientCheck;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.nn.Parameter;
import dev.descent.tensor.ActivationFunction;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code descent gradcheck}: builds a seeded network, draws a random batch, and compares every
 * parameter's gradient from the backward pass with five-point central differences of the loss
 * in float64 ({@link GradientCheck}). Exit status 0 when every relative error is below the
 * tolerance, 1 otherwise.
 */
@Command(
        name = "gradcheck",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Checks a network's backward pass against finite differences: for every parameter "
                    + "array the largest relative error |analytic - numeric| / max(|analytic|, "
                    + "|numeric|, floor), then a pass/fail line. Exit status 1 on fail.",
            "The check runs in training mode with the dropout masks held fixed, so dropout's "
                    + "backward pass is checked too. Weights are seeded as for training; biases "
                    + "start at N(0, 0.5^2) instead of 0, so that no unit sits exactly on "
                    + "ReLU's kink. Entries whose finite-difference steps move a ReLU input "
                    + "across 0 are skipped and counted, not failed. Default seed 1."
        })
final class GradcheckCommand implements Callable<Integer> {
    private static final long DEFAULT_SEED = 1;

    @Spec private CommandSpec spec;
    @Mixin private RunOptions run;

    private final Function<String, LayerSpec> customLayers;

    @Option(names = "--layers", paramLabel = "LIST", defaultValue = "4-5-3",
            description = "Sizes such as 4-5-3 (hidden layers use --activation) or the compact "
                    + "list of 'descent train' (default: ${DEFAULT-VALUE}).")
    private String layers;

    @Option(names = "--loss", paramLabel = "NAME", converter = LayerList.Loss.Converter.class,
            description = "crossentropy (softmax and cross-entropy) or mse (half mean squared "
                    + "error) (default: crossentropy for sizes; for a compact list, what it "
                    + "ends in).")
    private LayerList.Loss loss;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            converter = BackpropCommand.ActivationConverter.class,
            description = "Activation of the hidden layers of a sizes list: relu, leakyrelu, "
                    + "tanh, sigmoid or linear (default: ${DEFAULT-VALUE}).")
    private ActivationFunction activation;

    @Option(names = "--inputs", paramLabel = "N", defaultValue = "3",
            description = "Input width of a compact list without input:N (default: "
                    + "${DEFAULT-VALUE}); a list that gives it must agree.")
    private int inputs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "4",
            description = "Observations in the random batch (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--precision", paramLabel = "TYPE", defaultValue = "float64",
            description = "Precision of the network whose backward pass is checked: float64 or "
                    + "float32; the finite differences are always float64 (default: "
                    + "${DEFAULT-VALUE}).")
    private String precision;

    @Option(names = "--tolerance", paramLabel = "T",
            description = "Largest relative error that passes (default: 1e-7 for float64, "
                    + "1e-3 for float32).")
    private Double tolerance;

    @Option(names = "--json", description = "Print one JSON object of the results on stdout.")
    private boolean json;

    GradcheckCommand() {
        this(item -> null);
    }

    /**
     * Checks that the network fits, naming the option that is too large: --inputs when the
     * layers fit with one input, --batch when they fit for one row, else --layers.
     */
    private void networkFits(List<LayerSpec> specs, Precision type) {
        try {
            Network.checkSize(specs, type, 1);
        } catch (IllegalArgumentException e) {
            List<LayerSpec> oneInput = LayerList.parse(layers, 1, Layers.activation(activation),
                    loss, LayerList.Loss.CROSSENTROPY, customLayers);
            if (inputs > 1 && fits(oneInput, type)) {
                throw new IllegalArgumentException("--inputs " + inputs + ": the network cannot"
                        + " be built: " + e.getMessage() + "; give fewer inputs", e);
            }
        }
        if (batch > 1 && fits(specs, type)) {
            try {
                Network.checkSize(specs, type, batch);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--batch " + batch + ": the network cannot"
                        + " be built: " + e.getMessage() + "; give a smaller batch", e);
            }
        }
        Options.networkFits("--layers " + layers, specs, type, batch);
    }

    /** Whether the network of {@code specs} fits for one row. */
    private static boolean fits(List<LayerSpec> specs, Precision type) {
        try {
            Network.checkSize(specs, type, 1);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** With extra layer names for the compact list (custom layers; tests use broken ones). */
    GradcheckCommand(Function<String, LayerSpec> customLayers) {
        this.customLayers = customLayers;
    }

    @Override
    public Integer call() {
        OpenBlas.setThreads(run.threads());
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        if (inputs < 1) {
            throw new IllegalArgumentException("--inputs must be at least 1, got " + inputs);
        }
        Precision type;
        try {
            type = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
        double limit = tolerance != null ? tolerance : GradientCheck.tolerance(type);
        if (!(limit > 0)) {
            throw new IllegalArgumentException("--tolerance must be greater than 0, got " + limit);
        }
        long seed = run.seed(DEFAULT_SEED);
        List<LayerSpec> specs = LayerList.parse(layers, inputs, Layers.activation(activation),
                loss, LayerList.Loss.CROSSENTROPY, customLayers);
        int width = ((LayerSpec.FeatureInput) specs.get(0)).size();
        if (spec.commandLine().getParseResult().hasMatchedOption("--inputs") && inputs != width) {
            throw new IllegalArgumentException("--inputs " + inputs + " contradicts the layer "
                    + "list, which starts with input:" + width + "; give --inputs " + width
                    + " or leave it out");
        }
        networkFits(specs, type);
        Rng rng = new Rng(seed);
        Network network = Network.create(specs, type, rng, LayerList.classNames(specs));
        randomizeBiases(network, rng);
        Matrix x = Matrix.zeros(type, batch, network.inputSize());
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, rng.nextGaussian());
        }
        Matrix target = target(network, type, rng);

        List<GradientCheck.ArrayResult> results = GradientCheck.check(network, x, target, true);
        if (results.stream().allMatch(GradientCheck.ArrayResult::allSkipped)) {
            throw new IllegalArgumentException("--seed " + seed + ": every entry of every "
                    + "parameter array lies within the step of a ReLU kink, so nothing could be "
                    + "checked; try another --seed");
        }
        double worst = GradientCheck.maxRelativeError(results);
        boolean passed = worst < limit;

        PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        out.printf("Gradient check of %s (%d parameters, %s), batch %d, seed %d%n",
                Layers.describe(specs), network.parameters().size(),
                type.name().toLowerCase(Locale.ROOT), batch, seed);
        out.printf("numeric: 5-point central differences in float64, h = %s; relative error "
                + "|a - n| / max(|a|, |n|, %s)%n", Numbers.format(GradientCheck.STEP),
                Numbers.format(type == Precision.FLOAT64 ? GradientCheck.FLOOR
                        : GradientCheck.FLOOR_FLOAT32));
        out.printf("%-24s %6s  %-14s %s%n", "parameter", "size", "max rel. error",
                "worst element: analytic / numeric");
        for (GradientCheck.ArrayResult r : results) {
            if (r.allSkipped()) {
                out.printf("%-24s %6d  %-14s all skipped%n", r.name(), r.size(), "-");
            } else {
                out.printf("%-24s %6d  %-14s [%d] %s / %s%n", r.name(), r.size(),
                        scientific(r.maxRelativeError()), r.worstIndex(),
                        Numbers.format(r.analytic()), Numbers.format(r.numeric()));
            }
        }
        for (GradientCheck.ArrayResult r : results) {
            if (r.allSkipped()) {
                out.printf("%s: all %d entries skipped: a kink of ReLU lies within the step; "
                        + "nothing of this array was checked%n", r.name(), r.size());
            } else if (r.skipped() > 0) {
                out.printf("%s: %d %s skipped: a kink of ReLU lies within the step%n",
                        r.name(), r.skipped(), r.skipped() == 1 ? "entry" : "entries");
            }
        }
        out.printf("overall max relative error %s, tolerance %s: %s%n", scientific(worst),
                scientific(limit), passed ? "PASS" : "FAIL");
        out.flush();
        if (json) {
            spec.commandLine().getOut().println(Json.toString(
                    json(specs, type, seed, results, worst, limit, passed)));
            spec.commandLine().getOut().flush();
        }
        return passed ? 0 : 1;
    }

    private static String scientific(double value) {
        return String.format(Locale.ROOT, "%.2e", value);
    }

    /** Biases from N(0, 0.5^2): with zero biases a unit can sit exactly on ReLU's kink. */
    private static void randomizeBiases(Network network, Rng rng) {
        double[] values = network.parameters().valuesAsDoubles();
        for (Parameter p : network.parameters().parameters()) {
            if (p.name().endsWith("/bias")) {
                for (int i = p.offset(); i < p.offset() + p.size(); i++) {
                    values[i] = 0.5 * rng.nextGaussian();
                }
            }
        }
        network.parameters().setValues(values);
    }

    private Matrix target(Network network, Precision type, Rng rng) {
        int width = network.outputSize();
        Matrix t = Matrix.zeros(type, batch, width);
        for (int r = 0; r < batch; r++) {
            if (network.isClassification()) {
                t.set(r, rng.nextInt(width), 1);
            } else {
                for (int k = 0; k < width; k++) {
                    t.set(r, k, rng.nextGaussian());
                }
            }
        }
        return t;
    }

    private Map<String, Object> json(List<LayerSpec> specs, Precision type, long seed,
            List<GradientCheck.ArrayResult> results, double worst, double limit,
            boolean passed) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("layers", Layers.describe(specs));
        result.put("precision", type.name().toLowerCase(Locale.ROOT));
        result.put("batch", batch);
        result.put("seed", seed);
        List<Object> arrays = new ArrayList<>();
        for (GradientCheck.ArrayResult r : results) {
            Map<String, Object> array = new LinkedHashMap<>();
            array.put("name", r.name());
            array.put("size", r.size());
            array.put("max_relative_error", r.allSkipped() ? null : r.maxRelativeError());
            array.put("worst_index", r.allSkipped() ? null : r.worstIndex());
            array.put("analytic", r.analytic());
            array.put("numeric", r.numeric());
            array.put("skipped", r.skipped());
            arrays.add(array);
        }
        result.put("parameters", arrays);
        result.put("max_relative_error", worst);
        result.put("tolerance", limit);
        result.put("passed", passed);
        return result;
    }
}
