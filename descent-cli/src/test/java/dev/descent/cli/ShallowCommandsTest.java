package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.BuiltinDigits;
import dev.descent.data.GreyImages;
import dev.descent.data.IdxWriter;
import dev.descent.data.ImageDatastore;
import dev.descent.data.LabeledData;
import dev.descent.util.Rng;
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

    /** Number of pixels that are clearly green (antialiased marker edges included). */
    private static int greenish(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                n += g > r + 60 && g > b + 60 ? 1 : 0;
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
        // Accuracies in percent, as everywhere in Descent.
        assertThat(Double.parseDouble(value("test_accuracy"))).isBetween(90.0, 100.0);
        assertThat(Double.parseDouble(value("train_accuracy"))).isBetween(90.0, 100.0);
        assertThat(value("stop_reason")).startsWith("\"");
        // Paths under --out, as digits and train list them.
        assertThat(out.toString()).contains("\"files\":["
                + Json.toString(target.resolve("training-record.json").toString()));
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

        assertThat(state.getHeight()).isEqualTo(600);
        // Validation checks as green diamonds in the lower panel only.
        assertThat(greenish(state.getSubimage(0, 300, 800, 300))).isGreaterThan(100);
        assertThat(greenish(state.getSubimage(0, 0, 800, 300))).isZero();

        BufferedImage confusion = ImageIO.read(target.resolve("confusion.png").toFile());
        assertThat(confusion.getWidth()).isEqualTo(1120);
        assertThat(confusion.getHeight()).isEqualTo(1120);
        // Four panels (Training, Validation, Test, All), each with a blue accuracy corner cell,
        // grey precision and recall cells, green diagonal and red off-diagonal cells.
        for (int panel = 0; panel < 4; panel++) {
            BufferedImage quarter = confusion.getSubimage(560 * (panel % 2), 560 * (panel / 2),
                    560, 560);
            assertThat(count(quarter, 0xbed7f0)).as("panel %d corner", panel)
                    .isGreaterThan(5000);
            assertThat(count(quarter, 0xebebeb)).as("panel %d summary cells", panel)
                    .isGreaterThan(6 * 5000);
            assertThat(count(quarter, 0xbce6c4)).as("panel %d diagonal", panel)
                    .isGreaterThan(3 * 5000);
            assertThat(count(quarter, 0xf8cbcb)).as("panel %d off-diagonal", panel)
                    .isGreaterThan(6 * 5000);
        }
        assertThat(nonWhite(confusion)).isGreaterThan(confusion.getWidth() * 200);
        assertThat(Files.readString(target.resolve("training-record.json")))
                .contains("\"trainFcn\":\"trainscg\"", "\"best_vperf\":", "\"lambda\":[");
        assertThat(target.resolve("patternnet.descent")).exists();
    }

    /** The JSON of the last run without its output folder and file list. */
    private String resultsOnly() {
        return out.toString().replaceAll("\"out\":\"[^\"]*\",", "")
                .replaceAll("\"files\":\\[[^]]*]", "");
    }

    @Test
    void anIdxPairAnImageFolderAndACsvOfTheSameImagesTrainAlike() throws Exception {
        ImageDatastore chosen = BuiltinDigits.load().splitEachLabel(new Rng(1), 20).part(1);
        LabeledData images = chosen.readAll();
        Path idx = dir.resolve("idx");
        Files.createDirectories(idx);
        IdxWriter.writeLabeled(idx.resolve("images.idx"), idx.resolve("labels.idx"), images);
        Path folder = dir.resolve("folder");
        StringBuilder csv = new StringBuilder("label");
        for (int j = 0; j < 784; j++) {
            csv.append(",p").append(j);
        }
        csv.append('\n');
        for (int i = 0; i < chosen.size(); i++) {
            Path file = folder.resolve(chosen.files().get(i));
            Files.createDirectories(file.getParent());
            GreyImages.writePng(file, chosen.readImage(i));
            csv.append(images.labelName(i));
            for (int j = 0; j < 784; j++) {
                csv.append(',').append(images.features()[i * 784 + j]);
            }
            csv.append('\n');
        }
        Files.writeString(dir.resolve("digits.csv"), csv);
        String[] common = {"patternnet", "--hidden", "6", "--epochs", "12", "--plots", "none",
            "--json", "--seed", "5", "--out", dir.resolve("o").toString(), "--data"};

        assertThat(run(concat(common, idx.resolve("images.idx").toString(), "--labels",
                idx.resolve("labels.idx").toString()))).as(err.toString()).isZero();
        String fromIdx = resultsOnly();
        out.getBuffer().setLength(0);
        assertThat(run(concat(common, folder.toString()))).as(err.toString()).isZero();
        String fromFolder = resultsOnly();
        out.getBuffer().setLength(0);
        assertThat(run(concat(common, dir.resolve("digits.csv").toString())))
                .as(err.toString()).isZero();
        String fromCsv = resultsOnly();

        assertThat(fromIdx).contains("\"train_count\":140", "\"val_count\":30",
                "\"test_count\":30", "\"epochs\":12");
        assertThat(fromFolder).isEqualTo(fromIdx);
        assertThat(fromCsv).isEqualTo(fromIdx);
    }

    @Test
    void builtInDigitsPerClassAndTheTrainingOptionsReachTheRecord() throws Exception {
        Path target = dir.resolve("gdx");
        int status = run("patternnet", "--digits", "20", "--hidden", "8,5", "--train-fcn",
                "traingdx", "--epochs", "7", "--max-fail", "0", "--divide", "0.8,0.1,0.1",
                "--plots", "none", "--json", "--out", target.toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"hidden\":[8,5]");
        assertThat(value("train_fcn")).isEqualTo("\"traingdx\"");
        assertThat(value("epochs")).isEqualTo("7");
        assertThat(value("stop_reason")).isEqualTo("\"Maximum epoch reached.\"");
        // 200 images; validation (20) merged into training because max_fail is 0.
        assertThat(value("train_count")).isEqualTo("180");
        assertThat(value("val_count")).isEqualTo("0");
        assertThat(value("test_count")).isEqualTo("20");
        assertThat(value("val_accuracy")).isEqualTo("null");
        assertThat(err.toString()).contains("Training Pattern Recognition Neural Network with "
                + "TRAINGDX.", "Epoch 7/7, ");
        String record = Files.readString(target.resolve("training-record.json"));
        assertThat(record).contains("\"trainFcn\":\"traingdx\"", "\"max_fail\":0",
                "\"epochs\":7", "\"valRatio\":0.1", "\"lr\":[");

        out.getBuffer().setLength(0);
        assertThat(run("patternnet", "--digits", "20", "--epochs", "3", "--divide-fcn",
                "divideblock", "--plots", "none", "--json", "--out", target.toString()))
                .as(err.toString()).isZero();
        // divideblock: the first 140 observations train, the next 30 validate, the last 30 test.
        String divided = Files.readString(target.resolve("training-record.json"));
        assertThat(divided).contains("\"divideFcn\":\"divideblock\"",
                "\"testInd\":[170,171,");
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
        assertThat(err.toString()).startsWith("descent: --hidden must be whole numbers of at"
                + " least 1 separated by commas, e.g. 10 or 20,10, got '10,0'");
    }

    /** Case B30 (d) on the command line: one label is refused with exit 2, nothing written. */
    @Test
    void dataOfASingleClassIsRefused() throws Exception {
        Path file = dir.resolve("one.csv");
        Files.writeString(file, "a,b,label\n1,2,x\n3,4,x\n5,6,x\n");
        Path target = dir.resolve("never");

        int status = run("patternnet", "--data", file.toString(), "--out", target.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "descent: patternnet needs at least 2 classes, the data has 1 (x)");
        assertThat(target).doesNotExist();
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
        assertThat(out.toString())
                .contains(Json.toString(dir.resolve("fit").resolve("fitnet.descent").toString()));
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void percentagesAreWrittenAsMatlabDoes() {
        assertThat(ShallowPlots.percent(1.0)).isEqualTo("100%");
        assertThat(ShallowPlots.percent(14.0 / 15)).isEqualTo("93.3%");
        assertThat(ShallowPlots.percent(0)).isEqualTo("0.0%");
    }
}
