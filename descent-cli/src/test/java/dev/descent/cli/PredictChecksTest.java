package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.io.ModelFile;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict's refusals: --target as fitnet reads it, --out against the files read, empty options
 * and files, a multi-output model's target, and the words of its counts.
 */
class PredictChecksTest {
    @TempDir static Path temp;
    static Path oneOutput;
    static Path twoOutputs;
    static Path withTarget;
    static Path images;
    static Path imageModel;

    /** Untrained regression networks of 2 inputs, an a,b,y file, and an image folder model. */
    @BeforeAll
    static void writeModels() throws IOException {
        oneOutput = temp.resolve("one.descent");
        ModelFile.write(oneOutput, Network.create(List.of(Layers.featureInput(2),
                Layers.fullyConnected(1), Layers.regression()), Precision.FLOAT64, new Rng(1),
                List.of()));
        twoOutputs = temp.resolve("two.descent");
        ModelFile.write(twoOutputs, Network.create(List.of(Layers.featureInput(2),
                Layers.fullyConnected(2), Layers.regression()), Precision.FLOAT32, new Rng(1),
                List.of()));
        withTarget = Files.writeString(temp.resolve("surface.csv"), "a,b,y\n1,2,3\n4,5,6\n");
        images = temp.resolve("images");
        for (String label : List.of("a", "b")) {
            Files.createDirectories(images.resolve(label));
            for (int i = 0; i < 2; i++) {
                BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
                image.getRaster().setSample(i, label.equals("a") ? 0 : 1, 0, 200);
                ImageIO.write(image, "png", images.resolve(label).resolve(i + ".png").toFile());
            }
        }
        CommandRunner train = CommandRunner.run("train", "--data", images.toString(),
                "--layers", "fc:2,softmax", "--epochs", "1", "--threads", "1", "--plots", "none",
                "--out", temp.resolve("image-run").toString());
        assertThat(train.status()).as(train.err()).isZero();
        imageModel = temp.resolve("image-run/model.descent");
    }

    private static CommandRunner predict(Path model, Path data, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--model",
                model.toString(), "--data", data.toString()));
        args.addAll(List.of(more));
        if (!args.contains("--out")) {
            args.addAll(List.of("--out", temp.resolve("out").toString()));
        }
        return CommandRunner.run(args.toArray(String[]::new));
    }

    /** The one line on stderr, without "descent: ", after checking exit status 2 and stdout. */
    private static String refusal(CommandRunner run) {
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("descent: ").doesNotContain("Exception");
        return run.err().strip().substring("descent: ".length());
    }

    private static String columnsMessage(String target) {
        return "--target " + target + ": " + withTarget + " has 3 columns; pass a column number "
                + "from 1 to 3 or a header name (default: the last, 3)";
    }

    @Test
    void targetNumbersOutsideTheColumnsAreRefusedAsFitnetRefusesThem() {
        for (String target : List.of("0", "4", "99999999999")) {
            CommandRunner run = predict(oneOutput, withTarget, "--target", target);
            CommandRunner fitnet = CommandRunner.run("fitnet", "--data", withTarget.toString(),
                    "--target", target, "--out", temp.resolve("fitnet").toString());

            assertThat(refusal(run)).as(target).isEqualTo(columnsMessage(target));
            assertThat(refusal(fitnet)).as(target).isEqualTo(columnsMessage(target));
        }
    }

    @Test
    void anEmptyTargetIsRefusedAsEmpty() {
        assertThat(refusal(predict(oneOutput, withTarget, "--target", ""))).isEqualTo(
                "--target is empty; pass a column number from 1 to 3, a header name or none");
    }

    @Test
    void digitsOtherThanAsciiAreAHeaderNameNotANumber() {
        String message = "--target \u0663: surface.csv line 1: no column named '\u0663', found"
                + " a, b, y; pass a header name or a column number from 1 to 3";
        assertThat(refusal(predict(oneOutput, withTarget, "--target", "\u0663")))
                .isEqualTo(message);
        assertThat(refusal(CommandRunner.run("fitnet", "--data", withTarget.toString(),
                "--target", "\u0663", "--out", temp.resolve("fit-arabic").toString())))
                .isEqualTo(message);
    }

    @Test
    void outInsideTheImageFolderReadIsRefused() {
        assertThat(refusal(predict(imageModel, images, "--out", images.toString())))
                .isEqualTo("--out " + images + ": is the image folder of --data " + images
                        + ", whose images and sub-folders are read as data; give a folder "
                        + "outside it");
        Path inside = images.resolve("a/results");
        assertThat(refusal(predict(imageModel, images, "--out", inside.toString())))
                .isEqualTo("--out " + inside + ": is inside the image folder of --data "
                        + images + ", whose images and sub-folders are read as data; give a "
                        + "folder outside it");
        assertThat(inside).doesNotExist();
    }

    @Test
    void outWhosePredictionsFileIsTheDataOrTheModelIsRefused() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("same"));
        Path data = Files.writeString(folder.resolve(PredictCommand.FILE), "a,b\n1,2\n");
        Path model = Files.createDirectories(temp.resolve("same-model"))
                .resolve(PredictCommand.FILE);
        Files.copy(oneOutput, model);

        String onData = refusal(predict(oneOutput, data, "--out", folder.toString()));
        String onModel = refusal(predict(model, withTarget, "--out", model.getParent()
                .toString()));

        assertThat(onData).isEqualTo("--out " + folder + ": " + data + " is the --data file; "
                + "predict would write over it, give another --out");
        assertThat(onModel).isEqualTo("--out " + model.getParent() + ": " + model + " is the "
                + "--model file; predict would write over it, give another --out");
        assertThat(Files.readString(data)).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void emptyModelAndDataAreRefusedAsEmpty() {
        CommandRunner model = CommandRunner.run("predict", "--model", "", "--data",
                withTarget.toString(), "--out", temp.resolve("out").toString());
        CommandRunner data = CommandRunner.run("predict", "--model", oneOutput.toString(),
                "--data", "", "--out", temp.resolve("out").toString());

        assertThat(refusal(model)).isEqualTo("--model is empty; give a file");
        assertThat(refusal(data)).isEqualTo("--data is empty; give a file or folder (. for the"
                + " current folder)");
    }

    @Test
    void anEmptyCsvFileIsSaidToBeEmpty() throws IOException {
        Path empty = Files.writeString(temp.resolve("empty.csv"), "");

        assertThat(refusal(predict(oneOutput, empty))).isEqualTo("--data " + empty
                + ": the file is empty; give one line per observation (after a header line,"
                + " if any)");
        assertThat(refusal(predict(imageModel, empty))).isEqualTo("--data " + empty
                + ": the file is empty; give one line per observation (after a header line,"
                + " if any)");
    }

    @Test
    void aTargetColumnForAMultiOutputModelIsRefusedWithWhatToGive() {
        assertThat(refusal(predict(twoOutputs, withTarget))).isEqualTo("--data " + withTarget
                + ": 3 columns, but the model " + twoOutputs + " takes 2 features and has 2 "
                + "outputs; targets are read for one-output models only, so give a file of "
                + "the 2 feature columns alone");
        assertThat(refusal(predict(twoOutputs, withTarget, "--target", "y"))).isEqualTo(
                "--target y: the model " + twoOutputs + " has 2 outputs; targets are read for "
                + "one-output models only, so give --data as a file of the 2 feature columns "
                + "alone");
    }

    @Test
    void imageFolderRowsAreNamedByTheirFileAndIdxRowsByTheirNumber() throws IOException {
        Path idx = temp.resolve("images.idx");
        dev.descent.data.IdxWriter.writeLabeled(idx, temp.resolve("labels.idx"),
                new dev.descent.data.LabeledData(new float[12], 3, 4, new int[3],
                        List.of("0"), 2, 2));

        CommandRunner folder = predict(imageModel, images, "--out",
                temp.resolve("named").toString());
        CommandRunner numbered = predict(imageModel, idx, "--out",
                temp.resolve("numbered").toString());

        assertThat(folder.status()).as(folder.err()).isZero();
        assertThat(numbered.status()).as(numbered.err()).isZero();
        assertThat(Files.readAllLines(temp.resolve("named").resolve(PredictCommand.FILE)))
                .hasSize(5).first().isEqualTo("observation,label,a,b");
        assertThat(Files.readAllLines(temp.resolve("named").resolve(PredictCommand.FILE))
                .stream().skip(1).map(line -> line.split(",")[0]))
                .containsExactly("a/0.png", "a/1.png", "b/0.png", "b/1.png");
        assertThat(Files.readAllLines(temp.resolve("numbered").resolve(PredictCommand.FILE))
                .stream().skip(1).map(line -> line.split(",")[0]))
                .containsExactly("1", "2", "3");
    }

    @Test
    void countsOfOneAreSingular() throws IOException {
        Path one = Files.writeString(temp.resolve("one.csv"), "0.5\n");
        Path single = Files.writeString(temp.resolve("single.csv"), "0.5,1\n");

        String width = refusal(predict(oneOutput, one));
        CommandRunner run = predict(oneOutput, single);

        assertThat(width).isEqualTo("--data " + one + ": 1 column, but the model " + oneOutput
                + " takes 2 features (2 columns without a target, 3 with one)");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Predicted 1 observation with the regression network "
                + "of " + oneOutput + " (1 output)" + System.lineSeparator());
    }
    @Test
    void aTargetThatIsNoPlainFiniteNumberIsRefusedAsFitnetRefusesIt() throws IOException {
        for (String bad : List.of("1d", "0x10", "NaN")) {
            Path file = Files.writeString(temp.resolve("bad-" + bad + ".csv"),
                    "a,b,y\n1,2,3\n4,5," + bad + "\n");
            String message = refusal(predict(oneOutput, file));
            assertThat(message).startsWith("--data " + file + ": line 3, column 3:")
                    .contains(bad);
            assertThat(message).isEqualTo(refusal(CommandRunner.run("fitnet", "--data",
                    file.toString(), "--out", temp.resolve("fit-" + bad).toString())));
        }
    }
}
