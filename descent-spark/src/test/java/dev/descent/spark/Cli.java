package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the descent command line in this JVM, capturing what it prints. */
record Cli(int status, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new Cli(status, out.toString(), err.toString());
    }

    /** Runs and requires exit status 0. */
    static Cli ok(String... args) {
        Cli result = run(args);
        assertThat(result.status()).as(result.err()).isZero();
        return result;
    }
}
