package dev.descent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code descent} in this JVM and keeps what it printed. */
final class CommandRunner {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private int status = -1;

    /** Runs {@code args} and returns this runner, to read the output. */
    static CommandRunner run(String... args) {
        CommandRunner runner = new CommandRunner();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(runner.out, true));
        commandLine.setErr(new PrintWriter(runner.err, true));
        runner.status = commandLine.execute(args);
        return runner;
    }

    int status() {
        return status;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
