package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.optim.batch.BlockSums;
import dev.descent.util.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent train --solver trainscg --spark local[2]} gives the bits of the run without
 * Spark: the same model file, history (but its clock) and accuracy, with 1, 2 and 4
 * partitions. The training rows fill more than four blocks, so that every partition count
 * splits them differently.
 */
class TrainOnSparkTest {
    private static final int ROWS = 1300;

    @TempDir static Path dir;

    @BeforeAll
    static void startSpark() {
        SharedSpark.session();
    }

    /** Three noisy classes of four features; the labels in the last column. */
    private static Path classes() throws IOException {
        Path file = dir.resolve("classes.csv");
        if (Files.exists(file)) {
            return file;
        }
        Rng rng = new Rng(44);
        StringBuilder csv = new StringBuilder("a,b,c,d,kind\n");
        String[] names = {"red", "green", "blue"};
        for (int i = 0; i < ROWS; i++) {
            int k = rng.nextInt(3);
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%s%n",
                    k + rng.nextGaussian(), 2 * k - rng.nextGaussian(), rng.nextGaussian(),
                    k * rng.nextDouble(), names[k]));
        }
        Files.writeString(file, csv);
        return file;
    }

    /** The JSON summary without its clock and folders, the history without its clock, the
     * model file's bytes; and what the run printed on stderr. */
    private static List<Object> outcome(String... extra) throws IOException {
        Path out = Files.createTempDirectory(dir, "train");
        List<String> args = new ArrayList<>(List.of("train", "--data", classes().toString(),
                "--layers", "fc:6,tanh,dropout:0.2,fc:3,softmax", "--solver", "trainscg",
                "--epochs", "8", "--validation-split", "0.15", "--validation-frequency", "4",
                "--json", "--plots", "none", "--out", out.toString()));
        args.addAll(List.of(extra));
        Cli run = Cli.ok(args.toArray(String[]::new));
        String json = run.out().replace(out.toString(), "OUT")
                .replaceAll("\"seconds\":[^,}]*", "");
        List<String> history = Files.readAllLines(out.resolve("history.csv")).stream()
                .map(line -> line.substring(0, line.lastIndexOf(','))).toList();
        byte[] model = Files.readAllBytes(out.resolve("model.descent"));
        return List.of(json, history, List.of(model), run.err());
    }

    @Test
    void trainscgOnSparkIsBitIdenticalWithOneTwoAndFourPartitions() throws IOException {
        List<Object> alone = outcome();
        String json = (String) alone.get(0);
        // 1300 rows less 15% of each label held out: more than four blocks of 256.
        int trainCount = Integer.parseInt(json.replaceAll(".*\"train_count\":(\\d+).*", "$1")
                .strip());
        assertThat(BlockSums.blocks(trainCount)).isEqualTo(5);
        assertThat(json).containsPattern("\"test_accuracy\":[7-9]\\d\\.");
        @SuppressWarnings("unchecked")
        List<String> history = (List<String>) alone.get(1);
        assertThat(history).hasSize(9);
        for (String partitions : new String[] {"1", "2", "4"}) {
            List<Object> spark = outcome("--spark", "local[2]", "--partitions", partitions);
            assertThat((String) spark.get(3)).contains("Spark local[2]: " + trainCount
                    + " training observations in 5 blocks of 256, " + partitions
                    + " partitions");
            assertThat(spark.get(0)).as("JSON, %s partitions", partitions)
                    .isEqualTo(alone.get(0));
            assertThat(spark.get(1)).as("history").isEqualTo(alone.get(1));
            assertThat(Arrays.equals((byte[]) ((List<?>) spark.get(2)).get(0),
                    (byte[]) ((List<?>) alone.get(2)).get(0))).as("model file bytes").isTrue();
        }
    }

    @Test
    void aMiniBatchSolverRefusesSpark() throws IOException {
        Cli refused = Cli.run("train", "--data", classes().toString(), "--solver", "adam",
                "--spark", "local[2]", "--out", dir.resolve("refused").toString());
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).startsWith("descent: --spark applies to the full-batch "
                + "training functions").contains("not adam").doesNotContain("\tat ");
    }
}
