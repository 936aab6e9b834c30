package dev.descent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The harness on tiny data, Descent side only (CI has no PyTorch): it starts the Descent
 * process, reads its JSON line back and prints the tables. No timing is asserted.
 */
class BenchmarkSmokeTest {

    @Test
    void smokeRunPrintsATableRowForDescent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Benchmark b = new Benchmark(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        b.parse(new String[] {"--smoke", "--peer", "none", "--repeat", "2", "--seed", "7"});

        boolean ok = b.runAll();

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(text).isTrue();
        assertThat(text).contains("== smoke (round 1): built-in digits 400 train / 100 test,"
                + " 784-32-10").contains("2 epochs, training seed 7,")
                .contains("== smoke (round 2)").contains("2 epochs, training seed 8,");
        String row = text.lines().filter(l -> l.startsWith("descent ")).findFirst().orElseThrow();
        // Side, threads, median, best, two epochs, accuracy %, GFLOP/s, % of sgemm, RSS, bytes.
        assertThat(row).matches("descent +up to 1, 1 used +[0-9.]+ +[0-9.]+ +[0-9.]+ [0-9.]+ +"
                + "[0-9.]+% +[0-9.]+ +[0-9]+% +[0-9]+ +[0-9]+");
        double accuracy = Double.parseDouble(Arrays.stream(row.split("\\s+"))
                .filter(word -> word.endsWith("%")).findFirst().orElseThrow().replace("%", ""));
        assertThat(accuracy).as("400 digits, 2 epochs").isGreaterThan(30);
        assertThat(text).contains("| smoke (seed 7) | - | - |").contains("| smoke (seed 8) | - |");
        assertThat(text).as("no peer, no accuracy means").doesNotContain("mean over seeds");
    }

    @Test
    void aSilentSideIsStoppedAfterTheTimeout(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        // A "python" that says nothing and never ends, standing for a hung peer.
        java.nio.file.Path silent = dir.resolve("silent-python");
        java.nio.file.Files.writeString(silent, "#!/bin/sh\nexec sleep 600\n");
        assertThat(silent.toFile().setExecutable(true)).isTrue();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Benchmark b = new Benchmark(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        b.parse(new String[] {"--smoke", "--python", silent.toString(), "--peer-threads", "1x1",
            "--side-timeout", "1"});
        long began = System.nanoTime();

        boolean ok = b.runAll();

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(text).isFalse();
        assertThat(text).contains("pytorch 1x1 failed: nothing on its output for 1 s while"
                + " waiting for 'ready' (raise --side-timeout for slower workloads): "
                + silent);
        assertThat((System.nanoTime() - began) / 1e9).as("seconds until it gave up")
                .isLessThan(60);
    }

    @Test
    void descentSideReportsWhatTheTableNeeds() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bench-side");
        var parts = dev.descent.data.BuiltinDigits.load()
                .splitEachLabel(new dev.descent.util.Rng(356), 20, 5);
        dev.descent.data.IdxWriter.writeLabeled(dir.resolve("ti"), dir.resolve("tl"),
                parts.part(1).readAll());
        dev.descent.data.IdxWriter.writeLabeled(dir.resolve("si"), dir.resolve("sl"),
                parts.part(2).readAll());

        Map<String, Object> r = DescentSide.run(new DescentSide.Settings(dir.resolve("ti"),
                dir.resolve("tl"), dir.resolve("si"), dir.resolve("sl"), 120, 16, 10, 3, 1, 1,
                false));

        assertThat(r.get("train")).isEqualTo(120.0);
        assertThat(r.get("test")).isEqualTo(50.0);
        double[] seconds = (double[]) r.get("epoch_seconds");
        assertThat(seconds).hasSize(3);
        assertThat(Arrays.stream(seconds).min().orElseThrow()).isPositive();
        assertThat((Double) r.get("test_accuracy")).isBetween(0.0, 1.0);
        // Written and read back as the driver does.
        Map<String, Object> back = FlatJson.read(FlatJson.write(r));
        assertThat(back.keySet()).isEqualTo(r.keySet());
        assertThat((double[]) back.get("epoch_seconds")).hasSize(3);
    }

    @Test
    void torchLinesAreRead() {
        Map<String, Object> r = FlatJson.read("{\"side\": \"pytorch\", \"threads\": 1,"
                + " \"flush_denormal\": true, \"epoch_seconds\": [0.5, 0.25, 0.75],"
                + " \"test_accuracy\": 0.875, \"peak_rss_kib\": 488000}");

        assertThat(r).containsEntry("side", "pytorch").containsEntry("flush_denormal", true)
                .containsEntry("test_accuracy", 0.875);
        assertThat(Benchmark.median(r)).isEqualTo(0.5);
        assertThat(Benchmark.best(r)).isEqualTo(0.25);
    }

    @Test
    void descentRowsSayTheirMostThreadsAndTheCountUsed() {
        assertThat(Benchmark.threadsLabel(2, 1, true)).isEqualTo("up to 2, 1 used");
        assertThat(Benchmark.threadsLabel(2, 2, false)).isEqualTo("2 (fixed)");
        // Sequential runs have no pairs: the verdict says so instead of printing NaN.
        assertThat(Benchmark.pairedText(Double.NaN))
                .isEqualTo("none, the sides did not run in lockstep");
        assertThat(Benchmark.pairedText(0.4217)).isEqualTo("0.422");
    }

    @Test
    void workloadNamesAndMultiplyAdds() {
        assertThat(Benchmark.parseWorkloads("spec")).hasSize(6);
        assertThat(Benchmark.parseWorkloads("fashion-n6000-h256-b64"))
                .containsExactly(new Workload("fashion-n6000-h256-b64", "fashion", 256, 64, 6000));
        assertThat(Benchmark.cores("1x2")).isEqualTo(2);
        // 64 x 784 x 256 twice (x W1, x^T d1) and 64 x 256 x 10 three times.
        assertThat(Workload.multiplyAddsPerStep(64, 784, 256, 10))
                .isEqualTo(2L * 64 * 784 * 256 + 3L * 64 * 256 * 10);
    }
}
