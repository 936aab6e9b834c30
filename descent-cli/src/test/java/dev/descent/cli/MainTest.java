package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A command that uses the shared options and fails on request. */
    @Command(name = "probe", description = "Test command.")
    static final class Probe implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin OutputOptions output;
        @Mixin RunOptions run;

        @Option(names = "--fail")
        String fail;

        @Override
        public Integer call() throws IOException {
            switch (fail == null ? "" : fail) {
                case "argument" -> throw new IllegalArgumentException(
                        "--hidden must be at least 1, got 0\nuse at least one hidden unit");
                case "file" -> throw new NoSuchFileException("/nowhere/data.csv");
                case "bug" -> throw new NullPointerException("oops");
                default -> { }
            }
            Path folder = output.outDirectory();
            output.humanOutput(spec).printf("out=%s json=%s plots=%s threads=%d seed=%d%n",
                    folder.getFileName(), output.json(), output.plots(), run.threads(),
                    run.seed(356));
            return 0;
        }
    }

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine().addSubcommand(new Probe());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String[] errLines() {
        return err.toString().lines().toArray(String[]::new);
    }

    @Test
    void unknownOptionGivesExitTwoAndOneLineWithoutStackTrace() {
        int status = run("--bogus");

        assertThat(status).isEqualTo(2);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines()[0])
                .isEqualTo("descent: unknown option: '--bogus' (try 'descent --help')");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void debugAddsTheStackTrace() {
        int status = run("--debug", "probe", "--bogus");

        assertThat(status).isEqualTo(2);
        assertThat(errLines()[0]).startsWith("descent: unknown option: '--bogus'");
        assertThat(err.toString()).contains("\tat picocli.CommandLine");
    }

    @Test
    void badArgumentPrintsMessageAndHintAndExitsTwo() {
        int status = run("probe", "--fail", "argument");

        assertThat(status).isEqualTo(2);
        assertThat(errLines())
                .containsExactly(
                        "descent: --hidden must be at least 1, got 0",
                        "use at least one hidden unit");
    }

    @Test
    void missingFileNamesTheFileAndExitsTwo() {
        int status = run("probe", "--fail", "file");

        assertThat(status).isEqualTo(2);
        assertThat(errLines())
                .containsExactly("descent: /nowhere/data.csv: no such file or folder");
    }

    @Test
    void internalFailureExitsOneWithTraceOnlyUnderDebug() {
        int status = run("probe", "--fail", "bug");

        assertThat(status).isEqualTo(1);
        assertThat(errLines()[0])
                .isEqualTo("descent: internal error: java.lang.NullPointerException: oops");
        assertThat(err.toString()).doesNotContain("\tat ");

        err.getBuffer().setLength(0);
        assertThat(run("probe", "--fail", "bug", "--debug")).isEqualTo(1);
        assertThat(err.toString()).contains("\tat dev.descent.cli.MainTest$Probe.call");
    }

    @Test
    void sharedOptionsHaveTheirDefaultsAndCreateTheOutputFolder(@TempDir Path temp) {
        Path folder = temp.resolve("a/b");

        int status = run("probe", "--out", folder.toString(), "--threads", "3");

        assertThat(status).isZero();
        assertThat(Files.isDirectory(folder)).isTrue();
        assertThat(out.toString()).isEqualTo("out=b json=false plots=PNG threads=3 seed=356\n");
    }

    @Test
    void jsonSendsHumanOutputToStderr(@TempDir Path temp) {
        int status = run("probe", "--json", "--plots", "NONE", "--seed", "7", "--out",
                temp.toString());

        assertThat(status).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("json=true plots=NONE").contains("seed=7");
    }

    @Test
    void outputFolderBlockedByAFileIsBadInput(@TempDir Path temp) throws IOException {
        Path file = Files.writeString(temp.resolve("taken"), "x");

        int status = run("probe", "--out", file.toString());

        assertThat(status).isEqualTo(2);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines()[0]).startsWith("descent: --out " + file + ": a file of that name");
    }

    @Test
    void liveIsAPlotModeAndUnknownModesAreRejectedWithExitTwo(@TempDir Path temp) {
        assertThat(run("probe", "--plots", "Live", "--out", temp.toString())).isZero();
        assertThat(out.toString()).contains("plots=LIVE");

        assertThat(run("probe", "--plots", "gif")).isEqualTo(2);
        assertThat(errLines()[0]).contains("expected none, png or live, got 'gif'");
    }

    @Test
    void threadsBelowOneIsRejected() {
        assertThat(run("probe", "--threads", "0")).isEqualTo(2);
        assertThat(errLines()[0]).startsWith("descent: --threads must be at least 1, got 0");
    }

    @Test
    void threadsAboveTheLimitAreRejectedNamingTheLimitAndTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        int limit = Math.max(256, cores);

        assertThat(run("probe", "--threads", Integer.toString(limit + 1))).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(errLines()).hasSize(1);
        assertThat(errLines()[0]).isEqualTo("descent: --threads must be at most " + limit
                + " (this machine has " + cores + (cores == 1 ? " core" : " cores") + "), got "
                + (limit + 1) + " (try 'descent probe --help')");
    }

    @Test
    void moreThreadsThanCoresRunWithAWarning() {
        int cores = Runtime.getRuntime().availableProcessors();
        assumeTrue(cores < 256, "the limit is the number of cores");

        assertThat(run("probe", "--threads", Integer.toString(cores + 1))).isZero();
        assertThat(out.toString()).contains("threads=" + (cores + 1) + " ");
        assertThat(errLines()).containsExactly("descent: warning: --threads " + (cores + 1)
                + " is more than the " + cores + (cores == 1 ? " core" : " cores") + " here;"
                + " the numbers are those of " + (cores + 1) + " threads, but the run is likely"
                + " slower than with --threads " + cores);

        err.getBuffer().setLength(0);
        assertThat(run("probe", "--threads", Integer.toString(cores))).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void helpAndVersionExitZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: descent").contains("--debug");

        out.getBuffer().setLength(0);
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("descent ").contains("Java ");
    }

    @Test
    void noCommandPrintsUsageToStderrWithExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: descent");
    }
}
