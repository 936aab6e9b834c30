package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --out} is refused before any work when it is empty, inside an image folder the command
 * reads, or holds a folder where the command writes a file.
 */
class OutFolderChecksTest {
    @TempDir Path temp;

    private Path blobs() throws IOException {
        return Blobs.write(temp);
    }

    private String[] command(String name, String out, String... more) throws IOException {
        String data = blobs().toString();
        List<String> args = new ArrayList<>(switch (name) {
            case "digits" -> List.of("digits", "--per-class", "20", "--epochs", "1");
            case "train" -> List.of("train", "--data", data, "--layers", "fc:3,softmax",
                    "--epochs", "1");
            case "patternnet" -> List.of("patternnet", "--data", data);
            case "fitnet" -> List.of("fitnet", "--data", data, "--target", "1");
            case "sweep" -> List.of("sweep", "--per-class", "5", "--hidden", "4",
                    "--learn-rate", "0.01", "--epochs", "1");
            case "lr-regimes" -> List.of("lr-regimes", "--per-class", "5", "--hidden", "4",
                    "--epochs", "1");
            case "predict" -> List.of("predict", "--model", temp.resolve("no.descent")
                    .toString(), "--data", data);
            default -> throw new IllegalArgumentException(name);
        });
        args.addAll(List.of("--out", out));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest
    @CsvSource({"digits, model.descent", "digits, confusion.png", "train, history.csv",
        "train, predictions.png", "patternnet, patternnet.descent", "patternnet, confusion.png",
        "fitnet, training-record.json", "fitnet, trainstate.png", "sweep, sweep.md",
        "lr-regimes, lr-regimes.png", "predict, predictions.csv"})
    void aFolderNamedLikeAFileTheCommandWritesFailsBeforeAnythingRuns(String name, String file)
            throws IOException {
        Path out = temp.resolve("out");
        Path folder = Files.createDirectories(out.resolve(file));

        CommandRunner run = CommandRunner.run(command(name, out.toString()));

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("descent: --out " + out + ": " + folder + " is a folder,"
                + " but the command writes a file of that name; move the folder away or give"
                + " another --out" + System.lineSeparator());
        try (var left = Files.list(out)) {
            assertThat(left).containsExactly(folder);
        }
    }

    @Test
    void aFolderNamedLikeAPictureIsNoObstacleWithoutPictures() throws IOException {
        Path out = temp.resolve("out");
        Files.createDirectories(out.resolve("confusion.png"));

        CommandRunner run = CommandRunner.run(command("train", out.toString(), "--plots",
                "none"));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(out.resolve("model.descent")).isRegularFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"digits", "train", "patternnet", "fitnet", "sweep", "lr-regimes",
        "predict"})
    void anEmptyOutFailsBeforeAnythingRuns(String name) throws IOException {
        for (String empty : List.of("", " ")) {
            CommandRunner run = CommandRunner.run(command(name, empty));

            assertThat(run.status()).as(run.err()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isEqualTo("descent: --out is empty; give a folder (new or "
                    + "existing), such as . for the current one" + System.lineSeparator());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"digits", "train", "patternnet", "fitnet", "sweep", "lr-regimes",
        "predict"})
    void aDanglingLinkAsOutIsRefusedAndKept(String name) throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("o10link"), Path.of("o10real"));

        CommandRunner run = CommandRunner.run(command(name, link.toString()));

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: --out " + link + " is a link to o10real, "
                + "which does not exist; create it or pass another folder"
                + System.lineSeparator());
        assertThat(link).isSymbolicLink();
        assertThat(temp.resolve("o10real")).doesNotExist();
    }

    @Test
    void aFolderThroughAMissingOneAndBackIsMadeAsMkdirMakesIt() throws IOException {
        // x/../y: the probe, the output and the checkpoints all land in y.
        String out = temp.resolve("x/../y").toString();
        String checkpoints = temp.resolve("c/../d").toString();

        CommandRunner run = CommandRunner.run(command("train", out, "--plots", "none",
                "--checkpoint-dir", checkpoints));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(temp.resolve("y/model.descent")).isRegularFile();
        assertThat(temp.resolve("d/checkpoint-epoch-0001.descent")).isRegularFile();
    }

    @Test
    void aDanglingLinkAboveOutIsRefusedAndKept() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("up"), Path.of("gone"));
        Path out = link.resolve("deeper/out");

        CommandRunner run = CommandRunner.run(command("train", out.toString()));

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: --out " + out + ": " + link + " is a link to "
                + "gone, which does not exist; create it or pass another folder"
                + System.lineSeparator());
        assertThat(link).isSymbolicLink();
    }

    @Test
    void aFailedProbeRemovesOnlyTheFoldersItMade() throws IOException {
        Path mine = Files.createDirectories(temp.resolve("mine"));
        Path blocker = Files.writeString(mine.resolve("file"), "x");
        Path out = blocker.resolve("new/out");

        assertThatThrownBy(() -> OutputOptions.checkFolder("--out", out, out, "files"))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(mine).isDirectory();
        assertThat(blocker).hasContent("x");
    }

    /** An image folder {@code name} of two labels, two 2x2 images each. */
    private Path images(String name) throws IOException {
        Path root = temp.resolve(name);
        for (String label : List.of("a", "b")) {
            for (int i = 0; i < 2; i++) {
                Path file = Files.createDirectories(root.resolve(label)).resolve(i + ".png");
                ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY), "png",
                        file.toFile());
            }
        }
        return root;
    }

    @ParameterizedTest
    @CsvSource({"train, --data, '', is the image folder of",
        "train, --data, a/new, is inside the image folder of",
        "train, --validation-data, '', is the image folder of",
        "train, --test-data, b, is inside the image folder of",
        "patternnet, --data, '', is the image folder of"})
    void anOutInAnImageFolderTheCommandReadsFailsBeforeAnythingRuns(String name,
            String option, String below, String relation) throws IOException {
        Path data = images("data");
        Path images = option.equals("--data") ? data : images("other");
        Path out = below.isEmpty() ? images : images.resolve(below);
        List<String> args = new ArrayList<>(List.of(name, "--data", data.toString(), "--out",
                out.toString()));
        if (!option.equals("--data")) {
            args.addAll(List.of(option, images.toString()));
        }

        CommandRunner run = CommandRunner.run(args.toArray(String[]::new));

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("descent: --out " + out + ": " + relation + " " + option
                + " " + images + ", whose images and sub-folders are read as data; give a "
                + "folder outside it" + System.lineSeparator());
        try (var left = Files.list(images)) {
            assertThat(left).containsExactlyInAnyOrder(images.resolve("a"), images.resolve("b"));
        }
        try (var left = Files.list(images.resolve("a"))) {
            assertThat(left).hasSize(2);
        }
    }
}
