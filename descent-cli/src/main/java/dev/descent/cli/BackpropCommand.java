package dev.descent.cli;

import dev.descent.internal.blas.OpenBlas;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.ActivationFunction;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code descent backprop}: the chain rule, number by number. Without {@code --layers} it walks
 * through the lesson's single neuron ({@link NeuronWalkthrough}); with it, it traces one example
 * through any small network layer by layer ({@link LayerTrace}).
 */
@Command(
        name = "backprop",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Shows backpropagation on the engine that trains networks: the forward pass, the "
                    + "backward pass as chain-rule products, one gradient-descent update and "
                    + "the loss after it.",
            "Without --layers: the lesson's single neuron yhat = f(w . x) (no bias) with loss "
                    + "L = 1/2 (y - yhat)^2. With --layers: one example through a seeded "
                    + "network, layer by layer (default seed 1)."
        })
final class BackpropCommand implements Callable<Integer> {
    private static final long DEFAULT_SEED = 1;

    @Spec private CommandSpec spec;
    @Mixin private RunOptions run;

    @Option(names = "--x", paramLabel = "X", split = ",", defaultValue = "2,1",
            description = "Inputs (default: ${DEFAULT-VALUE}; with --layers of another input "
                    + "width: drawn from the seed).")
    private double[] x;

    @Option(names = "--w", paramLabel = "W", split = ",", defaultValue = "0.5,-0.25",
            description = "The single neuron's weights, one per input (default: "
                    + "${DEFAULT-VALUE}).")
    private double[] w;

    @Option(names = "--y", paramLabel = "Y", split = ",", defaultValue = "1",
            description = "Target (default: ${DEFAULT-VALUE}). With --layers: one value per "
                    + "output; for a classification network the class number (1..K) or K "
                    + "probabilities that sum to 1.")
    private double[] y;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.1",
            description = "Learning rate of the update (default: ${DEFAULT-VALUE}).")
    private double learnRate;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            converter = ActivationConverter.class,
            description = "relu, leakyrelu, tanh, sigmoid or linear: the single neuron's "
                    + "activation, or the hidden layers' in --layers 2-3-1 (default: "
                    + "${DEFAULT-VALUE}).")
    private ActivationFunction activation;

    @Option(names = "--layers", paramLabel = "LIST",
            description = "Trace a network instead: sizes such as 2-3-1 (hidden layers use "
                    + "--activation, the output is linear with the half squared error), or "
                    + "the compact list of 'descent train', e.g. fc:3,tanh,fc:2,softmax.")
    private String layers;

    @Option(names = "--graph", paramLabel = "FILE", converter = PictureFileConverter.class,
            description = "Also draw the single neuron's computational graph, forward values "
                    + "and gradients on its edges, to FILE (.svg or .png).")
    private Path graph;

    @Option(names = "--json", description = "Print one JSON object of the results on stdout.")
    private boolean json;

    /** Reads a picture file name, which must end in .svg or .png. */
    static final class PictureFileConverter implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            String name = value.toLowerCase(Locale.ROOT);
            if (!name.endsWith(".svg") && !name.endsWith(".png")) {
                throw new CommandLine.TypeConversionException("expected a file name ending in "
                        + ".svg or .png, got '" + value + "'");
            }
            return Path.of(value);
        }
    }

    /** Reads an activation name. */
    static final class ActivationConverter
            implements CommandLine.ITypeConverter<ActivationFunction> {
        @Override
        public ActivationFunction convert(String value) {
            try {
                return ActivationFunction.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws IOException {
        for (String option : List.of("--x", "--w", "--y")) {
            requireOnce(option);
        }
        OpenBlas.setThreads(run.threads());
        if (graph != null && layers == null) {
            OutputOptions.checkFolder("--graph", graph, graph.toAbsolutePath().getParent(),
                    "the picture");
        }
        return layers == null ? neuron() : network();
    }

    private PrintWriter human() {
        return json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /**
     * Refuses a list option given more than once, as picocli refuses a repeated single-value
     * option: picocli would join the lists ({@code --x 2,1 --x 3,3} as 2,1,3,3).
     */
    private void requireOnce(String name) {
        OptionSpec option = spec.findOption(name);
        if (given(name) && option.originalStringValues().size() > 1) {
            throw new CommandLine.OverwrittenOptionException(spec.commandLine(), option,
                    "option '" + name + "' (" + option.paramLabel() + ") should be specified "
                            + "only once");
        }
    }

    private int neuron() throws IOException {
        if (y.length != 1) {
            throw new IllegalArgumentException("--y must be one number for the single neuron,"
                    + " got " + y.length + " numbers");
        }
        NeuronWalkthrough.Result r = NeuronWalkthrough.run(x, w, y[0], learnRate, activation);
        PrintWriter out = human();
        NeuronReport.print(r, out);
        if (graph != null) {
            writePicture(graph, r);
            out.println();
            out.println("Computational graph written to " + graph);
        }
        out.flush();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("z", r.z());
            result.put("yhat", r.yhat());
            result.put("loss", r.loss());
            result.put("dL_dyhat", r.dLdyhat());
            result.put("dL_dz", r.dLdz());
            result.put("dL_dw", r.dLdw());
            result.put("w_new", r.wNew());
            result.put("loss_new", r.lossNew());
            spec.commandLine().getOut().println(Json.toString(result));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static void writePicture(Path file, NeuronWalkthrough.Result r) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ComputationGraphPicture picture = new ComputationGraphPicture(r);
        Pictures.write(file, picture.width(), picture.height(), picture::paint);
    }

    private int network() {
        if (given("--w")) {
            throw new IllegalArgumentException("--w sets the single neuron's weights; with "
                    + "--layers the weights come from --seed");
        }
        if (graph != null) {
            throw new IllegalArgumentException("--graph draws the single neuron's graph; it "
                    + "cannot be combined with --layers");
        }
        NeuronWalkthrough.requireFinite(x, "--x");
        NeuronWalkthrough.requireFinite(y, "--y");
        if (!(learnRate > 0) || Double.isInfinite(learnRate)) {
            throw new IllegalArgumentException("--lr must be a finite number greater than 0, got "
                    + learnRate);
        }
        long seed = run.seed(DEFAULT_SEED);
        int inputs = given("--x") ? x.length : 2;
        List<LayerSpec> specs = LayerList.parse(layers, inputs, Layers.activation(activation),
                null, LayerList.Loss.MSE, item -> null);
        Options.networkFits("--layers " + layers, specs, Precision.FLOAT64, 1);
        Rng rng = new Rng(seed);
        Network network = Network.create(specs, Precision.FLOAT64, rng,
                LayerList.classNames(specs));
        Matrix input = input(network.inputSize(), rng);
        Matrix target = target(network);
        LayerTrace.Result trace = LayerTrace.run(network, input, target, learnRate);
        PrintWriter out = human();
        TraceReport.print(trace, seed, out);
        out.flush();
        if (json) {
            spec.commandLine().getOut().println(Json.toString(TraceReport.json(trace, seed)));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private Matrix input(int width, Rng rng) {
        if (given("--x") || width == x.length) {
            if (x.length != width) {
                throw new IllegalArgumentException("--x has " + x.length + " values but the "
                        + "network has " + width + " inputs");
            }
            return Matrix.of(Precision.FLOAT64, 1, width, x);
        }
        Matrix m = Matrix.zeros(Precision.FLOAT64, 1, width);
        for (int j = 0; j < width; j++) {
            m.setFlat(j, Math.round(rng.nextGaussian() * 100) / 100.0);
        }
        return m;
    }

    private Matrix target(Network network) {
        int width = network.outputSize();
        Matrix t = Matrix.zeros(Precision.FLOAT64, 1, width);
        if (network.isClassification() && y.length == 1) {
            double k = y[0];
            if (k != Math.rint(k) || k < 1 || k > width) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "--y must be a class number from 1 to %d, got %s", width,
                        Numbers.format(k)));
            }
            t.setFlat((int) k - 1, 1);
            return t;
        }
        if (!given("--y") && !network.isClassification()) {
            t.fill(y[0]);
            return t;
        }
        if (y.length != width) {
            throw new IllegalArgumentException("--y has " + y.length + " values but the "
                    + "network has " + width + " outputs");
        }
        if (network.isClassification()) {
            requireDistribution(y);
        }
        for (int k = 0; k < width; k++) {
            t.setFlat(k, y[k]);
        }
        return t;
    }

    /**
     * Refuses targets of a classifier that are not a distribution: cross-entropy's gradient
     * p - t through softmax is right only when the targets sum to 1 (else it is
     * p sum(t) - t), and a negative target makes the loss negative.
     */
    private static void requireDistribution(double[] t) {
        StringBuilder values = new StringBuilder();
        double sum = 0;
        for (double v : t) {
            values.append(values.length() == 0 ? "" : ",").append(Numbers.format(v));
            sum += v;
        }
        String found = null;
        for (double v : t) {
            if (found == null && !(v >= 0 && Double.isFinite(v))) {
                found = Numbers.format(v) + (v < 0 ? " is negative" : " is not finite");
            }
        }
        if (found == null && !(Math.abs(sum - 1) <= 1e-6)) {
            found = "its values sum to " + Numbers.format(sum);
        }
        if (found != null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--y %s is not a "
                    + "distribution over the %d classes: %s; give a class number from 1 to %d "
                    + "or %d probabilities (each at least 0) that sum to 1", values, t.length,
                    found, t.length, t.length));
        }
    }
}
