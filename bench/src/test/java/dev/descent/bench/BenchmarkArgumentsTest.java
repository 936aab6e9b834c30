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
    void hugePagesOnlyWhereTheKernelOffersThem(@TempDir Path dir) throws Exception {
        Path enabled = dir.resolve("enabled");
        Files.writeString(enabled, "always [madvise] never\n");
        assertThat(Benchmark.hugePages(enabled)).isEqualTo(" -XX:+UseTransparentHugePages");
        Files.writeString(enabled, "[always] madvise never\n");
        assertThat(Benchmark.hugePages(enabled)).isEqualTo(" -XX:+UseTransparentHugePages");
        Files.writeString(enabled, "always madvise [never]\n");
        assertThat(Benchmark.hugePages(enabled)).isEmpty();
        assertThat(Benchmark.hugePages(dir.resolve("missing"))).isEmpty();
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
                .hasMessage("--workloads: H in fashion-h0-b64 must be a whole number"
                        + " from 1 to 16384, got 0");
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-h99999999999999999999-b64"))
                .hasMessage("--workloads: H in fashion-h99999999999999999999-b64 must be a whole"
                        + " number from 1 to 16384, got 99999999999999999999");
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-n0-h64-b64"))
                .hasMessage("--workloads: N in fashion-n0-h64-b64 must be a whole number"
                        + " from 1 to 60000 (the Fashion-MNIST training images), got 0");
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-n99999999999-h64-b64"))
                .hasMessageContaining("N in fashion-n99999999999-h64-b64 must be a whole number"
                        + " from 1 to 60000");
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-h64-b0"))
                .hasMessageContaining("B in fashion-h64-b0 must be a whole number from 1 to 60000");
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-n100-h64-b1024"))
                .hasMessage("--workloads: in fashion-n100-h64-b1024 the batch of 1024 is larger"
                        + " than the 100 training images; expected B <= N");
        assertThat(Benchmark.parseWorkloads("fashion-n60000-h64-b64").get(0).limit())
                .isEqualTo(60000);
    }

    @Test
    void emptyEntriesOfAListAreRefused() {
        assertThatThrownBy(() -> Benchmark.parseWorkloads(","))
                .hasMessage("--workloads: an empty entry in ','; expected a comma-separated"
                        + " list without empty entries");
        assertThatThrownBy(() -> parsed("--workloads", "digits-h64,", "--peer", "none"))
                .hasMessage("--workloads: an empty entry in 'digits-h64,'; expected a"
                        + " comma-separated list without empty entries");
        assertThatThrownBy(() -> parsed("--smoke", "--peer-threads", "1x1,", "--peer", "none"))
                .hasMessageStartingWith("--peer-threads: an empty entry in '1x1,'");
    }

    @Test
    void countsSayTheirRealBounds() {
        assertThatThrownBy(() -> parsed("--smoke", "--epochs", "1"))
                .hasMessage("--epochs must be a whole number from 2 to 1000000 (a warm-up epoch"
                        + " and at least one measured), got 1");
        assertThatThrownBy(() -> parsed("--smoke", "--epochs", "abc"))
                .hasMessage("--epochs must be a whole number from 2 to 1000000 (a warm-up epoch"
                        + " and at least one measured), got abc");
        assertThatThrownBy(() -> parsed("--smoke", "--epochs", "99999999999"))
                .hasMessage("--epochs must be a whole number from 2 to 1000000 (a warm-up epoch"
                        + " and at least one measured), got 99999999999");
        assertThatThrownBy(() -> parsed("--smoke", "--repeat", "0"))
                .hasMessage("--repeat must be a whole number from 1 to 1000000, got 0");
        assertThatThrownBy(() -> parsed("--smoke", "--seed", "-1"))
                .hasMessage("--seed must be a whole number from 0 to 2147483647, got -1");
        parsed("--smoke", "--seed", "0", "--peer", "none");
    }

    @Test
    void threadCountsAreBounded() {
        assertThatThrownBy(() -> parsed("--smoke", "--descent-threads", "999"))
                .hasMessage("--descent-threads must be a whole number from 1 to 256, got 999");
        assertThatThrownBy(() -> parsed("--smoke", "--peer-threads", "300x1"))
                .hasMessage("--peer-threads 300x1: the intra-op threads must be a whole number"
                        + " from 1 to 256, got 300");
        assertThatThrownBy(() -> parsed("--smoke", "--peer-threads", "1x0"))
                .hasMessage("--peer-threads 1x0: the BLAS threads must be a whole number from 1"
                        + " to 256, got 0");
    }

    @Test
    void aBadPeerSettingIsNamed() {
        assertThatThrownBy(() -> parsed("--smoke", "--peer-threads", "1x2,x1"))
                .hasMessage("--peer-threads: expected INTRAxBLAS, two whole numbers such as"
                        + " 1x2, got x1");
        assertThatThrownBy(() -> parsed("--smoke", "--peer-threads", "3x"))
                .hasMessageEndingWith("got 3x");
    }

    @Test
    void smokeAndWorkloadsTogetherAreRefused() {
        assertThatThrownBy(() -> parsed("--workloads", "digits-h64", "--smoke"))
                .hasMessage("--smoke runs its own workload (500 built-in digits); drop"
                        + " --workloads, or drop --smoke to run those");
        assertThat(parsed("--smoke", "--epochs", "3", "--peer", "none")).isNotNull();
    }

    @Test
    void javaOptionsTheJvmRefusesAreRefusedBeforeTheRun() {
        Benchmark b = parsed("--smoke", "--peer", "none", "--java-options", "-Xfoo");

        assertThatThrownBy(b::checkMachine)
                .hasMessageStartingWith("--java-options: the JVM refused '-Xfoo': ")
                .hasMessageContaining("-Xfoo").hasMessageEndingWith("(exit status 1)");
    }

    @Test
    void blankJavaOptionsMeanNone() throws Exception {
        Benchmark b = parsed("--smoke", "--peer", "none", "--java-options", " ");

        assertThat(b.javaOptionList()).isEmpty();
        b.checkMachine();
    }

    @Test
    void aPythonThatCannotRunThePeerIsRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        Path noNumpy = dir.resolve("python-without-numpy");
        Files.writeString(noNumpy, "#!/bin/sh\necho 'Traceback (most recent call last):'\n"
                + "echo \"ModuleNotFoundError: No module named 'numpy'\" >&2\nexit 1\n");
        assertThat(noNumpy.toFile().setExecutable(true)).isTrue();

        assertThatThrownBy(() -> parsed("--smoke", "--python", noNumpy.toString())
                .checkMachine())
                .hasMessage("--python " + noNumpy + " cannot run the PyTorch side:"
                        + " ModuleNotFoundError: No module named 'numpy' (exit status 1); install"
                        + " python3-torch and python3-numpy (docs/benchmark.md), point --python"
                        + " at their interpreter, or pass --peer none");
        Path reference = dir.resolve("python-on-the-reference-blas");
        Files.writeString(reference, "#!/bin/sh\necho 'torch_mlp.py: PyTorch multiplies with the"
                + " reference BLAS (/x/blas/libblas.so.3); install libopenblas0-pthread' >&2\n"
                + "exit 2\n");
        assertThat(reference.toFile().setExecutable(true)).isTrue();
        assertThatThrownBy(() -> parsed("--smoke", "--python", reference.toString())
                .checkMachine())
                .hasMessage("--python " + reference + " cannot run the PyTorch side: PyTorch"
                        + " multiplies with the reference BLAS (/x/blas/libblas.so.3); install"
                        + " libopenblas0-pthread");
        assertThatThrownBy(() -> parsed("--smoke", "--python", "/bin/false").checkMachine())
                .hasMessageStartingWith("--python /bin/false cannot run the PyTorch side: it"
                        + " printed nothing (exit status 1); install");
        assertThatThrownBy(() -> parsed("--smoke", "--python", "/bin/true").checkMachine())
                .hasMessageStartingWith("--python /bin/true cannot run the PyTorch side: it"
                        + " printed nothing (exit status 0)");
    }

    @Test
    void aPythonThatHangsIsStoppedWithItsChildrenAfterTheSideTimeout(@TempDir Path dir)
            throws Exception {
        // A wrapper script whose child hangs: both must be gone afterwards.
        Path hangs = dir.resolve("hanging-python");
        Files.writeString(hangs, "#!/bin/sh\nsleep 987\necho done\n");
        assertThat(hangs.toFile().setExecutable(true)).isTrue();
        long began = System.nanoTime();

        assertThatThrownBy(() -> parsed("--smoke", "--python", hangs.toString(),
                "--side-timeout", "1").checkMachine())
                .hasMessageStartingWith("--python " + hangs + " cannot run the PyTorch side: no"
                        + " answer within 1 s (exit status -1)");

        assertThat((System.nanoTime() - began) / 1e9).as("seconds").isLessThan(30);
        Thread.sleep(200);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .orElse("").contains("sleep 987"))).as("left running").isEmpty();
    }

    @Test
    void theReferenceBlasIsRecognisedInAPeersReport() {
        assertThat(Benchmark.referenceBlas("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0"
                + " /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so")).isTrue();
        assertThat(Benchmark.referenceBlas("/usr/lib/x86_64-linux-gnu/openblas-pthread/"
                + "libblas.so.3 /usr/lib/x86_64-linux-gnu/openblas-pthread/"
                + "libopenblasp-r0.3.21.so")).isFalse();
        assertThat(Benchmark.referenceBlas("")).isFalse();
    }
    @Test
    void aSeedWhoseLastRoundWouldOverflowIsRefused() {
        assertThatThrownBy(() -> parsed("--workloads", "digits-h64", "--peer", "none", "--seed",
                "2147483647", "--repeat", "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--seed: 2147483647 with --repeat 2 gives the last round");
        assertThat(parsed("--workloads", "digits-h64", "--peer", "none", "--seed",
                "2147483646", "--repeat", "2")).isNotNull();
    }

    @Test
    void theAccuracyVerdictComparesTheMeansOverTheSeeds() {
        // Fashion H=1024 batch 64, seeds 1 to 5 (docs/benchmark.md, round 9): seed 1 alone
        // is 1.56 points apart, the means 0.07.
        java.util.List<double[]> runs = java.util.List.of(new double[] {0.8566, 0.8722},
                new double[] {0.8708, 0.8732}, new double[] {0.8723, 0.8657},
                new double[] {0.8702, 0.8659}, new double[] {0.8707, 0.8672});

        assertThat(Benchmark.accuracyLine("fashion-h1024-b64", runs)).isEqualTo(
                "   fashion-h1024-b64: PyTorch 86.81%, Descent 86.88% over 5 seeds; gap +0.07"
                        + " points (|gap| <= 1: met)");
        assertThat(Benchmark.accuracyLine("x", runs.subList(0, 1)))
                .endsWith("over 1 seeds; gap +1.56 points (|gap| <= 1: NOT met)");
    }
}
