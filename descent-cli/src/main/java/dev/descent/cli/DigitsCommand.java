package dev.descent.cli;

import dev.descent.data.BuiltinDigits;
import dev.descent.data.DatastoreSplit;
import dev.descent.data.ImageDatastore;
import dev.descent.data.LabeledData;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.Layers;
import dev.descent.tensor.Blas;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The lesson's worked example: a subset of each digit, an 80/20 split per label, a network with
 * one hidden layer trained with the test part as validation data, and its test accuracy.
 */
@Command(
        name = "digits",
        description = {
            "Trains 784 -> hidden (ReLU, dropout) -> classes (softmax) on handwritten digits, as "
                    + "the lesson's MATLAB script does, and reports the test accuracy.",
            "Takes --per-class images of each label, splits each label 80/20 into training and "
                    + "test data (the test part is also the validation data), and writes "
                    + "training-progress.png, predictions.png, confusion.png, history.csv and "
                    + "model.descent into --out. Default seed: 356."
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class DigitsCommand implements Callable<Integer> {
    static final long DEFAULT_SEED = 356;
    static final double TRAIN_FRACTION = 0.8;

    @Spec private CommandSpec spec;

    @Option(names = "--per-class", paramLabel = "N", defaultValue = "100",
            description = "Images taken from each label (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "10",
            description = "Units of the hidden layer (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--learn-rate", paramLabel = "RATE", defaultValue = "0.05",
            description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
    double learnRate;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "adam",
            description = "adam, sgdm, rmsprop or sgd (mini-batch), or the full-batch "
                    + "training functions trainscg, traingd, traingdm, traingda, traingdx or "
                    + "trainrp: one iteration over all rows per epoch, dropout off, no "
                    + "checkpoints (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "50",
            description = "Maximum number of epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0.3",
            description = "Dropout probability after the hidden layer, in [0, 1) "
                    + "(default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--validation-frequency", paramLabel = "N", defaultValue = "5",
            description = "Iterations between validations (default: ${DEFAULT-VALUE}).")
    int validationFrequency;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "10",
            description = "Validations without a lower validation loss before stopping "
                    + "(default: ${DEFAULT-VALUE}; 'inf' never stops early).")
    String patience;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Image folder with one sub-folder per label (default: the built-in "
                    + "digits).")
    Path data;

    @Mixin RunOptions run;
    @Mixin OutputOptions output;
    @Mixin CheckpointOptions checkpoints;

    @Override
    public Integer call() throws IOException {
        double patienceValue = Options.patience(patience);
        TrainingOptions options = options(patienceValue);
        Options.atLeast("--per-class", perClass, 2);
        Options.atLeast("--hidden", hidden, 1);
        Options.dropout("--dropout", dropout);
        long seed = run.seed(DEFAULT_SEED);
        Blas.setThreads(run.threads());

        ImageDatastore images = data == null ? BuiltinDigits.load()
                : ImageDatastore.fromFolder(data);
        PrintWriter human = output.humanOutput(spec);
        if (!images.note().isEmpty()) {
            human.println(images.note());
        }
        Split split = split(images, seed);

        List<LayerSpec> layers = layers(split.train().cols(), split.train().classes().size());
        human.printf(Locale.ROOT, "Training %s on %d images, validating on %d (%d labels)%n",
                Layers.describe(layers), split.train().rows(), split.test().rows(),
                split.train().classes().size());
        ClassificationRun.Outcome outcome = ClassificationRun.run(layers, options, seed,
                split.train(), split.test(), null, checkpoints, human);
        Trainer.Result result = outcome.result();
        double accuracy = outcome.accuracy();

        human.printf(Locale.ROOT, "n_per_class=%d n_hidden=%d lr=%.4f Test acc: %.1f%%%n",
                perClass, hidden, learnRate, accuracy);
        Path out = output.outDirectory();
        RunFiles files = RunFiles.write(out, result, split.test(), outcome.predicted(), output,
                seed);
        files.add(RunFiles.writeModel(out, result, options));
        human.println("Wrote " + String.join(", ", files.names()) + " to " + out);
        if (output.json()) {
            Map<String, Object> json = RunFiles.summary(result.history(), accuracy,
                    split.train().rows(), split.test().rows(), outcome.seconds());
            json.put("n_per_class", perClass);
            json.put("n_hidden", hidden);
            json.put("learn_rate", learnRate);
            json.put("seed", seed);
            json.put("files", files.paths());
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(Json.toString(json));
            stdout.flush();
        }
        human.flush();
        return 0;
    }

    private TrainingOptions options(double patienceValue) {
        try {
            return TrainingOptions.builder(solver)
                    .initialLearnRate(learnRate)
                    .maxEpochs(epochs)
                    .miniBatchSize(batch)
                    .validationFrequency(validationFrequency)
                    .validationPatience(patienceValue)
                    .seed(run.seed(DEFAULT_SEED))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Options.asOption(e.getMessage()), e);
        }
    }

    private List<LayerSpec> layers(int inputs, int classes) {
        return List.of(
                Layers.featureInput(inputs),
                Layers.fullyConnected(hidden),
                Layers.relu(),
                Layers.dropout(dropout),
                Layers.fullyConnected(classes),
                Layers.softmax(),
                Layers.classification());
    }

    /** The training and test parts of the run. */
    record Split(LabeledData train, LabeledData test) {}

    private Split split(ImageDatastore images, long seed) throws IOException {
        Map<String, Integer> counts = images.countEachLabel();
        if (counts.size() < 2) {
            throw new IllegalArgumentException((data == null ? "the data" : data.toString())
                    + ": needs images of at least 2 labels (one sub-folder per label), found "
                    + counts.size() + " " + counts.keySet());
        }
        int smallest = Collections.min(counts.values());
        if (perClass > smallest) {
            String label = counts.entrySet().stream().filter(e -> e.getValue() == smallest)
                    .findFirst().orElseThrow().getKey();
            throw new IllegalArgumentException("--per-class must be at most " + smallest
                    + " (label " + label + " has " + smallest + " images), got " + perClass);
        }
        Rng rng = Streams.data(seed);
        ImageDatastore subset = images.splitEachLabel(rng, perClass).part(1);
        DatastoreSplit parts = subset.splitEachLabel(rng, TRAIN_FRACTION);
        return new Split(parts.part(1).readAll(), parts.part(2).readAll());
    }
}
