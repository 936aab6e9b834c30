package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages about --data and --target name the option and say what to pass. */
class DataOptionMessagesTest {
    @TempDir Path temp;

    private Path sine() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(Math.sin(i)).append('\n');
        }
        return Files.writeString(temp.resolve("sin.csv"), csv);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3", "00", "99999999999"})
    void aTargetColumnOutsideTheFileNamesTargetAndTheColumns(String target) throws IOException {
        Path data = sine();

        CommandRunner run = CommandRunner.run("fitnet", "--data", data.toString(), "--target",
                target, "--out", temp.resolve("out").toString());

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: --target " + target + ": " + data + " has 2 "
                + "columns; pass a column number from 1 to 2 or a header name (default: the "
                + "last, 2)" + System.lineSeparator());
    }

    private Path png(String name) throws IOException {
        Path file = temp.resolve(name);
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png",
                file.toFile());
        return file;
    }

    private static String singleImage(String option, Path file, String hint) {
        return "descent: " + option + " " + file + ": a single image file, and images are read "
                + "from folders only; put it in a folder, in a sub-folder named after its label "
                + "(DIR/LABEL/" + file.getFileName() + "), and pass " + option + " DIR" + hint
                + ", or give a CSV file or an IDX file" + System.lineSeparator();
    }

    @Test
    void classifyRefusesASingleImageNamingData() throws IOException {
        Path model = temp.resolve("out/model.descent");
        CommandRunner trained = CommandRunner.run("digits", "--per-class", "10", "--epochs",
                "1", "--plots", "none", "--out", model.getParent().toString());
        assertThat(trained.status()).as(trained.err()).isZero();
        Path image = png("seven.png");
        Path unnamed = Files.copy(image, temp.resolve("seven.dat"));

        CommandRunner byName = CommandRunner.run("classify", "--model", model.toString(),
                "--data", image.toString());
        CommandRunner byBytes = CommandRunner.run("classify", "--model", model.toString(),
                "--data", unnamed.toString());

        assertThat(byName.status()).isEqualTo(2);
        assertThat(byName.err()).isEqualTo(singleImage("--data", image, ""));
        assertThat(byBytes.status()).isEqualTo(2);
        assertThat(byBytes.err()).isEqualTo(singleImage("--data", unnamed, " (name it .png, "
                + ".jpg, .gif, .bmp or .tif: folders hold images by extension)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--data", "--test-data"})
    void trainRefusesASingleImageNamingTheOption(String option) throws IOException {
        Path image = png("one.jpg.png");
        Path csv = Files.writeString(temp.resolve("ab.csv"), "x,kind\n1,a\n2,b\n3,a\n4,b\n");
        String out = temp.resolve("out").toString();

        CommandRunner run = option.equals("--data")
                ? CommandRunner.run("train", "--data", image.toString(), "--out", out)
                : CommandRunner.run("train", "--data", csv.toString(), option, image.toString(),
                        "--layers", "fc:2,softmax", "--out", out);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(singleImage(option, image, ""));
    }
}
