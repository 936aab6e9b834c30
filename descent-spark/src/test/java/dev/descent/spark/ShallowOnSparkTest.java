package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.cli.Main;
import dev.descent.optim.batch.BlockSums;
import dev.descent.util.Rng;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code patternnet} and {@code fitnet} with {@code --spark local[2]} give the bits of the run
 * without Spark: the same weights (model file), training record (but its clock times) and
 * accuracies, with 1, 2 and 4 partitions. The data have more than four blocks of training rows
 * so that every partition count splits them differently.
 */
class ShallowOnSparkTest {
    private static final int ROWS = 1200;

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
        Rng rng = new Rng(42);
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

    /** y = sin(a) + b^2 / 4 + noise. */
    private static Path regression() throws IOException {
        Path file = dir.resolve("fit.csv");
        if (Files.exists(file)) {
            return file;
        }
        Rng rng = new Rng(43);
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < ROWS; i++) {
            double a = 6 * rng.nextDouble() - 3;
            double b = 4 * rng.nextDouble() - 2;
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f%n", a, b,
                    Math.sin(a) + b * b / 4 + 0.05 * rng.nextGaussian()));
        }
        Files.writeString(file, csv);
        return file;
    }

    /** Runs descent; returns what it printed on stdout (the JSON line). */
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        assertThat(status).as(err.toString()).isZero();
        List<String> list = List.of(args);
        int p = list.indexOf("--partitions");
        if (p >= 0) {
            // The training objective did run on Spark, in as many partitions as asked.
            assertThat(err.toString()).containsPattern("Spark local\\[2\\]: \\d+ training "
                    + "observations in \\d+ blocks of 256, " + list.get(p + 1) + " partitions");
        }
        return out.toString();
    }

    /** The JSON summary without its output folder, the record, and the model file's bytes. */
    private static List<Object> outcome(String command, Path data, String model,
            String... extra) throws IOException {
        Path out = Files.createTempDirectory(dir, command);
        List<String> args = new ArrayList<>(List.of(command, "--data", data.toString(),
                "--out", out.toString(), "--json", "--plots", "none", "--epochs", "25"));
        args.addAll(List.of(extra));
        // The output folder differs per run, and the files are listed as paths in it.
        String json = run(args.toArray(String[]::new)).replace(out.toString(), "OUT");
        // The record's clock times are the only thing that may differ.
        String record = Files.readString(out.resolve("training-record.json"))
                .replaceAll("\"time\":\\[[^]]*\\]", "");
        return List.of(json, record, List.of(Files.readAllBytes(out.resolve(model))));
    }

    private static void assertSameOutcome(List<Object> a, List<Object> b) {
        assertThat(b.get(0)).isEqualTo(a.get(0));
        assertThat(b.get(1)).isEqualTo(a.get(1));
        assertThat((byte[]) ((List<?>) b.get(2)).get(0))
                .isEqualTo((byte[]) ((List<?>) a.get(2)).get(0));
    }

    @Test
    void patternnetOnSparkIsBitIdenticalWithOneTwoAndFourPartitions() throws IOException {
        Path data = classes();
        List<Object> alone = outcome("patternnet", data, "patternnet.descent");
        String json = (String) alone.get(0);
        assertThat(json).contains("\"train_count\":840");
        assertThat(BlockSums.blocks(840)).isEqualTo(4);
        assertThat(json).containsPattern("\"test_accuracy\":[6-9][0-9]\\.");
        for (String partitions : new String[] {"1", "2", "4"}) {
            assertSameOutcome(alone, outcome("patternnet", data, "patternnet.descent",
                    "--spark", "local[2]", "--partitions", partitions));
        }
    }

    @Test
    void fitnetWithTrainrpOnSparkIsBitIdentical() throws IOException {
        Path data = regression();
        List<Object> alone = outcome("fitnet", data, "fitnet.descent", "--train-fcn", "trainrp");
        assertThat((String) alone.get(0)).contains("\"train_fcn\":\"trainrp\"");
        for (String partitions : new String[] {"3", "4"}) {
            assertSameOutcome(alone, outcome("fitnet", data, "fitnet.descent", "--train-fcn",
                    "trainrp", "--spark", "local[2]", "--partitions", partitions));
        }
    }
}
