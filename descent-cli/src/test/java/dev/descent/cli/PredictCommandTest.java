package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.io.ModelFile;
import dev.descent.shallow.ShallowExport;
import dev.descent.shallow.ShallowNetwork;
import dev.descent.util.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict on a fitnet model trained here and on a classification model trained by train. */
class PredictCommandTest {
    private static final int ROWS = 40;

    @TempDir static Path temp;
    static Path fitnetModel;
    static Path regressionCsv;
    static Path featuresCsv;
    static double[] expected;
    static double expectedRmse;
    static Path classModel;
    static Path patternnetModel;
    static Path labelledCsv;

    /**
     * A fitnet of 3 hidden units on y = sin(a) + b / 2, and its outputs from the library
     * ({@code ShallowNetwork.predict}, MATLAB's {@code net(x)}) for the rows as read (float).
     */
    @BeforeAll
    static void trainModels() throws IOException {
        Rng rng = new Rng(5);
        StringBuilder withTarget = new StringBuilder("a,b,y\n");
        StringBuilder features = new StringBuilder("a,b\n");
        double[] x = new double[ROWS * 2];
        double[] t = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            String a = String.format(Locale.ROOT, "%.4f", 4 * rng.nextDouble() - 2);
            String b = String.format(Locale.ROOT, "%.4f", 2 * rng.nextDouble());
            String y = String.format(Locale.ROOT, "%.5f",
                    Math.sin(Double.parseDouble(a)) + Double.parseDouble(b) / 2);
            withTarget.append(a).append(',').append(b).append(',').append(y).append('\n');
            features.append(a).append(',').append(b).append('\n');
            x[2 * i] = Float.parseFloat(a);
            x[2 * i + 1] = Float.parseFloat(b);
            t[i] = Double.parseDouble(y);
        }
        regressionCsv = Files.writeString(temp.resolve("surface.csv"), withTarget);
        featuresCsv = Files.writeString(temp.resolve("surface-x.csv"), features);
        ShallowNetwork spec = ShallowNetwork.fitnet(3);
        spec.trainParam().epochs(15);
        ShallowNetwork net = spec.train(x, ROWS, t, 1, new Rng(7), null).network();
        fitnetModel = temp.resolve("fitnet.descent");
        ModelFile.write(fitnetModel, ShallowExport.savedModel(net, List.of()));
        expected = net.predict(x, ROWS);
        double sum = 0;
        for (int i = 0; i < ROWS; i++) {
            sum += (expected[i] - t[i]) * (expected[i] - t[i]);
        }
        expectedRmse = Math.sqrt(sum / ROWS);

        StringBuilder labelled = new StringBuilder("l1,l2,l3,l4,species\n");
        for (int i = 0; i < 30; i++) {
            int k = i % 3;
            labelled.append((4.5 + k + 0.07 * i) + "," + (3.0 + 0.01 * i) + ","
                    + (1.4 + 2 * k + 0.03 * i) + "," + (0.2 + k + 0.005 * i) + ","
                    + (char) ('a' + k) + "\n");
        }
        labelledCsv = Files.writeString(temp.resolve("labelled.csv"), labelled);
        CommandRunner train = CommandRunner.run("train", "--data", labelledCsv.toString(),
                "--layers", "fc:3,softmax", "--epochs", "20", "--threads", "1", "--plots",
                "none", "--out", temp.resolve("run").toString());
        assertThat(train.status()).as(train.err()).isZero();
        classModel = temp.resolve("run/model.descent");
        CommandRunner patternnet = CommandRunner.run("patternnet", "--data",
                labelledCsv.toString(), "--hidden", "3", "--epochs", "30", "--threads", "1",
                "--plots", "none", "--out", temp.resolve("pattern").toString());
        assertThat(patternnet.status()).as(patternnet.err()).isZero();
        patternnetModel = temp.resolve("pattern/patternnet.descent");
    }

    /** Fields 2.. of every data line: numbers in Json.number's form, as history.csv has them. */
    private static void assertJsonNumbers(List<String> lines) {
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            for (int j = 1; j < fields.length; j++) {
                if (!fields[j].matches("[a-z]+")) {
                    assertThat(fields[j]).as(line)
                            .isEqualTo(Json.number(Double.parseDouble(fields[j])));
                }
            }
        }
    }

    /** The keys of a flat JSON object, in order. */
    private static List<String> keys(String json) {
        return java.util.regex.Pattern.compile("[{,]\"([a-z_]+)\":").matcher(json).results()
                .map(match -> match.group(1)).toList();
    }

    private static List<String> predictions(Path out) throws IOException {
        return Files.readAllLines(out.resolve(PredictCommand.FILE));
    }

    @Test
    void fitnetPredictionsAreTheLibrarysOutputsWithTheRmseOfTheTargetColumn() throws Exception {
        Path out = temp.resolve("fit");

        CommandRunner run = CommandRunner.run("predict", "--model", fitnetModel.toString(),
                "--data", regressionCsv.toString(), "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = predictions(out);
        assertThat(lines).hasSize(ROWS + 1);
        assertThat(lines.get(0)).isEqualTo("observation,y1");
        assertThat(lines.stream().skip(1).map(line -> line.split(",")[0]))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, ROWS)
                        .mapToObj(Integer::toString).toList());
        double[] written = lines.stream().skip(1)
                .mapToDouble(line -> Double.parseDouble(line.split(",")[1])).toArray();
        assertThat(written).containsExactly(expected, within(1e-12));
        assertJsonNumbers(lines);
        assertThat(run.out()).contains("Predicted 40 observations")
                .contains(String.format(Locale.ROOT, "RMSE %.6g", expectedRmse))
                .contains("column 3 'y'").contains("Wrote predictions.csv to " + out);
        assertThat(Files.list(out).map(p -> p.getFileName().toString()))
                .containsExactly(PredictCommand.FILE);
    }

    @Test
    void featuresOnlyGiveTheSameFileAndNoRmse() throws Exception {
        Path out = temp.resolve("fit-x");

        CommandRunner run = CommandRunner.run("predict", "--model", fitnetModel.toString(),
                "--data", featuresCsv.toString(), "--out", out.toString(), "--json");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(predictions(out)).isEqualTo(Files.readAllLines(
                predictIntoFolder(fitnetModel, regressionCsv, "fit-again")));
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.out()).startsWith("{\"command\":\"predict\"")
                .contains("\"kind\":\"regression\"").contains("\"count\":40")
                .contains("\"columns\":[\"observation\",\"y1\"]")
                .contains("\"rmse\":null");
        assertThat(keys(run.out())).containsExactly("command", "model", "kind", "count",
                "outputs", "columns", "target", "mse", "rmse", "out", "files");
    }

    private static Path predictIntoFolder(Path model, Path data, String folder) {
        Path out = temp.resolve(folder);
        CommandRunner run = CommandRunner.run("predict", "--model", model.toString(), "--data",
                data.toString(), "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        return out.resolve(PredictCommand.FILE);
    }

    @Test
    void classificationScoresSumToOneAndTheLabelsAreClassifys() throws Exception {
        Path out = temp.resolve("class");

        CommandRunner run = CommandRunner.run("predict", "--model", classModel.toString(),
                "--data", labelledCsv.toString(), "--out", out.toString(), "--json");
        CommandRunner classify = CommandRunner.run("classify", "--model",
                classModel.toString(), "--data", labelledCsv.toString());

        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = predictions(out);
        assertThat(lines).hasSize(31);
        assertThat(lines.get(0)).isEqualTo("observation,label,a,b,c");
        List<String> classified = classify.out().lines()
                .filter(line -> !line.startsWith("Accuracy")).map(line -> line.split("\t")[1])
                .toList();
        List<String> predicted = lines.stream().skip(1).map(line -> line.split(",")[1])
                .toList();
        assertThat(predicted).isEqualTo(classified);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            double sum = Arrays.stream(fields, 2, 5).mapToDouble(Double::parseDouble).sum();
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
        assertJsonNumbers(lines);
        String accuracy = classify.out().lines().filter(line -> line.startsWith("Accuracy"))
                .findFirst().orElseThrow();
        String json = run.out().replaceAll(".*\"accuracy\":([0-9.]+).*\\s*", "$1");
        assertThat(accuracy).startsWith(String.format(Locale.ROOT, "Accuracy: %.2f%% of 30 ",
                Double.parseDouble(json)));
        assertThat(keys(run.out())).containsExactly("command", "model", "kind", "count",
                "outputs", "columns", "accuracy", "out", "files");
    }

    @Test
    void aFloat64ModelsScoresAreWrittenInFloat64() throws Exception {
        Path out = temp.resolve("pattern-out");

        CommandRunner run = CommandRunner.run("predict", "--model", patternnetModel.toString(),
                "--data", labelledCsv.toString(), "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = predictions(out);
        assertThat(lines.get(0)).isEqualTo("observation,label,a,b,c");
        for (String line : lines.subList(1, lines.size())) {
            double sum = Arrays.stream(line.split(","), 2, 5)
                    .mapToDouble(Double::parseDouble).sum();
            assertThat(sum).as(line).isCloseTo(1.0, within(1e-14));
        }
        assertJsonNumbers(lines);
    }

    @Test
    void aFileOfTheWrongWidthIsRefusedNamingData() throws IOException {
        Path wide = Files.writeString(temp.resolve("wide.csv"), "1,2,3,4,5\n6,7,8,9,10\n");

        CommandRunner run = CommandRunner.run("predict", "--model", fitnetModel.toString(),
                "--data", wide.toString(), "--out", temp.resolve("wide").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("--data " + wide + ": 5 columns, but the model "
                + fitnetModel + " takes 2 features (2 columns without a target, 3 with one)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFileThatIsNotAModelIsRefusedNamingModel() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.descent"), "not a model\n");

        CommandRunner run = CommandRunner.run("predict", "--model", text.toString(),
                "--data", featuresCsv.toString(), "--out", temp.resolve("no").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("descent: --model " + text);
        assertThat(temp.resolve("no")).doesNotExist();
    }

    @Test
    void missingDataIsAUsageError() {
        CommandRunner run = CommandRunner.run("predict", "--model", fitnetModel.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("--data");
    }

    @Test
    void aTargetForAClassificationModelIsRefused() {
        CommandRunner run = CommandRunner.run("predict", "--model", classModel.toString(),
                "--data", labelledCsv.toString(), "--target", "5", "--out",
                temp.resolve("t").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("--target applies to regression models only");
    }
}
