package dev.descent.cli;

import dev.descent.nn.LayerSpec;
import dev.descent.nn.Network;
import dev.descent.optim.batch.TrainingFunctions;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.train.TrainingOptions;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** Checks of command-line values, with messages that name the option. */
final class Options {
    /** The option of each {@code trainingOptions} name used in the library's messages. */
    private static final Map<String, String> OPTION_OF = Map.ofEntries(
            Map.entry("solver", "--solver"),
            Map.entry("InitialLearnRate", "--learn-rate"),
            Map.entry("MaxEpochs", "--epochs"),
            Map.entry("MiniBatchSize", "--batch"),
            Map.entry("ValidationFrequency", "--validation-frequency"),
            Map.entry("ValidationPatience", "--patience"),
            Map.entry("Momentum", "--momentum"),
            Map.entry("GradientDecayFactor", "--gradient-decay"),
            Map.entry("SquaredGradientDecayFactor", "--squared-gradient-decay"),
            Map.entry("Epsilon", "--epsilon"),
            Map.entry("GradientThresholdMethod", "--gradient-threshold-method"),
            Map.entry("Shuffle", "--shuffle"),
            Map.entry("OutputNetwork", "--output-network"),
            Map.entry("ObjectiveMetricName", "--objective-metric"),
            Map.entry("L2Regularization", "--l2"),
            Map.entry("GradientThreshold", "--gradient-threshold"),
            Map.entry("LearnRateDropFactor", "--drop-factor"),
            Map.entry("LearnRateDropPeriod", "--drop-period"),
            Map.entry("VerboseFrequency", "--verbose-frequency"));

    /** A finite decimal number: digits, an optional point and an optional exponent. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private Options() {}

    /**
     * Reads the value of every {@code double} option (registered in {@link Main#commandLine()})
     * as a finite decimal number, so that NaN, infinities and Java's {@code 1d} or hexadecimal
     * forms are refused with the option's name instead of reaching the command.
     */
    static final class FiniteNumber implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            try {
                return finite(text);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * {@code text} as a finite decimal number; one too small for a double, which would round
     * to 0, is refused with the text as given.
     *
     * @throws NumberFormatException saying what was expected and what was found
     */
    static double finite(String text) {
        String value = text.strip();
        if (DECIMAL.matcher(value).matches()) {
            double number = Double.parseDouble(value);
            if (number == 0 && value.matches("[^eE]*[1-9].*")) {
                throw new NumberFormatException("'" + text + "' rounds to 0; the smallest"
                        + " number above 0 is " + Double.MIN_VALUE);
            }
            if (Double.isFinite(number)) {
                return number;
            }
        }
        throw new NumberFormatException(
                "expected a finite number such as 0.01 or 1e-3, got '" + text + "'");
    }

    /**
     * {@code message} with a leading {@code trainingOptions} name replaced by its option, so
     * "InitialLearnRate must be greater than 0" reads "--learn-rate must be greater than 0".
     */
    static String asOption(String message) {
        int space = message.indexOf(' ');
        String first = space < 0 ? message : message.substring(0, space);
        String option = OPTION_OF.get(first);
        return option == null ? message : option + message.substring(first.length());
    }

    /**
     * {@code message} ("--epsilon must be ..., got 0.0") with the number after its last "got "
     * replaced by the text given for the option it starts with ("got 0"), when that text is
     * exactly that number; otherwise {@code message} unchanged.
     */
    static String givenText(String message, ParseResult parsed) {
        int space = message.indexOf(' ');
        if (parsed == null || space < 0) {
            return message;
        }
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        OptionSpec option = parsed.matchedOption(message.substring(0, space));
        if (option == null || option.originalStringValues().size() != 1) {
            return message;
        }
        return withGivenText(message, option.originalStringValues().get(0));
    }

    /**
     * {@link #givenText(String, ParseResult)} for a refusal while parsing, before there is a
     * parse result: the text given for the option is read from the command line {@code args}.
     */
    static String givenText(String message, String[] args) {
        int space = message.indexOf(' ');
        if (space < 0 || !message.startsWith("--")) {
            return message;
        }
        String option = message.substring(0, space);
        String text = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(option) && i + 1 < args.length) {
                text = args[i + 1];
            } else if (args[i].startsWith(option + "=")) {
                text = args[i].substring(option.length() + 1);
            }
        }
        return text == null ? message : withGivenText(message, text);
    }

    /**
     * {@code message} with the number after its last ", got " replaced by {@code text} when
     * the two are the same number exactly: "00.5" for 0.5, not "0.99999999999999999" for the
     * 1.0 it rounds to, which would hide why it was refused.
     */
    private static String withGivenText(String message, String text) {
        int got = message.lastIndexOf(", got ");
        if (got < 0) {
            return message;
        }
        String shown = message.substring(got + ", got ".length());
        try {
            if (new BigDecimal(text.strip()).compareTo(new BigDecimal(shown)) != 0) {
                return message;
            }
        } catch (NumberFormatException e) {
            return message;
        }
        return message.substring(0, got) + ", got " + text.strip();
    }

    /**
     * Checks that the network of {@code specs} fits in memory buffers at {@code batchSize} rows
     * ({@link Network#checkSize}), before any of it is allocated.
     *
     * @param option the option that sets the layer sizes, with its value ("--hidden 300000")
     * @throws IllegalArgumentException naming {@code option} and the layer that does not fit
     */
    static void networkFits(String option, List<LayerSpec> specs, Precision precision,
            int batchSize) {
        try {
            Network.checkSize(specs, precision, batchSize);
            MemoryShortage.expect(specs, precision, batchSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": the network cannot be built: "
                    + e.getMessage() + "; give smaller layers", e);
        }
    }

    /**
     * Like {@link #networkFits(String, List, Precision, int)}, but when the layers fit for one
     * row and only their activations for the batch do not, the message names the batch and the
     * layers together and gives the largest batch that fits.
     *
     * @param layersOption the option that sets the layer sizes, with its value
     * @param batchOption the option that sets the batch, with its value ("--batch 128"), or
     *     {@code null} where the batch cannot be given (a full-batch training function)
     * @throws IllegalArgumentException naming the options and the layer that does not fit
     */
    static void networkFits(String layersOption, String batchOption, List<LayerSpec> specs,
            Precision precision, int batchSize) {
        if (batchOption != null && batchSize > 1 && fitsOneRow(specs, precision)) {
            try {
                Network.checkSize(specs, precision, batchSize);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(batchOption + " with " + layersOption
                        + ": the network cannot be built: " + e.getMessage()
                        + "; give a batch of at most " + largestBatch(specs, precision)
                        + " rows or smaller layers", e);
            }
        }
        networkFits(layersOption, specs, precision, batchSize);
    }

    private static boolean fitsOneRow(List<LayerSpec> specs, Precision precision) {
        try {
            Network.checkSize(specs, precision, 1);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The most rows whose activations fit in a buffer at every layer of {@code specs}. */
    private static long largestBatch(List<LayerSpec> specs, Precision precision) {
        long widest = 1;
        int width = 0;
        for (LayerSpec spec : specs) {
            width = spec.outputSize(width);
            widest = Math.max(widest, width);
        }
        return Matrix.maxElements(precision) / widest;
    }

    /**
     * Refuses a given {@code --learn-rate} for a solver without a learning rate.
     *
     * @throws IllegalArgumentException naming the solvers that take one
     */
    static void requireLearnRate(String solver) {
        if (!TrainingOptions.usesLearnRate(solver)) {
            throw new IllegalArgumentException("--learn-rate applies to "
                    + inWords(TrainingOptions.learnRateSolvers()) + ", not " + solver
                    + ", which has no learning rate");
        }
    }

    /**
     * Refuses the solver options of {@code descent train} that the user gave but that do not
     * apply, as MATLAB's trainingOptions refuses 'Momentum' with 'adam': {@code --momentum}
     * outside sgdm, traingdm and traingdx, {@code --gradient-decay} outside adam,
     * {@code --squared-gradient-decay} and {@code --epsilon} outside adam and rmsprop, the
     * mini-batch options ({@code --batch}, {@code --keep-partial-batch}, {@code --shuffle},
     * the schedule) with a full-batch training function, and {@code --drop-factor} or
     * {@code --drop-period} without {@code --schedule piecewise}. An unknown solver is left to
     * {@link TrainingOptions}.
     *
     * @param given the parsed command line, which tells a given option from a default
     * @throws IllegalArgumentException naming the option and the solvers it applies to
     */
    static void requireApplicable(CommandLine.ParseResult given, String solver,
            String schedule) {
        String name = solver.toLowerCase(Locale.ROOT);
        boolean fullBatch = TrainingFunctions.isTrainingFunction(name);
        if (!fullBatch && !TrainingOptions.STOCHASTIC_SOLVERS.contains(name)) {
            return;
        }
        onlyFor(given, "--momentum", name, List.of("sgdm", "traingdm", "traingdx"));
        onlyFor(given, "--gradient-decay", name, List.of("adam"));
        onlyFor(given, "--squared-gradient-decay", name, List.of("adam", "rmsprop"));
        onlyFor(given, "--epsilon", name, List.of("adam", "rmsprop"));
        for (String option : List.of("--batch", "--keep-partial-batch", "--shuffle",
                "--schedule", "--drop-factor", "--drop-period")) {
            if (fullBatch && given.hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + " applies to the mini-batch solvers "
                        + inWords(TrainingOptions.STOCHASTIC_SOLVERS) + ", not " + name
                        + ", which trains on the full batch");
            }
        }
        for (String option : List.of("--drop-factor", "--drop-period")) {
            if (given.hasMatchedOption(option)
                    && !schedule.strip().equalsIgnoreCase("piecewise")) {
                throw new IllegalArgumentException(option + " applies with --schedule piecewise"
                        + " only, got --schedule " + schedule);
            }
        }
    }

    /** @throws IllegalArgumentException if {@code option} was given and is not for solver */
    private static void onlyFor(CommandLine.ParseResult given, String option, String solver,
            List<String> solvers) {
        if (given.hasMatchedOption(option) && !solvers.contains(solver)) {
            throw new IllegalArgumentException(option + " applies to " + inWords(solvers)
                    + " only, not " + solver);
        }
    }

    /**
     * Refuses {@code labels} (such as {@code --test-labels}) given without {@code data}.
     *
     * @throws IllegalArgumentException naming both options
     */
    static void requireWith(CommandLine.ParseResult given, String labels, String data) {
        if (given.hasMatchedOption(labels) && !given.hasMatchedOption(data)) {
            throw new IllegalArgumentException(labels + " applies with " + data
                    + " only (it is the IDX labels file of " + data + "); give " + data
                    + " too or leave " + labels + " out");
        }
    }

    /** "a", "a and b", "a, b and c". */
    private static String inWords(List<String> names) {
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and "
                        + names.get(names.size() - 1);
    }

    /** @throws IllegalArgumentException if {@code value < minimum} */
    static void atLeast(String option, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(
                    option + " must be at least " + minimum + ", got " + value);
        }
    }

    /**
     * {@code --parallel}: from 1 to {@link ThreadsOptions#limit()} runs at a time (each run is
     * a thread and holds its own network and data split).
     *
     * @throws IllegalArgumentException outside that range, naming the cores
     */
    static void runsAtATime(int value) {
        atLeast("--parallel", value, 1);
        int cores = Runtime.getRuntime().availableProcessors();
        if (value > ThreadsOptions.limit()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--parallel must be at most %d (this machine has %d %s), got %d",
                    ThreadsOptions.limit(), cores, cores == 1 ? "core" : "cores", value));
        }
    }

    /** @throws IllegalArgumentException if {@code value} is not in [0, 1) */
    static void dropout(String option, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(
                    option + " must be in [0, 1) (0 for no dropout), got " + value);
        }
    }

    /**
     * A number, where {@code inf} means infinity.
     *
     * @throws IllegalArgumentException if {@code text} is neither
     */
    static double number(String option, String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("inf") || value.equals("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return finite(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    option + " must be a number or inf, got '" + text + "'", e);
        }
    }

    /**
     * A patience: a whole number >= 1, or {@code inf}.
     *
     * @throws IllegalArgumentException otherwise
     */
    static double patience(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("inf") || value.equals("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            int patience = Integer.parseInt(value);
            if (patience >= 1) {
                return patience;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed values
        }
        throw new IllegalArgumentException(
                "--patience must be a whole number of at least 1, or inf, got '" + text + "'");
    }
}
