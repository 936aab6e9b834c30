package dev.descent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.IdxWriter;
import dev.descent.data.LabeledData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Descent side in a JVM too small for its workload says so in one line with the fix and
 * exits 1; an unexpected error keeps its stack trace.
 */
class DescentSideOutOfMemoryTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeTwentyImages() throws IOException {
        float[] pixels = new float[20 * 784];
        int[] labels = new int[20];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
            pixels[i * 784 + i] = 1;
        }
        LabeledData data = new LabeledData(pixels, 20, 784, labels,
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        IdxWriter.writeLabeled(dir.resolve("images"), dir.resolve("labels"), data);
    }

    /** Exit status and standard error of DescentSide at 784-H-10, batch 10, on 20 images. */
    record Run(int status, String err) {}

    Run run(List<String> javaOptions, String images, int hidden)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                DescentSide.class.getName(), "--train-images", dir.resolve(images).toString(),
                "--train-labels", dir.resolve("labels").toString(), "--test-images",
                dir.resolve("images").toString(), "--test-labels",
                dir.resolve("labels").toString(), "--limit", "20", "--hidden", "" + hidden,
                "--batch", "10", "--epochs", "1", "--threads", "1", "--no-sgemm"));
        Path err = dir.resolve("err");
        int status = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                .redirectError(err.toFile()).start().waitFor();
        return new Run(status, Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void heapTooSmallForTheWeights() throws Exception {
        // 784-8192-10: 26 MB of weights and as much of gradients on the heap, over 32 MiB.
        Run r = run(List.of("-XX:+UseSerialGC", "-Xmx32m", "-XX:MaxDirectMemorySize=256m"),
                "images", 8192);

        assertThat(r.err()).matches("descent: out of memory \\(Java heap space; max heap [0-9]+"
                + " MiB\\) training 784-8192-10 at batch 10 on the first 20 training images;"
                + " raise -Xmx with --java-options, e.g. --java-options '-XX:\\+UseSerialGC"
                + " -Xmx4g -XX:MaxDirectMemorySize=256m'\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void directMemoryTooSmallForTheWeights() throws Exception {
        // 784-4096-10: 13 MB of weights off the heap, over 8 MiB; -Xmx is added where missing.
        Run r = run(List.of("-XX:+UseSerialGC", "-XX:MaxDirectMemorySize=8m"), "images", 4096);

        assertThat(r.err()).matches("descent: out of memory \\(direct buffer memory; max heap"
                + " [0-9]+ MiB\\) training 784-4096-10 at batch 10 on the first 20 training"
                + " images; raise -Xmx with --java-options, e.g. --java-options"
                + " '-XX:\\+UseSerialGC -XX:MaxDirectMemorySize=[0-9]+g -Xmx[0-9]+g'\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void anotherErrorKeepsItsStackTrace() throws Exception {
        Run r = run(List.of("-XX:+UseSerialGC", "-Xmx64m"), "missing", 16);

        assertThat(r.err()).contains("java.nio.file.NoSuchFileException")
                .contains("\tat dev.descent.bench.DescentSide.main(DescentSide.java:");
        assertThat(r.status()).isEqualTo(1);
    }
}
