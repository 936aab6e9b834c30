package dev.descent.cli;

import dev.descent.data.ImageDatastore;
import dev.descent.nn.Layers;
import dev.descent.tensor.Blas;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
final class DigitsCommand implements Callable<Integer>, OutputFiles {
    static final long DEFAULT_SEED = 356;

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

    @Mixin DigitsOptions common;
    @Mixin RunOptions run;
    @Mixin OutputOptions output;
    @Mixin CheckpointOptions checkpoints;

    @Override
    public List<String> outputFiles() {
        return RunFiles.fileNames(output.writesPictures());
    }

    @Override
    public Integer call() throws IOException {
        long seed = run.seed(DEFAULT_SEED);
        DigitsRun.Settings settings = common.settings(perClass, hidden, learnRate, seed);
        Blas.setThreads(run.threads());
        try (LiveView live = output.startLive(spec)) {
            return train(settings, live);
        }
    }

    private int train(DigitsRun.Settings settings, LiveView live) throws IOException {
        long seed = settings.seed();
        ImageDatastore images = DigitsRun.images(settings.data());
        PrintWriter human = output.humanOutput(spec);
        if (!images.note().isEmpty()) {
            human.println(images.note());
        }
        DigitsRun.Split split = DigitsRun.split(images, settings);
        human.printf(Locale.ROOT, "Training %s on %d images, validating on %d (%d labels)%n",
                Layers.describe(DigitsRun.checkedLayers(settings, split)),
                split.train().rows(), split.test().rows(), split.train().classes().size());
        DigitsRun.Trained trained = DigitsRun.train(settings, split, human, checkpoints, live);
        ClassificationRun.Outcome outcome = trained.outcome();
        Trainer.Result result = outcome.result();
        double accuracy = outcome.accuracy();

        boolean hasRate = TrainingOptions.usesLearnRate(settings.solver());
        human.printf(Locale.ROOT, "n_per_class=%d n_hidden=%d lr=%s Test acc: %.1f%%%n",
                perClass, hidden, hasRate ? rate(learnRate) : "none", accuracy);
        Path out = output.outDirectory();
        RunFiles files = RunFiles.write(out, result, split.test(), "Test data",
                outcome.predicted(), outcome.diagnosis(), output, seed);
        files.add(RunFiles.writeModel(out, result, trained.options()));
        human.println("Wrote " + String.join(", ", files.names()) + " to " + out);
        if (output.json()) {
            Map<String, Object> json = RunFiles.summary(result.history(), accuracy,
                    split.train().rows(), split.test().rows(), outcome.seconds(),
                    outcome.diagnosis());
            json.put("n_per_class", perClass);
            json.put("n_hidden", hidden);
            json.put("learn_rate", hasRate ? learnRate : null);
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
     * The learning rate of the summary line as the lesson prints it (0.0500), or with an
     * exponent where four decimals would hide it or it is large (1e-05, 1e+05).
     */
    static String rate(double learnRate) {
        return learnRate >= 1e-4 && learnRate < 1e4 ? String.format(Locale.ROOT, "%.4f", learnRate)
                : Json.number(learnRate);
    }
}
