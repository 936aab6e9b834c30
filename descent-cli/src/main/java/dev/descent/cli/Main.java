package dev.descent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code descent} command. Subcommands are listed in the {@code subcommands} attribute below,
 * the one registry of commands.
 *
 * <p>Exit status: 0 on success, 2 on bad input or usage, 1 on an internal failure (see {@link
 * ErrorHandler}). Use {@link #commandLine()} rather than {@code new CommandLine(new Main())}:
 * only the former installs the error handling.
 */
@Command(
        name = "descent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Trains feed-forward neural networks by backpropagation and gradient "
                + "descent.",
        subcommands = {
            DigitsCommand.class,
            TrainCommand.class,
            ClassifyCommand.class,
            PredictCommand.class,
            PatternnetCommand.class,
            FitnetCommand.class,
            SweepCommand.class,
            LrRegimesCommand.class,
            BackpropCommand.class,
            GradcheckCommand.class,
            ExportDigitsCommand.class,
            CommandLine.HelpCommand.class
        },
        sortOptions = false,
        usageHelpAutoWidth = true)
public final class Main implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error.")
    private boolean debug;

    /** Runs {@code descent} with {@code args} and exits with its status. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with every subcommand and Descent's error handling installed; set its
     * out and err writers before {@code execute} to capture them. Every {@code double} option
     * takes finite numbers only ({@link Options.FiniteNumber}).
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        ErrorHandler handler = new ErrorHandler();
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setExecutionExceptionHandler(handler);
        commandLine.setExecutionStrategy(Main::checkThenRun);
        commandLine.registerConverter(Double.class, new Options.FiniteNumber());
        commandLine.registerConverter(double.class, new Options.FiniteNumber());
        return commandLine;
    }

    /**
     * Checks the options of the command's {@link CheckedOptions} mixins (the {@code --out}
     * folder, the {@code --resume} file) before it runs, so that a bad value fails at once
     * instead of after training; then runs the command. An {@link OutOfMemoryError} becomes
     * a {@link MemoryShortage}: one line, exit status 2.
     */
    private static int checkThenRun(ParseResult parsed) {
        boolean help = false;
        for (CommandLine line : parsed.asCommandLineList()) {
            help |= line.isUsageHelpRequested() || line.isVersionHelpRequested();
        }
        if (!help) {
            List<CommandLine> lines = parsed.asCommandLineList();
            CommandLine last = lines.get(lines.size() - 1);
            try {
                refuseEmptyPaths(last.getParseResult());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ExecutionException(last, e.getMessage(), e);
            }
            for (CommandSpec mixin : last.getCommandSpec().mixins().values()) {
                if (mixin.userObject() instanceof CheckedOptions options) {
                    try {
                        options.check();
                    } catch (IllegalArgumentException e) {
                        // Reported as the command's own bad input: one line, exit status 2.
                        throw new CommandLine.ExecutionException(last, e.getMessage(), e);
                    }
                }
            }
        }
        MemoryShortage.reset();
        try {
            return new CommandLine.RunLast().execute(parsed);
        } catch (OutOfMemoryError e) {
            List<CommandLine> lines = parsed.asCommandLineList();
            CommandLine last = lines.get(lines.size() - 1);
            // What held the memory is unreachable now; the message is bad input: exit status 2.
            throw new CommandLine.ExecutionException(last, "out of memory", new MemoryShortage(e));
        }
    }

    /** Path options whose own checks refuse an empty value, saying what to give. */
    private static final Set<String> CHECKED_ELSEWHERE = Set.of("--out", "--checkpoint-dir");

    /**
     * Refuses an empty or blank value of a path option (such as {@code --data ""}), which would
     * mean the current folder.
     *
     * @throws IllegalArgumentException naming the option and what to give
     */
    static void refuseEmptyPaths(ParseResult parsed) {
        for (OptionSpec option : parsed.matchedOptions()) {
            if (option.type() != Path.class || CHECKED_ELSEWHERE.contains(option.longestName())) {
                continue;
            }
            for (String value : option.originalStringValues()) {
                if (value.isBlank()) {
                    String label = option.paramLabel();
                    throw new IllegalArgumentException(option.longestName() + " is empty; give "
                            + (label.equals("FILE") ? "a file" : label.equals("DIR")
                                    ? "a folder (. for the current one)"
                                    : "a file or folder (. for the current folder)"));
                }
            }
        }
    }

    /** Without a subcommand: the usage on stderr, exit status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
