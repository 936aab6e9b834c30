package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent sweep --spark local[2]} writes the table of the sweep without Spark: a 2 x 2 x
 * 2 grid of tiny digits runs (the built-in digits, which the executors find in descent-core's
 * jar), every column of sweep.csv and sweep.md equal but the seconds.
 */
class SweepOnSparkTest {
    private static final String[] GRID = {"sweep", "--per-class", "10,15", "--hidden", "4,8",
        "--learn-rate", "0.005,0.05", "--epochs", "3", "--batch", "16", "--seed", "11"};

    @TempDir static Path dir;

    @BeforeAll
    static void startSpark() {
        SharedSpark.session();
    }

    private static String[] with(String... extra) {
        String[] all = new String[GRID.length + extra.length];
        System.arraycopy(GRID, 0, all, 0, GRID.length);
        System.arraycopy(extra, 0, all, GRID.length, extra.length);
        return all;
    }

    /** The lines of a CSV file without their last cell (the seconds). */
    private static List<String> csvWithoutSeconds(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(line -> line.substring(0, line.lastIndexOf(','))).toList();
    }

    /** The rows of a Markdown table without their last cell (the seconds). */
    private static List<String> markdownWithoutSeconds(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(line -> line.replaceFirst("\\|[^|]*\\|$", "|")).toList();
    }

    @Test
    void aTwoByTwoByTwoSweepOnSparkGivesTheTableOfTheSweepWithout() throws IOException {
        Path alone = dir.resolve("alone");
        Cli.ok(with("--parallel", "2", "--plots", "none", "--out", alone.toString()));
        Path onSpark = dir.resolve("spark");
        Cli spark = Cli.ok(with("--spark", "local[2]", "--json", "--out", onSpark.toString()));
        assertThat(spark.err()).contains("] 8/8 runs");
        assertThat(spark.out()).contains("\"spark\":\"local[2]\"");

        List<String> csv = csvWithoutSeconds(alone.resolve("sweep.csv"));
        assertThat(csv).hasSize(9);
        assertThat(csv.get(0)).isEqualTo("per_class,hidden,learn_rate,test_accuracy,"
                + "best_iteration,epochs,iterations,stop_reason,diagnosis");
        assertThat(csv.get(1)).startsWith("10,4,0.005,");
        assertThat(csv.get(8)).startsWith("15,8,0.05,");
        // The runs differ from one another, so a mix-up of rows would show.
        assertThat(csv.subList(1, 9).stream().map(l -> l.split(",")[3]).distinct().count())
                .isGreaterThan(1);
        assertThat(csvWithoutSeconds(onSpark.resolve("sweep.csv"))).isEqualTo(csv);
        List<String> markdown = markdownWithoutSeconds(alone.resolve("sweep.md"));
        assertThat(markdown).hasSize(10);
        assertThat(markdown.get(2)).startsWith("| 10 | 4 | 0.005 | ")
                .matches("(\\| [^|]+ ){7}\\|");
        assertThat(markdownWithoutSeconds(onSpark.resolve("sweep.md"))).isEqualTo(markdown);
        assertThat(onSpark.resolve("sweep.png")).isNotEmptyFile();
    }

    @Test
    void parallelDoesNotApplyWithSpark() {
        Cli refused = Cli.run(with("--spark", "local[2]", "--parallel", "2", "--plots", "none",
                "--out", dir.resolve("refused").toString()));
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).startsWith("descent: --parallel does not apply with --spark");
    }
}
