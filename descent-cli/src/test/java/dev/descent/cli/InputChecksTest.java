package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.BuiltinDigits;
import dev.descent.data.IdxWriter;
import dev.descent.data.LabeledData;
import dev.descent.util.Rng;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Input that used to be ignored, or checked only after training, is refused up front. */
class InputChecksTest {
    @TempDir Path temp;
    private Path images;
    private Path labels;
    private Path csv;

    @BeforeEach
    void files() throws IOException {
        LabeledData some = BuiltinDigits.load().splitEachLabel(new Rng(7), 3).part(1).readAll();
        images = temp.resolve("images.idx");
        labels = temp.resolve("labels.idx");
        IdxWriter.writeLabeled(images, labels, some);
        csv = Blobs.write(temp);
    }

    @Test
    void testDataOfAnotherWidthFailsBeforeTrainingNamingTheOption() {
        CommandRunner run = CommandRunner.run("train", "--data", images.toString(), "--labels",
                labels.toString(), "--test-data", csv.toString(), "--layers", "fc:10,softmax",
                "--epochs", "1", "--plots", "none", "--out", temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("descent: --test-data " + csv + ": 2 features per"
                + " observation, but --data " + images + " has 784 (the network's input); give"
                + " data of the same kind" + System.lineSeparator());
    }

    @Test
    void validationImagesWithoutLabelsNameTheValidationOptions() {
        CommandRunner run = CommandRunner.run("train", "--data", images.toString(), "--labels",
                labels.toString(), "--validation-data", images.toString(), "--epochs", "1",
                "--out", temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("descent: --validation-data " + images + ": not a"
                + " folder or a .csv file, so it is read as IDX images, which need"
                + " --validation-labels FILE").hasLineCount(1);
    }

    @Test
    void labelsWithACsvFileAreRefused() {
        CommandRunner run = CommandRunner.run("train", "--data", csv.toString(), "--labels",
                labels.toString(), "--layers", "fc:3,softmax", "--epochs", "1", "--out",
                temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("descent: --labels applies to IDX image files only,"
                + " but --data " + csv + " is a CSV file").hasLineCount(1);
    }

    @Test
    void patternnetOnIdxImagesWithoutLabelsSaysWhatTrainSays() {
        CommandRunner run = CommandRunner.run("patternnet", "--data", images.toString(),
                "--plots", "none", "--out", temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: --data " + images + ": not a folder or a"
                + " .csv file, so it is read as IDX images, which need --labels FILE (the IDX"
                + " labels file)" + System.lineSeparator());
    }

    @Test
    void aModelThatIsAFolderIsNamedWithWhatWasExpected() {
        CommandRunner run = CommandRunner.run("classify", "--model", temp.toString(), "--data",
                csv.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: --model " + temp + ": is a folder; expected"
                + " a .descent model file (train and digits write model.descent into their"
                + " --out folder)" + System.lineSeparator());
    }

    @Test
    void labelsTheModelDoesNotKnowAreLeftOutOfTheAccuracyWithANote() throws IOException {
        Path out = temp.resolve("o");
        CommandRunner train = CommandRunner.run("train", "--data", csv.toString(), "--layers",
                "fc:3,softmax", "--epochs", "1", "--plots", "none", "--out", out.toString());
        assertThat(train.status()).as(train.err()).isZero();
        Path mixed = Files.writeString(temp.resolve("mixed.csv"),
                "x1,x2,kind\n0,0,a\n3,-2,b\n6,-4,z\n6,-4,z\n");

        CommandRunner run = CommandRunner.run("classify", "--model",
                out.resolve("model.descent").toString(), "--data", mixed.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("Accuracy: ").contains("% of 2 observations")
                .contains("Note: 2 of 4 observations have labels the model does not know [z]"
                        + " (its classes come from its training data); the accuracy is over"
                        + " the other 2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NaN|line 3, column 3: the target of observation 2 is NaN, expected a finite number;"
                + " remove or replace missing and infinite values",
        "1e999|line 3, column 3: the target of observation 2 is 1e999 (beyond double range),"
                + " expected a finite number; remove or replace missing and infinite values",
        "1d|line 3, column 3: '1d' is not a number (the target of observation 2); expected a"
                + " plain decimal number such as 16 or 0.5",
        "0x10|line 3, column 3: '0x10' is not a number (the target of observation 2); expected"
                + " a plain decimal number such as 16 or 0.5"})
    void fitnetRefusesATargetThatIsNotAFiniteNumberNamingLineAndColumn(String target,
            String message) throws IOException {
        Path data = Files.writeString(temp.resolve("t.csv"),
                "a,b,y\n1,2,3\n2,3," + target + "\n3,4,5\n4,5,6\n");

        CommandRunner run = CommandRunner.run("fitnet", "--data", data.toString(), "--out",
                temp.resolve("o").toString());

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: --data " + data + ": " + message
                + System.lineSeparator());
    }

    @Test
    void fitnetNamesAMissingTargetColumnAndASingleImage() throws IOException {
        Path data = Files.writeString(temp.resolve("t.csv"), "a,b,y\n1,2,3\n2,3,4\n");
        Path png = temp.resolve("one.png");
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        String out = temp.resolve("o").toString();

        CommandRunner column = CommandRunner.run("fitnet", "--data", data.toString(), "--target",
                "nosuch", "--out", out);
        CommandRunner image = CommandRunner.run("fitnet", "--data", png.toString(), "--out",
                out);

        assertThat(column.status()).as(column.err()).isEqualTo(2);
        assertThat(column.err()).isEqualTo("descent: --target nosuch: t.csv line 1: no column"
                + " named 'nosuch', found a, b, y; pass a header name or a column number from 1"
                + " to 3" + System.lineSeparator());
        assertThat(image.status()).as(image.err()).isEqualTo(2);
        assertThat(image.err()).isEqualTo("descent: --data " + png + ": a single image file, and"
                + " images are read from folders only; put it in a folder, in a sub-folder named"
                + " after its label (DIR/LABEL/one.png), and pass --data DIR, or give a CSV file"
                + " or an IDX file" + System.lineSeparator());
    }

    @Test
    void fitnetNamesAFolderAnIdxFileAndTextThatIsNotUtf8() throws IOException {
        Path latin = temp.resolve("latin.csv");
        Files.write(latin, "a,b\n1,2\n3,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        String out = temp.resolve("o").toString();

        CommandRunner text = CommandRunner.run("fitnet", "--data", latin.toString(), "--out", out);
        CommandRunner folder = CommandRunner.run("fitnet", "--data", temp.toString(), "--out",
                out);
        CommandRunner idx = CommandRunner.run("fitnet", "--data", images.toString(), "--out",
                out);

        assertThat(text.status()).isEqualTo(2);
        assertThat(text.err()).isEqualTo("descent: --data " + latin + ": line 3: not UTF-8 text"
                + " (byte 0xE9 at byte 6 of the line); save the file as UTF-8 (Latin-1 and"
                + " Windows-1252 files are not read)" + System.lineSeparator());
        assertThat(folder.status()).isEqualTo(2);
        assertThat(folder.err()).isEqualTo("descent: --data " + temp + ": a folder, not a file;"
                + " fitnet reads a CSV file of numbers" + System.lineSeparator());
        assertThat(idx.status()).isEqualTo(2);
        assertThat(idx.err()).isEqualTo("descent: --data " + images + ": an IDX file (it starts"
                + " with the IDX magic number 00 00 08), not text; fitnet reads a CSV file of"
                + " numbers" + System.lineSeparator());
    }

    @Test
    void patternnetAndTrainNameTheOptionOfTextThatIsNotUtf8() throws IOException {
        Path latin = temp.resolve("latin.csv");
        Files.write(latin, "a,b,kind\n1,2,x\n3,4,caf\u00e9\n".getBytes(
                StandardCharsets.ISO_8859_1));
        String out = temp.resolve("o").toString();
        String notUtf8 = ": line 3: not UTF-8 text (byte 0xE9 at byte 8 of the line); save the"
                + " file as UTF-8 (Latin-1 and Windows-1252 files are not read)"
                + System.lineSeparator();

        CommandRunner patternnet = CommandRunner.run("patternnet", "--data", latin.toString(),
                "--out", out);
        CommandRunner train = CommandRunner.run("train", "--data", latin.toString(), "--layers",
                "fc:3,softmax", "--out", out);
        CommandRunner validation = CommandRunner.run("train", "--data", csv.toString(),
                "--validation-data", latin.toString(), "--layers", "fc:3,softmax", "--out", out);

        assertThat(patternnet.status()).isEqualTo(2);
        assertThat(patternnet.err()).isEqualTo("descent: --data " + latin + notUtf8);
        assertThat(train.status()).isEqualTo(2);
        assertThat(train.err()).isEqualTo("descent: --data " + latin + notUtf8);
        assertThat(validation.status()).isEqualTo(2);
        assertThat(validation.err()).isEqualTo("descent: --validation-data " + latin + notUtf8);
    }

    @Test
    void validationDataWithFewerClassesIsMappedToTheTrainingClasses() throws IOException {
        Path onlyB = Files.writeString(temp.resolve("b.csv"), "x1,x2,kind\n3,-2,b\n3.1,-2.1,b\n");

        CommandRunner run = CommandRunner.run("train", "--data", csv.toString(),
                "--validation-data", onlyB.toString(), "--layers", "fc:3,softmax", "--epochs",
                "1", "--plots", "none", "--out", temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(0);
        assertThat(run.out()).contains("validating on 2 (3 labels)", "Validation accuracy: ")
                .contains("% of 2 observations");
    }

    @Test
    void inClassesOfMapsLabelsByName() {
        LabeledData train = new LabeledData(new float[3], 3, 1, new int[] {0, 1, 2},
                List.of("a", "b", "c"));
        LabeledData other = new LabeledData(new float[3], 3, 1, new int[] {0, 1, 0},
                List.of("c", "a"));

        LabeledData mapped = TrainCommand.inClassesOf(train, other);

        assertThat(mapped.classes()).containsExactly("a", "b", "c");
        assertThat(mapped.labels()).containsExactly(2, 0, 2);
    }
}
