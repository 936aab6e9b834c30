package dev.descent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad arguments are refused before anything runs, with one line that names the option. */
class BenchmarkArgumentsTest {

    private static Benchmark parsed(String... args) {
        Benchmark b = new Benchmark(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        b.parse(args);
        b.check();
        return b;
    }

    @Test
    void aMissingFashionFolderIsRefusedBeforeTheRun() {
        assertThatThrownBy(() -> parsed("--workloads", "fashion-h64-b64", "--fashion",
                "/nonexistent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--fashion: no train-images-idx3-ubyte.gz in /nonexistent; install"
                        + " dataset-fashion-mnist or pass the folder of its IDX files");
    }

    @Test
    void aFashionFolderWithoutTheTestImagesIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("train-images-idx3-ubyte.gz"), "");
        Files.writeString(dir.resolve("train-labels-idx1-ubyte.gz"), "");

        assertThatThrownBy(() -> Benchmark.checkFashion(dir))
                .hasMessageStartingWith("--fashion: no t10k-images-idx3-ubyte.gz in " + dir);
    }

    @Test
    void theFashionFolderIsNotNeededForTheDigits() {
        Benchmark b = parsed("--workloads", "digits-h64", "--fashion", "/nonexistent", "--peer",
                "none");

        assertThat(b).isNotNull();
    }

    @Test
    void aMissingPythonIsRefusedUnlessThePeerIsOff() {
        assertThatThrownBy(() -> parsed("--smoke", "--python", "/nonexistent/python"))
                .hasMessage("--python: /nonexistent/python is not an executable file; install"
                        + " python3-torch (docs/benchmark.md) or pass --peer none");
        parsed("--smoke", "--python", "/nonexistent/python", "--peer", "none");
    }

    @Test
    void pythonIsLookedUpOnThePath() {
        assertThat(Benchmark.executable("sh")).isNotNull();
        assertThat(Benchmark.executable("no-such-command-here")).isNull();
    }

    @Test
    void workloadNamesOutOfRangeAreRefused() {
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-h0-b64"))
                .hasMessage("--workloads: H in fashion-h0-b64 must be a whole number of at least"
                        + " 1, got 0");
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-n0-h64-b64"))
                .hasMessage("--workloads: N in fashion-n0-h64-b64 must be from 1 to 60000 (the"
                        + " Fashion-MNIST training images), got 0");
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-n99999999999-h64-b64"))
                .hasMessageContaining("N in fashion-n99999999999-h64-b64 must be from 1 to 60000");
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-h64-b0"))
                .hasMessageContaining("B in fashion-h64-b0 must be from 1 to 60000");
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-n100-h64-b1024"))
                .hasMessage("--workloads: in fashion-n100-h64-b1024 the batch of 1024 is larger"
                        + " than the 100 training images; expected B <= N");
        assertThat(Benchmark.parseWorkloads("fashion-n60000-h64-b64").get(0).limit())
                .isEqualTo(60000);
    }

    @Test
    void anEmptyWorkloadListIsRefused() {
        assertThatThrownBy(() -> Benchmark.parseWorkloads(","))
                .hasMessage("--workloads: no workload named in ','; expected a comma-separated"
                        + " list such as digits-h64,spec");
    }
}
