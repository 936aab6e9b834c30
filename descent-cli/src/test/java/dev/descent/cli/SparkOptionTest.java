package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --spark} without descent-spark on the class path: exit 2 and what to add. */
class SparkOptionTest {
    @TempDir Path dir;

    private Path iris() throws IOException {
        Path file = dir.resolve("iris.csv");
        try (InputStream in = getClass().getResourceAsStream("/dev/descent/shallow/iris.csv")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void patternnetWithSparkButNoSparkModuleSaysWhatToAdd() throws IOException {
        CommandRunner run = CommandRunner.run("patternnet", "--data", iris().toString(),
                "--out", dir.toString(), "--plots", "none", "--spark", "local[2]");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("descent: --spark local[2]: descent-spark is not on "
                + "the class path").contains("spark-core_2.13", "docs/spark.md")
                .doesNotContain("Exception", "\tat ");
        assertThat(Files.exists(dir.resolve("patternnet.descent"))).isFalse();
    }

    @Test
    void partitionsWithoutSparkIsAUsageError() throws IOException {
        CommandRunner run = CommandRunner.run("fitnet", "--data", iris().toString(),
                "--target", "1", "--out", dir.toString(), "--plots", "none",
                "--partitions", "2");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--partitions needs --spark MASTER");
    }
}
