package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {
    @TempDir static Path temp;
    static Path model;
    static Path digits;

    @BeforeAll
    static void trainAndExport() {
        CommandRunner train = CommandRunner.run("digits", "--per-class", "200", "--hidden", "32",
                "--learn-rate", "0.005", "--epochs", "4", "--threads", "1", "--plots", "none",
                "--out", temp.resolve("run").toString());
        assertThat(train.status()).as(train.err()).isZero();
        model = temp.resolve("run/model.descent");
        digits = temp.resolve("digits");
        assertThat(CommandRunner.run("export-digits", digits.toString()).status()).isZero();
    }

    @Test
    void labelsEveryImageOfAFolderAndReportsTheAccuracy() {
        CommandRunner run = CommandRunner.run("classify", "--model", model.toString(), "--data",
                digits.toString());

        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(10_001);
        assertThat(lines.get(0)).matches("0/00000\\.png\t[0-9]");
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("Accuracy: ").endsWith("% of 10000 observations");
        double accuracy = Double.parseDouble(last.replaceAll("[^0-9.]+", " ").trim().split(" ")[0]);
        assertThat(accuracy).isBetween(80.0, 100.0);
    }

    @Test
    void scoresFollowTheModelsClassOrderAndSumToOne() {
        CommandRunner run = CommandRunner.run("classify", "--model", model.toString(), "--data",
                digits.resolve("3").toString(), "--scores");

        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        // A single folder is one label, "3", which is a class of the model.
        assertThat(lines.get(0)).isEqualTo("observation\tlabel\t0\t1\t2\t3\t4\t5\t6\t7\t8\t9");
        String[] first = lines.get(1).split("\t");
        double sum = 0;
        int best = 0;
        for (int k = 0; k < 10; k++) {
            double score = Double.parseDouble(first[2 + k]);
            sum += score;
            best = score > Double.parseDouble(first[2 + best]) ? k : best;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-4));
        assertThat(first[1]).isEqualTo(Integer.toString(best));
    }

    @Test
    void idxImagesWithoutLabelsGetTheSamePredictionsAndNoAccuracy() throws IOException {
        Path images = temp.resolve("digits-images.idx");
        Path labels = temp.resolve("digits-labels.idx");
        dev.descent.data.LabeledData some = dev.descent.data.BuiltinDigits.load()
                .splitEachLabel(new dev.descent.util.Rng(7), 5).part(1).readAll();
        dev.descent.data.IdxWriter.writeLabeled(images, labels, some);

        CommandRunner labelled = CommandRunner.run("classify", "--model", model.toString(),
                "--data", images.toString(), "--labels", labels.toString());
        CommandRunner alone = CommandRunner.run("classify", "--model", model.toString(),
                "--data", images.toString());

        assertThat(alone.status()).as(alone.err()).isZero();
        List<String> withLabels = labelled.out().lines().toList();
        assertThat(withLabels.get(withLabels.size() - 1)).startsWith("Accuracy: ");
        // Observations numbered from 1, the same predicted label, no accuracy line.
        assertThat(alone.out().lines().toList()).hasSize(50)
                .isEqualTo(withLabels.subList(0, withLabels.size() - 1));
        assertThat(alone.out().lines().toList().get(0)).matches("1\t[0-9]");
    }

    @Test
    void aFileThatIsNeitherIsRefusedAsIdx() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.txt"), "hello\n");

        CommandRunner run = CommandRunner.run("classify", "--model", model.toString(), "--data",
                text.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("descent: " + text);
    }

    @Test
    void dataOfTheWrongWidthIsRefusedNamingBoth() throws IOException {
        Path csv = Files.writeString(temp.resolve("small.csv"), "label,a,b\nx,1,2\ny,3,4\n");

        CommandRunner run = CommandRunner.run("classify", "--model", model.toString(), "--data",
                csv.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("descent: --data " + csv
                + ": 2 features per observation, but the model " + model + " takes 784");
    }

    @Test
    void aFileThatIsNotAModelIsRefused() throws IOException {
        Path fake = Files.writeString(temp.resolve("fake.descent"), "not a model");

        CommandRunner run = CommandRunner.run("classify", "--model", fake.toString(), "--data",
                digits.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("descent: " + fake).doesNotContain("\tat ");
    }
}
