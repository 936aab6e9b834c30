package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ShallowCommandsTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** The iris fixture of descent-core's tests, copied out of its test jar. */
    private Path iris() throws IOException {
        Path file = dir.resolve("iris.csv");
        if (!Files.exists(file)) {
            try (var in = ShallowCommandsTest.class.getResourceAsStream(
                    "/dev/descent/shallow/iris.csv")) {
                Files.copy(in, file);
            }
        }
        return file;
    }

    private String value(String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(\"[^\"]*\"|[^,}]+)").matcher(out.toString());
        assertThat(m.find()).as("key %s in %s", key, out).isTrue();
        return m.group(1);
    }

    /** Number of pixels of exactly this colour. */
    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    private static int nonWhite(BufferedImage image) {
        return image.getWidth() * image.getHeight() - count(image, 0xffffff);
    }

    @Test
    void patternnetOnIrisWritesJsonAndThreePictures() throws Exception {
        Path target = dir.resolve("run");
        int status = run("patternnet", "--data", iris().toString(), "--out", target.toString(),
                "--json", "--seed", "3");
        assertThat(status).as(err.toString()).isEqualTo(0);
        assertThat(value("train_count")).isEqualTo("104");
        assertThat(value("val_count")).isEqualTo("23");
        assertThat(value("test_count")).isEqualTo("23");
        assertThat(Double.parseDouble(value("test_accuracy"))).isGreaterThanOrEqualTo(0.9);
        assertThat(Double.parseDouble(value("train_accuracy"))).isGreaterThanOrEqualTo(0.9);
        assertThat(value("stop_reason")).startsWith("\"");
        for (String key : new String[] {"best_epoch", "perf", "vperf", "tperf", "val_accuracy"}) {
            assertThat(value(key)).isNotEqualTo("null");
        }
        assertThat(err.toString()).contains(
                "Training Pattern Recognition Neural Network with TRAINSCG.",
                "Training with TRAINSCG completed: ");

        BufferedImage performance = ImageIO.read(target.resolve("performance.png").toFile());
        assertThat(performance.getWidth()).isEqualTo(800);
        assertThat(performance.getHeight()).isEqualTo(600);
        // The three curves in MATLAB's pure blue, green (0, 204, 0) and red.
        assertThat(count(performance, 0x0000ff)).isGreaterThan(100);
        assertThat(count(performance, 0x00cc00)).isGreaterThan(100);
        assertThat(count(performance, 0xff0000)).isGreaterThan(100);

        BufferedImage state = ImageIO.read(target.resolve("trainstate.png").toFile());
        assertThat(state.getWidth()).isEqualTo(800);
        assertThat(count(state, 0x0000ff)).isGreaterThan(100);

        BufferedImage confusion = ImageIO.read(target.resolve("confusion.png").toFile());
        assertThat(confusion.getWidth()).isEqualTo(1120);
        assertThat(confusion.getHeight()).isEqualTo(1120);
        // Four panels, each with a blue accuracy corner cell.
        assertThat(count(confusion, 0xbed7f0)).isGreaterThan(4 * 5000);
        assertThat(nonWhite(confusion)).isGreaterThan(confusion.getWidth() * 200);
        assertThat(Files.readString(target.resolve("training-record.json")))
                .contains("\"trainFcn\":\"trainscg\"", "\"best_vperf\":", "\"lambda\":[");
        assertThat(target.resolve("patternnet.descent")).exists();
    }

    @Test
    void sameSeedGivesTheSameRun() throws Exception {
        run("patternnet", "--data", iris().toString(), "--out", dir.toString(), "--json",
                "--plots", "none", "--hidden", "4,3");
        String first = out.toString().replaceAll("\"out\":\"[^\"]*\"", "");
        out.getBuffer().setLength(0);
        run("patternnet", "--data", iris().toString(), "--out", dir.toString(), "--json",
                "--plots", "none", "--hidden", "4,3");
        assertThat(out.toString().replaceAll("\"out\":\"[^\"]*\"", "")).isEqualTo(first);
    }

    @Test
    void badHiddenSizesAreAUsageError() throws Exception {
        int status = run("patternnet", "--data", iris().toString(), "--hidden", "10,0");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("descent: --hidden must be positive integers");
    }

    @Test
    void patternnetOnASingleClassIsRefusedAsTrainIsCaseB30d() throws Exception {
        Path sevens = Files.writeString(dir.resolve("sevens.csv"),
                "a,b,digit\n0.1,0.2,7\n0.3,0.1,7\n0.5,0.9,7\n");

        int status = run("patternnet", "--data", sevens.toString(), "--label-column", "digit",
                "--out", dir.resolve("never").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly("descent: classification"
                + " needs at least 2 classes in the training data, found 1 (\"7\")");
    }

    @Test
    void unknownTrainingFunctionIsNamed() throws Exception {
        int status = run("patternnet", "--data", iris().toString(), "--train-fcn", "trainlm",
                "--out", dir.toString());
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("unknown training function 'trainlm'");
    }

    @Test
    void fitnetFitsASmoothSurface() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        dev.descent.util.Rng rng = new dev.descent.util.Rng(11);
        for (int i = 0; i < 300; i++) {
            double a = 4 * rng.nextDouble() - 2;
            double b = 4 * rng.nextDouble() - 2;
            csv.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f%n", a, b,
                    10 * Math.sin(a) + b * b));
        }
        Path file = dir.resolve("surface.csv");
        Files.writeString(file, csv);
        int status = run("fitnet", "--data", file.toString(), "--out",
                dir.resolve("fit").toString(), "--json");
        assertThat(status).as(err.toString()).isEqualTo(0);
        assertThat(Double.parseDouble(value("test_r2"))).isGreaterThan(0.98);
        assertThat(Double.parseDouble(value("test_rmse"))).isLessThan(1.0);
        assertThat(value("test_count")).isEqualTo("45");
        assertThat(Files.exists(dir.resolve("fit").resolve("performance.png"))).isTrue();
    }

    @Test
    void percentagesAreWrittenAsMatlabDoes() {
        assertThat(ShallowPlots.percent(1.0)).isEqualTo("100%");
        assertThat(ShallowPlots.percent(14.0 / 15)).isEqualTo("93.3%");
        assertThat(ShallowPlots.percent(0)).isEqualTo("0.0%");
    }
}
