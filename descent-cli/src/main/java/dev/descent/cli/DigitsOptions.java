package dev.descent.cli;

import dev.descent.train.TrainingOptions;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of the lesson's digits run besides the three the homework varies ({@code
 * --per-class}, {@code --hidden}, {@code --learn-rate}, which each command declares in its own
 * form): shared by {@code digits}, {@code sweep} and {@code lr-regimes}. A command may change
 * the defaults with a default-value provider.
 */
public final class DigitsOptions {
    /** The help of {@code --solver}, here and in {@code train}. */
    static final String SOLVER_HELP = "adam, sgdm, rmsprop or sgd (mini-batch), or the full-batch"
            + " training functions trainscg, traingd, traingdm, traingda, traingdx or trainrp:"
            + " one iteration over all rows per epoch, dropout off, no checkpoints (default:"
            + " ${DEFAULT-VALUE}).";

    /** The command these options belong to, to tell a given --learn-rate from a default. */
    @Spec(Spec.Target.MIXEE) CommandSpec command;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "adam",
            description = SOLVER_HELP)
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
            description = "Validations without a better validation value (see "
                    + "--objective-metric) before stopping (default: ${DEFAULT-VALUE}; 'inf' "
                    + "never stops early).")
    String patience;

    @Option(names = "--objective-metric", paramLabel = "METRIC", defaultValue = "loss",
            description = "What --patience and the returned best network watch: loss (lower "
                    + "is better) or accuracy (higher is better), the validation value "
                    + "(MATLAB's ObjectiveMetricName; default: ${DEFAULT-VALUE}).")
    String objectiveMetric;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Image folder with one sub-folder per label (default: the built-in "
                    + "digits).")
    Path data;

    /**
     * The settings of one run with these options and the three varied values.
     *
     * @throws IllegalArgumentException naming the option of a bad value
     */
    DigitsRun.Settings settings(int perClass, int hidden, double learnRate, long seed) {
        CommandLine.ParseResult given = command == null ? null
                : command.commandLine().getParseResult();
        if (given != null) {
            if (given.hasMatchedOption("--learn-rate")) {
                Options.requireLearnRate(solver);
            }
            // --batch with a full-batch function, as train refuses it.
            Options.requireApplicable(given, solver, "none");
        }
        DigitsRun.Settings settings = new DigitsRun.Settings(perClass, hidden, learnRate, solver,
                epochs, batch, dropout, validationFrequency, Options.patience(patience),
                objectiveMetric(), data == null ? null : data.toString(), seed);
        settings.check();
        return settings;
    }

    private TrainingOptions.ObjectiveMetric objectiveMetric() {
        try {
            return TrainingOptions.ObjectiveMetric.parse(objectiveMetric);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Options.asOption(e.getMessage()), e);
        }
    }
}
