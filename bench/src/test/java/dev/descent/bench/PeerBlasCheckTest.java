package dev.descent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer script refuses the reference BLAS, with which Debian's PyTorch is about 6 times
 * slower: a comparison with it would flatter Descent. Needs Debian's python3-torch with
 * libopenblas0-pthread and the reference libblas3 beside it; skipped elsewhere (CI).
 */
class PeerBlasCheckTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path REFERENCE = Path.of("/usr/lib/x86_64-linux-gnu/blas");

    @TempDir
    Path dir;

    @BeforeEach
    void needsTorch() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && Files.isDirectory(REFERENCE));
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor() == 0, "python3-torch is not installed");
        for (String name : List.of("train", "test")) {
            images(dir.resolve(name + "-images"), 64);
            labels(dir.resolve(name + "-labels"), 64);
        }
    }

    @Test
    void theReferenceBlasIsRefusedWithExitStatus2() throws Exception {
        Result r = peer(REFERENCE.toString());

        assertThat(r.status).isEqualTo(2);
        assertThat(r.output).contains("PyTorch multiplies with the reference BLAS ("
                + REFERENCE + "/libblas.so.3").contains("install libopenblas0-pthread");
    }

    @Test
    void theReferenceBlasRunsWhenAllowedAndIsReported() throws Exception {
        Result r = peer(REFERENCE.toString(), "--allow-reference-blas");

        assertThat(r.status).isZero();
        assertThat(FlatJson.read(r.lastLine()).get("blas").toString())
                .contains(REFERENCE + "/libblas.so.3");
    }

    @Test
    void openBlasIsReported() throws Exception {
        Result r = peer(null);

        assertThat(r.status).isZero();
        assertThat(FlatJson.read(r.lastLine()).get("blas").toString()).contains("openblas");
    }

    private Result peer(String libraryPath, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(),
                Path.of(System.getProperty("descent.bench.dir", "."), "torch_mlp.py").toString(),
                "--train-images", dir.resolve("train-images").toString(),
                "--train-labels", dir.resolve("train-labels").toString(),
                "--test-images", dir.resolve("test-images").toString(),
                "--test-labels", dir.resolve("test-labels").toString(),
                "--hidden", "8", "--batch", "16", "--epochs", "1"));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (libraryPath != null) {
            pb.environment().put("LD_LIBRARY_PATH", libraryPath);
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }

    private record Result(int status, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    /** An IDX file of n 28 x 28 unsigned-byte images with a ramp of values. */
    private static void images(Path file, int n) throws IOException {
        try (OutputStream o = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(o)) {
            out.writeInt(0x0803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            for (int i = 0; i < n * 784; i++) {
                out.writeByte(i * 7 % 256);
            }
        }
    }

    /** An IDX file of n labels 0..9 in turn. */
    private static void labels(Path file, int n) throws IOException {
        try (OutputStream o = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(o)) {
            out.writeInt(0x0801);
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeByte(i % 10);
            }
        }
    }
}
