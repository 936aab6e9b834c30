package dev.descent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
     * out and err writers before {@code execute} to capture them.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        ErrorHandler handler = new ErrorHandler();
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setExecutionExceptionHandler(handler);
        return commandLine;
    }

    /** Without a subcommand: the usage on stderr, exit status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
