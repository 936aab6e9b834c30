package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error messages in words: the option, what was expected, what was found. */
class MessagesTest {
    @TempDir Path temp;

    @Test
    void aLayerSizeThatIsNotANumberIsSaidInWords() {
        CommandRunner run = CommandRunner.run("gradcheck", "--layers", "fc:x");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("layer \"fc:x\": expected a whole number after 'fc:', got"
                + " 'x'").doesNotContain("For input string");
    }

    @Test
    void aDropoutThatIsNotANumberIsSaidInWordsByTrain() throws IOException {
        Path data = Files.writeString(temp.resolve("d.csv"), "1,a\n2,b\n");

        CommandRunner run = CommandRunner.run("train", "--data", data.toString(), "--layers",
                "fc:2,dropout:half,fc:2,softmax", "--out", temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: --layers: entry 2 \"dropout:half\": the"
                + " probability must be a plain decimal number such as 0.3, found \"half\""
                + System.lineSeparator());
    }

    @Test
    void anUnknownCommandIsCalledOne() {
        CommandRunner run = CommandRunner.run("digitz");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("descent: unknown command 'digitz'")
                .contains("did you mean digits");
    }

    @Test
    void aFlatImageFolderAsksForOneSubFolderPerLabel() throws IOException {
        Path flat = Files.createDirectories(temp.resolve("flat"));
        for (int i = 0; i < 3; i++) {
            ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png",
                    flat.resolve(i + ".png").toFile());
        }

        CommandRunner run = CommandRunner.run("train", "--data", flat.toString(), "--out",
                temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--data " + flat + ": needs at least 2 labels",
                "(an image folder needs one sub-folder per label)");
    }

    @Test
    void aMissingDigitsFolderNamesData() {
        Path missing = temp.resolve("nonexistent");

        CommandRunner run = CommandRunner.run("digits", "--data", missing.toString(), "--out",
                temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("descent: --data " + missing + ": no such folder; give"
                + " an image folder with one sub-folder per label" + System.lineSeparator());
    }
}
