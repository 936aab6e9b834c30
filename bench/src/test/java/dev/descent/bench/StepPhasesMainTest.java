package dev.descent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench/run --phases} as a user meets it: exit status, standard output and error. */
class StepPhasesMainTest {
    @TempDir
    Path dir;

    /** Exit status, standard output and standard error of StepPhases in a JVM of its own. */
    record Run(int status, String out, String err) {}

    Run run(String heap, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", heap, "-cp", System.getProperty("java.class.path"),
                StepPhases.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        int status = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start().waitFor();
        return new Run(status, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() throws Exception {
        Run r = run("-Xmx64m", "--help");

        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(StepPhases.USAGE);
        assertThat(r.status()).isZero();
        assertThat(run("-Xmx64m", "-h").out()).isEqualTo(StepPhases.USAGE);
    }

    @Test
    void aBadSizeIsOneLineAndStatus2() throws Exception {
        Run r = run("-Xmx64m", "-5", "64");

        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("bench: H must be a whole number from 1 to 16384, got -5"
                + " (see bench/run --phases --help)\n");
        assertThat(r.status()).isEqualTo(2);
    }

    @Test
    void runningOutOfMemoryIsOneLineWithTheFixAndStatus1() throws Exception {
        // 784-16384-10 keeps 100 MiB of weights and gradients off the heap, over 32 MiB.
        Run r = run("-Xmx32m", "16384", "64", "1");

        assertThat(r.err()).matches("bench: out of memory \\(direct buffer memory; max heap"
                + " [0-9]+ MiB\\) at 784-16384-10, batch 64; raise -Xmx in"
                + " DESCENT_BENCH_JAVA_OPTS, e.g. DESCENT_BENCH_JAVA_OPTS=-Xmx4g bench/run"
                + " --phases 16384 64 1\n");
        assertThat(r.status()).isEqualTo(1);
    }
}
