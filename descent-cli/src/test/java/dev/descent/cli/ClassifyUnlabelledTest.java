package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Blas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** classify on CSV files without a label column, and its --threads default. */
class ClassifyUnlabelledTest {
    @TempDir static Path temp;
    static Path model;
    static Path labelled;
    static Path features;

    /** Iris-like rows: four measurements, then the species a, b or c. */
    @BeforeAll
    static void trainOnFourFeatures() throws IOException {
        StringBuilder withLabels = new StringBuilder("l1,l2,l3,l4,species\n");
        StringBuilder without = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            int k = i % 3;
            String row = (4.5 + k + 0.07 * i) + "," + (3.0 + 0.01 * i) + ","
                    + (1.4 + 2 * k + 0.03 * i) + "," + (0.2 + k + 0.005 * i);
            withLabels.append(row).append(',').append((char) ('a' + k)).append('\n');
            without.append(row).append('\n');
        }
        labelled = Files.writeString(temp.resolve("labelled.csv"), withLabels);
        features = Files.writeString(temp.resolve("features.csv"), without);
        CommandRunner train = CommandRunner.run("train", "--data", labelled.toString(),
                "--layers", "fc:3,softmax", "--epochs", "20", "--threads", "1", "--plots",
                "none", "--out", temp.resolve("run").toString());
        assertThat(train.status()).as(train.err()).isZero();
        model = temp.resolve("run/model.descent");
    }

    private static List<String> labelsOf(String out) {
        return out.lines().filter(line -> !line.startsWith("Accuracy"))
                .map(line -> line.split("\t")[1]).toList();
    }

    @Test
    void aFileWithAsManyColumnsAsInputsIsReadAsFeaturesOnly() {
        CommandRunner known = CommandRunner.run("classify", "--model", model.toString(),
                "--data", labelled.toString());
        CommandRunner unknown = CommandRunner.run("classify", "--model", model.toString(),
                "--data", features.toString());

        assertThat(known.status()).as(known.err()).isZero();
        assertThat(known.out()).contains("Accuracy: ");
        assertThat(unknown.status()).as(unknown.err()).isZero();
        assertThat(unknown.err()).isEmpty();
        List<String> lines = unknown.out().lines().toList();
        assertThat(lines).hasSize(30).noneMatch(line -> line.contains("Accuracy"));
        assertThat(lines.get(0)).matches("1\t[abc]");
        assertThat(lines.get(29)).matches("30\t[abc]");
        assertThat(labelsOf(unknown.out())).isEqualTo(labelsOf(known.out()));
    }

    @Test
    void labelColumnNoneReadsAHeaderedFileWithScoresAndNoAccuracy() throws IOException {
        Path headed = Files.writeString(temp.resolve("headed.csv"),
                "l1,l2,l3,l4\n" + Files.readString(features));

        CommandRunner plain = CommandRunner.run("classify", "--model", model.toString(),
                "--data", features.toString(), "--scores");
        CommandRunner none = CommandRunner.run("classify", "--model", model.toString(),
                "--data", headed.toString(), "--label-column", "none", "--scores");
        CommandRunner json = CommandRunner.run("classify", "--model", model.toString(),
                "--data", headed.toString(), "--label-column", "NONE", "--json");

        assertThat(none.status()).as(none.err()).isZero();
        assertThat(none.out()).isEqualTo(plain.out());
        assertThat(none.out().lines().findFirst()).hasValue("observation\tlabel\ta\tb\tc");
        assertThat(none.out().lines()).hasSize(31);
        assertThat(json.status()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"count\":30", "\"accuracy\":null");
    }

    @Test
    void anUnlabelledFileOfTheWrongWidthIsRefusedNamingBoth() throws IOException {
        Path wide = Files.writeString(temp.resolve("wide.csv"), "1,2,3,4,5\n6,7,8,9,10\n");

        CommandRunner run = CommandRunner.run("classify", "--model", model.toString(),
                "--data", wide.toString(), "--label-column", "none");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("descent: --data " + wide
                + ": 5 features per observation, but the model " + model + " takes 4");
        Path narrow = Files.writeString(temp.resolve("narrow.csv"), "1\n6\n");
        CommandRunner one = CommandRunner.run("classify", "--model", model.toString(),
                "--data", narrow.toString(), "--label-column", "none");
        assertThat(one.err().lines()).containsExactly("descent: --data " + narrow
                + ": 1 feature per observation, but the model " + model + " takes 4");
    }

    @Test
    void aNumericFileThatFitsNeitherWayIsRefusedByItsWidth() throws IOException {
        // Three numbers a row: not the model's 4 inputs, nor 4 and a label. Without this check
        // the label column was guessed (column 1) and refused as continuous.
        Path narrow = Files.writeString(temp.resolve("narrow.csv"),
                "0.1,0.2,0.3\n0.4,0.5,0.6\n0.7,0.8,0.9\n");

        CommandRunner run = CommandRunner.run("classify", "--model", model.toString(),
                "--data", narrow.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("descent: --data " + narrow + ": 3"
                + " columns, but the model " + model + " takes 4 features (4 columns without"
                + " labels, 5 with a label column)");
    }

    @Test
    void aTextValueInAnUnlabelledFileNamesFileLineAndColumn() throws IOException {
        Path bad = Files.writeString(temp.resolve("bad.csv"), "1,2,3,4\n5,6,cat,8\n");

        CommandRunner run = CommandRunner.run("classify", "--model", model.toString(),
                "--data", bad.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("descent: bad.csv line 2, column 3:"
                + " 'cat' is not a number (observation 2, feature 3)");
    }

    @Test
    void noneIsRefusedWhereLabelsAreNeededOrNotInAColumn() {
        CommandRunner folder = CommandRunner.run("classify", "--model", model.toString(),
                "--data", temp.toString(), "--label-column", "none");
        CommandRunner train = CommandRunner.run("train", "--data", features.toString(),
                "--label-column", "none", "--layers", "fc:3,softmax", "--plots", "none",
                "--out", temp.resolve("none").toString());

        assertThat(folder.status()).isEqualTo(2);
        assertThat(folder.err().lines()).containsExactly("descent: --label-column none: expected"
                + " a CSV file in --data, found " + temp
                + " (--label-column is for CSV files: an image folder's labels are its folder"
                + " names, and IDX images without --labels are read without labels already)");
        assertThat(train.status()).isEqualTo(2);
        assertThat(train.err().lines()).containsExactly("descent: --label-column: training"
                + " needs labels, expected a column NAME or number N, got none (none is for"
                + " classify)");
    }

    @Test
    void threadsDefaultToAllCoresAsInTheOtherCommands() {
        Blas.setThreads(1);
        CommandRunner run = CommandRunner.run("classify", "--model", model.toString(),
                "--data", features.toString());
        int used = Blas.threads();
        Blas.setThreads(1);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(used).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(CommandRunner.run("classify", "--help").out())
                .contains("--threads=N", "(default: all cores;");
    }
}
