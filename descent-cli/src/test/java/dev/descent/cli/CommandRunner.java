package dev.descent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code descent} in this JVM and keeps what it printed. */
final class CommandRunner {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private volatile int status = -1;

    /** Runs {@code args} and returns this runner, to read the output. */
    static CommandRunner run(String... args) {
        CommandRunner runner = new CommandRunner();
        runner.execute(args);
        return runner;
    }

    /** Runs {@code args} with this runner's writers (readable while it runs) and its status. */
    int execute(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        status = commandLine.execute(args);
        return status;
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
