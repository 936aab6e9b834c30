package dev.descent.cli;

import dev.descent.data.LabeledData;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.Layers;
import dev.descent.optim.batch.BlockSums;
import dev.descent.optim.batch.DistributedEvaluator;
import dev.descent.tensor.Blas;
import dev.descent.train.NetworkShardLoader;
import dev.descent.train.Predictor;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The training loop of {@code digits} on any labelled data, with every training option. */
@Command(
        name = "train",
        description = {
            "Trains a classification network on --data (an image folder, a CSV file or an IDX "
                    + "pair) and writes the files digits writes: predictions.png for images "
                    + "only (an image folder or IDX), the others for any data.",
            "Validation data comes from --validation-data or from --validation-split of each "
                    + "label of --data; the accuracy is reported on --test-data if given, else "
                    + "on the validation data, else on the training data. Default seed: 356."
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class TrainCommand implements Callable<Integer>, OutputFiles {
    static final long DEFAULT_SEED = 356;

    @Spec private CommandSpec spec;

    @Option(names = "--data", paramLabel = "PATH", required = true,
            description = "Training data: image folder, CSV file or IDX images file.")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "IDX labels file of --data when it is an IDX images file.")
    Path labels;

    @Option(names = "--label-column", paramLabel = "NAME|N",
            description = "CSV label column by name or number from 1 (default: the first "
                    + "non-numeric column, else the first).")
    String labelColumn;

    @Option(names = "--validation-data", paramLabel = "PATH",
            description = "Validation data, of the same kind as --data.")
    Path validationData;

    @Option(names = "--validation-labels", paramLabel = "FILE",
            description = "IDX labels file of --validation-data.")
    Path validationLabels;

    @Option(names = "--validation-split", paramLabel = "F", defaultValue = "0",
            description = "Fraction of each label of --data held out for validation, in "
                    + "[0, 1) (default: ${DEFAULT-VALUE}, none).")
    double validationSplit;

    @Option(names = "--test-data", paramLabel = "PATH",
            description = "Test data, of the same kind as --data.")
    Path testData;

    @Option(names = "--test-labels", paramLabel = "FILE",
            description = "IDX labels file of --test-data.")
    Path testLabels;

    /** The layers without --layers, K the number of classes of --data. */
    static final String DEFAULT_LAYERS = "fc:64,relu,dropout:0.3,fc:%d,softmax";

    @Option(names = "--layers", paramLabel = "LIST",
            description = "Layers in compact form; an input layer is added in front and a "
                    + "classification output after softmax (default: fc:64,relu,dropout:0.3,"
                    + "fc:K,softmax, K the number of classes of --data).")
    String layers;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "adam",
            description = DigitsOptions.SOLVER_HELP)
    String solver;

    @Option(names = "--learn-rate", paramLabel = "RATE",
            description = "Initial learning rate (default: 0.01 for sgdm, sgd and the traingd "
                    + "functions, 0.001 for adam and rmsprop; trainscg and trainrp have none).")
    Double learnRate;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30",
            description = "Maximum number of epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N|full", defaultValue = "128",
            description = "Mini-batch size; 1 is pure SGD, full is full-batch gradient descent "
                    + "(default: ${DEFAULT-VALUE}).")
    String batch;

    @Option(names = "--keep-partial-batch",
            description = "Train on the last, smaller mini-batch of an epoch too (MATLAB drops "
                    + "it).")
    boolean keepPartialBatch;

    @Option(names = "--shuffle", paramLabel = "WHEN", defaultValue = "once",
            description = "When the mini-batch solvers shuffle the rows: once, every-epoch "
                    + "or never (default: ${DEFAULT-VALUE}); refused with a full-batch "
                    + "function.")
    String shuffle;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0.9",
            description = "Momentum of sgdm, traingdm and traingdx (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--gradient-decay", paramLabel = "B1", defaultValue = "0.9",
            description = "Adam's first-moment decay (default: ${DEFAULT-VALUE}).")
    double gradientDecay;

    @Option(names = "--squared-gradient-decay", paramLabel = "B2",
            description = "Second-moment decay (default: 0.999 for adam, 0.9 for rmsprop).")
    Double squaredGradientDecay;

    @Option(names = "--epsilon", paramLabel = "E", defaultValue = "1e-8",
            description = "Denominator offset of adam and rmsprop, refused with the other "
                    + "solvers (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--l2", paramLabel = "L", defaultValue = "1e-4",
            description = "L2 regularisation of the weights (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--gradient-threshold", paramLabel = "T", defaultValue = "inf",
            description = "Gradient clipping threshold (default: ${DEFAULT-VALUE}, none).")
    String gradientThreshold;

    @Option(names = "--gradient-threshold-method", paramLabel = "METHOD",
            defaultValue = "l2norm",
            description = "l2norm, global-l2norm or absolute-value (default: "
                    + "${DEFAULT-VALUE}).")
    String gradientThresholdMethod;

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "none",
            description = "Learning-rate schedule: none or piecewise (default: "
                    + "${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--drop-factor", paramLabel = "F", defaultValue = "0.1",
            description = "Piecewise drop factor (default: ${DEFAULT-VALUE}).")
    double dropFactor;

    @Option(names = "--drop-period", paramLabel = "EPOCHS", defaultValue = "10",
            description = "Piecewise drop period in epochs (default: ${DEFAULT-VALUE}).")
    int dropPeriod;

    @Option(names = "--validation-frequency", paramLabel = "N", defaultValue = "50",
            description = "Iterations between validations (default: ${DEFAULT-VALUE}).")
    int validationFrequency;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "inf",
            description = "Validations without a better validation value (see "
                    + "--objective-metric) before stopping (default: ${DEFAULT-VALUE}).")
    String patience;

    @Option(names = "--objective-metric", paramLabel = "METRIC", defaultValue = "loss",
            description = "What --patience and the best network watch: loss (lower is "
                    + "better) or accuracy (higher is better), the validation value "
                    + "(MATLAB's ObjectiveMetricName; default: ${DEFAULT-VALUE}).")
    String objectiveMetric;

    @Option(names = "--output-network", paramLabel = "WHICH", defaultValue = "auto",
            description = "auto, last-iteration or best-validation (default: "
                    + "${DEFAULT-VALUE}).")
    String outputNetwork;

    @Option(names = "--verbose-frequency", paramLabel = "N", defaultValue = "50",
            description = "Iterations between rows of the table (default: ${DEFAULT-VALUE}).")
    int verboseFrequency;

    @Mixin RunOptions run;
    @Mixin OutputOptions output;
    @Mixin CheckpointOptions checkpoints;
    @Mixin DistributedOptions distributed;

    @Override
    public List<String> outputFiles() {
        return RunFiles.fileNames(output.writesPictures());
    }

    @Override
    public Map<String, Path> inputFolders() {
        Map<String, Path> folders = new LinkedHashMap<>();
        folders.put("--data", data);
        folders.put("--validation-data", validationData);
        folders.put("--test-data", testData);
        return folders;
    }

    @Override
    public Integer call() throws IOException {
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException(
                    "--validation-split must be in [0, 1), got " + validationSplit);
        }
        if (validationSplit > 0 && validationData != null) {
            throw new IllegalArgumentException(
                    "give --validation-data or --validation-split, not both");
        }
        Options.patience(patience);
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        Options.requireWith(given, "--validation-labels", "--validation-data");
        Options.requireWith(given, "--test-labels", "--test-data");
        Options.requireApplicable(given, solver, schedule);
        TrainingOptions checked = options(1); // bad values are reported before any data is read
        distributed.check();
        if (distributed.enabled() && !checked.isFullBatch()) {
            throw new IllegalArgumentException("--spark applies to the full-batch training "
                    + "functions (--solver trainscg, traingd, traingdm, traingda, traingdx, "
                    + "trainrp), not " + checked.solver()
                    + "; a mini-batch step is too small for a Spark job; see docs/spark.md");
        }
        // Without --layers the output width follows the data, known once it is read.
        List<LayerSpec> parsed = layers == null ? null : parseLayers();
        long seed = run.seed(DEFAULT_SEED);
        Blas.setThreads(run.threads());
        try (LiveView live = output.startLive(spec)) {
            return train(parsed, seed, live);
        }
    }

    private int train(List<LayerSpec> parsed, long seed, LiveView live) throws IOException {
        PrintWriter human = output.humanOutput(spec);

        DataLoader.Loaded loaded = DataLoader.load(data, labels, labelColumn);
        LabeledData train = loaded.data();
        LabeledData validation = null;
        if (validationData != null) {
            validation = DataLoader.load(validationData, validationLabels, labelColumn,
                    "--validation-data", "--validation-labels").data();
        } else if (validationSplit > 0) {
            LabeledData[] parts = holdOut(train, validationSplit, Streams.data(seed));
            train = parts[0];
            validation = parts[1];
        }
        LabeledData test = testData == null ? null
                : DataLoader.load(testData, testLabels, labelColumn, "--test-data",
                        "--test-labels").data();
        if (train.classes().size() < 2) {
            throw new IllegalArgumentException("--data " + data + ": needs at least 2 labels, "
                    + "found " + train.classes() + (Files.isDirectory(data)
                            ? " (an image folder needs one sub-folder per label)" : ""));
        }
        if (validationData != null) {
            requireLike(validation, "--validation-data", validationData, train);
            validation = inClassesOf(train, validation);
        }
        if (test != null) {
            requireLike(test, "--test-data", testData, train);
        }
        if (parsed == null) {
            layers = String.format(Locale.ROOT, DEFAULT_LAYERS, train.classes().size());
            parsed = parseLayers();
        }
        TrainingOptions options = options(train.rows());
        List<LayerSpec> network = withInput(parsed, train.cols());
        try {
            Layers.validate(network);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--layers: " + e.getMessage(), e);
        }
        requireClassWidth(network, train.classes().size());
        Options.networkFits("--layers " + layers, options.isFullBatch() ? null : "--batch " + batch,
                network, ClassificationRun.precision(options),
                Math.min(options.miniBatchSize(), train.rows()));
        if (!loaded.note().isEmpty()) {
            human.println(loaded.note());
        }
        if (!loaded.labelsLine().isEmpty()) {
            human.println(loaded.labelsLine());
        }

        human.printf(Locale.ROOT, "Training %s on %d observations%s (%d labels)%n",
                Layers.describe(network), train.rows(),
                validation == null ? "" : ", validating on " + validation.rows(),
                train.classes().size());
        ClassificationRun.Outcome outcome;
        try (DistributedEvaluator evaluator = distributed.open()) {
            outcome = ClassificationRun.run(network, options, seed, train, validation, test,
                    checkpoints, human, live, trainingBlocks(evaluator, seed, human));
        }
        String on = evaluatedOn(test != null, validation != null);
        human.printf(Locale.ROOT, "%s accuracy: %.2f%% of %d observations%n", on,
                outcome.accuracy(), outcome.evaluated().rows());

        Path out = output.outDirectory();
        Trainer.Result result = outcome.result();
        RunFiles files = RunFiles.write(out, result, outcome.evaluated(), on + " data",
                outcome.predicted(), outcome.diagnosis(), output, seed);
        files.add(RunFiles.writeModel(out, result, options));
        human.println("Wrote " + String.join(", ", files.names()) + " to " + out);
        if (output.json()) {
            Map<String, Object> json = RunFiles.summary(result.history(), outcome.accuracy(),
                    train.rows(), outcome.evaluated().rows(), outcome.seconds(),
                    outcome.diagnosis());
            json.put("accuracy_on", on.toLowerCase(Locale.ROOT));
            json.put("layers", Layers.describe(network));
            json.put("seed", seed);
            json.put("files", files.paths());
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(Json.toString(json));
            stdout.flush();
        }
        human.flush();
        return 0;
    }

    /**
     * Which data the accuracy and the confusion chart are on: "Test" with test data, else
     * "Validation" with validation data, else "Training".
     */
    static String evaluatedOn(boolean test, boolean validation) {
        return test ? "Test" : validation ? "Validation" : "Training";
    }

    /**
     * The training blocks of {@code --spark}: loaded by the executors from the same file, one
     * Spark job per evaluation; null without an evaluator.
     */
    private Trainer.TrainingBlocks trainingBlocks(DistributedEvaluator evaluator, long seed,
            PrintWriter human) {
        if (evaluator == null) {
            return null;
        }
        TrainSource source = TrainSource.of(data, labels, labelColumn,
                validationData == null ? validationSplit : 0, seed);
        return (network, examples) -> {
            NetworkShardLoader loader = new NetworkShardLoader(network, source, examples);
            DistributedEvaluator.Shards shards = evaluator.open(loader);
            human.printf(Locale.ROOT, "Spark %s: %d training observations in %d blocks of %d, "
                    + "%d partitions%n", distributed.master, examples.rows(), loader.blocks(),
                    BlockSums.BLOCK_ROWS, shards.shards());
            human.flush();
            return shards;
        };
    }

    /**
     * Fails before training when {@code other} (validation or test data) has another number of
     * features than {@code train}, or labels that are not classes of {@code train}.
     */
    private void requireLike(LabeledData other, String option, Path file, LabeledData train) {
        if (other.cols() != train.cols()) {
            throw new IllegalArgumentException(option + " " + file + ": " + other.cols()
                    + " features per observation, but --data " + data + " has " + train.cols()
                    + " (the network's input); give data of the same kind");
        }
        List<String> unknown = other.classes().stream()
                .filter(name -> !train.classes().contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(option + " " + file + ": labels " + unknown
                    + " are not among the classes of --data " + data + " " + train.classes());
        }
    }

    /**
     * {@code other} with its labels as indices into the classes of {@code train} (which must
     * hold all of its classes), so that it may have fewer classes or another order of them.
     */
    static LabeledData inClassesOf(LabeledData train, LabeledData other) {
        return new LabeledData(other.features(), other.rows(), other.cols(),
                Predictor.labelsIn(train.classes(), other), train.classes(), other.imageHeight(),
                other.imageWidth());
    }

    /** Fails before anything is printed when the last layer's width is not the class count. */
    private void requireClassWidth(List<LayerSpec> network, int classes) {
        int width = LayerList.outputWidth(network);
        if (network.get(network.size() - 1) instanceof LayerSpec.ClassificationOutput
                && width != classes) {
            throw new IllegalArgumentException("--layers " + layers + ": the network has "
                    + width + " outputs but --data " + data
                    + " has " + classes + " classes; make the last fully connected layer "
                    + classes + " wide (fc:" + classes + ")");
        }
    }

    private List<LayerSpec> parseLayers() {
        try {
            LayerList.checkNumbers(layers);
            return Layers.parse(layers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--layers: " + e.getMessage(), e);
        }
    }

    private static List<LayerSpec> withInput(List<LayerSpec> specs, int features) {
        if (specs.get(0) instanceof LayerSpec.FeatureInput) {
            return specs;
        }
        List<LayerSpec> all = new ArrayList<>(specs.size() + 1);
        all.add(Layers.featureInput(features));
        all.addAll(specs);
        return all;
    }

    private TrainingOptions options(int trainRows) {
        int batchSize;
        if (batch.equalsIgnoreCase("full")) {
            batchSize = trainRows;
        } else {
            try {
                batchSize = Integer.parseInt(batch.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--batch must be a whole number of at least 1, or full, got '"
                                + batch + "'");
            }
        }
        try {
            TrainingOptions.Builder builder = TrainingOptions.builder(solver)
                    .maxEpochs(epochs)
                    .miniBatchSize(batchSize)
                    .keepPartialBatch(keepPartialBatch)
                    .shuffle(TrainingOptions.Shuffle.parse(shuffle))
                    .momentum(momentum)
                    .gradientDecayFactor(gradientDecay)
                    .epsilon(epsilon)
                    .l2Regularization(l2)
                    .gradientThreshold(TrainingOptions.GradientThresholdMethod.parse(
                            gradientThresholdMethod), Options.number("--gradient-threshold",
                            gradientThreshold))
                    .validationFrequency(validationFrequency)
                    .validationPatience(Options.patience(patience))
                    .outputNetwork(TrainingOptions.OutputNetwork.parse(outputNetwork))
                    .objectiveMetric(TrainingOptions.ObjectiveMetric.parse(objectiveMetric))
                    .verboseFrequency(verboseFrequency)
                    .seed(run.seed(DEFAULT_SEED));
            if (learnRate != null) {
                Options.requireLearnRate(solver);
                builder.initialLearnRate(learnRate);
            }
            if (squaredGradientDecay != null) {
                builder.squaredGradientDecayFactor(squaredGradientDecay);
            }
            switch (schedule.toLowerCase(Locale.ROOT)) {
                case "none" -> { }
                case "piecewise" -> builder.piecewiseSchedule(dropFactor, dropPeriod);
                default -> throw new IllegalArgumentException(
                        "--schedule must be none or piecewise, got '" + schedule + "'");
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Options.asOption(e.getMessage()), e);
        }
    }

    /**
     * Holds out {@code floor(count * fraction)} random observations of each label: the second
     * part; the first keeps the rest, in their original order.
     */
    static LabeledData[] holdOut(LabeledData data, double fraction, Rng rng) {
        int[] counts = data.countEachLabel();
        List<List<Integer>> byLabel = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            byLabel.add(new ArrayList<>());
        }
        for (int i = 0; i < data.rows(); i++) {
            byLabel.get(data.labels()[i]).add(i);
        }
        boolean[] held = new boolean[data.rows()];
        for (List<Integer> rows : byLabel) {
            int[] order = rng.permutation(rows.size());
            int take = (int) Math.floor(rows.size() * fraction);
            for (int j = 0; j < take; j++) {
                held[rows.get(order[j])] = true;
            }
        }
        List<Integer> keep = new ArrayList<>();
        List<Integer> hold = new ArrayList<>();
        for (int i = 0; i < held.length; i++) {
            (held[i] ? hold : keep).add(i);
        }
        return new LabeledData[] {
            data.select(keep.stream().mapToInt(Integer::intValue).toArray()),
            data.select(hold.stream().mapToInt(Integer::intValue).toArray())
        };
    }
}
