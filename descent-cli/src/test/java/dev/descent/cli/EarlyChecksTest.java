package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad options are reported before any data is read, anything is trained or printed. */
class EarlyChecksTest {
    @TempDir Path temp;

    private Path blobs() throws IOException {
        return Blobs.write(temp);
    }

    private String[] command(String name, Path out) throws IOException {
        String data = blobs().toString();
        return switch (name) {
            case "digits" -> new String[] {"digits", "--per-class", "20", "--epochs", "1",
                "--out", out.toString()};
            case "train" -> new String[] {"train", "--data", data, "--layers", "fc:3,softmax",
                "--epochs", "1", "--out", out.toString()};
            case "patternnet" -> new String[] {"patternnet", "--data", data, "--out",
                out.toString()};
            case "fitnet" -> new String[] {"fitnet", "--data", data, "--target", "1", "--out",
                out.toString()};
            case "sweep" -> new String[] {"sweep", "--per-class", "5", "--hidden", "4",
                "--learn-rate", "0.01", "--epochs", "1", "--out", out.toString()};
            case "lr-regimes" -> new String[] {"lr-regimes", "--per-class", "5", "--hidden",
                "4", "--epochs", "1", "--out", out.toString()};
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"digits", "train", "patternnet", "fitnet", "sweep", "lr-regimes"})
    void anOutThatIsAFileFailsBeforeAnythingRuns(String name) throws IOException {
        Path file = Files.writeString(temp.resolve("iris.csv"), "a,b\n1,2\n");

        CommandRunner run = CommandRunner.run(command(name, file));

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("descent: --out " + file
                + ": a file of that name exists; give a folder").hasLineCount(1);
        assertThat(file).hasContent("a,b\n1,2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"digits", "train", "patternnet", "fitnet", "sweep", "lr-regimes"})
    void anOutThatCannotBeWrittenFailsBeforeAnythingRuns(String name) throws IOException {
        // /proc says it is writable to root, but no folder can be made in it.
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        Path out = Path.of("/proc/nope");

        CommandRunner run = CommandRunner.run(command(name, out));

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("descent: --out /proc/nope: cannot be ").hasLineCount(1);
    }

    @Test
    void anOutBelowAFileFailsBeforeAnythingRuns() throws IOException {
        Path file = Files.writeString(temp.resolve("iris.csv"), "a,b\n1,2\n");
        Path out = file.resolve("run");

        CommandRunner run = CommandRunner.run(command("digits", out));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("descent: --out " + out + ": cannot be created, because "
                + file.toAbsolutePath() + " is a file");
    }

    @Test
    void aResumeFileThatIsMissingFailsBeforeTheDataIsRead() {
        Path missing = temp.resolve("nonexistent");

        CommandRunner run = CommandRunner.run("digits", "--per-class", "5", "--epochs", "1",
                "--resume", missing.toString(), "--out", temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("descent: --resume " + missing
                + ": no such file or folder; give a checkpoint file");
    }

    @Test
    void aCheckpointFolderThatCannotBeWrittenFailsBeforeTheDataIsRead() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        Path below = file.resolve("checkpoints");

        CommandRunner run = CommandRunner.run("digits", "--per-class", "5", "--epochs", "1",
                "--checkpoint-dir", below.toString(), "--out", temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("descent: --checkpoint-dir " + below + ": cannot be"
                + " created, because " + file + " is a file; give another folder"
                + System.lineSeparator());
    }

    @Test
    void aGraphThatCannotBeWrittenFailsBeforeTheTraceIsPrinted() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        Path graph = file.resolve("g.svg");

        CommandRunner run = CommandRunner.run("backprop", "--graph", graph.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("descent: --graph " + graph + ": cannot be written,"
                + " because " + file + " is a file; give a folder (new or existing) for the"
                + " picture" + System.lineSeparator());
    }

    @Test
    void aGraphOfAnotherKindFailsBeforeTheTraceIsPrinted() {
        CommandRunner run = CommandRunner.run("backprop", "--graph",
                temp.resolve("g.pdf").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--graph", "expected a file name ending in .svg or .png, "
                + "got '" + temp.resolve("g.pdf") + "'");
    }

    @Test
    void theDefaultLayersEndInAsManyOutputsAsTheDataHasClasses() throws IOException {
        Path data = blobs();

        CommandRunner run = CommandRunner.run("train", "--data", data.toString(), "--epochs",
                "1", "--plots", "none", "--json", "--out", temp.resolve("o").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains(
                "\"layers\":\"input:2,fc:64,relu,dropout:0.3,fc:3,softmax,classification\"");
    }

    @Test
    void anOutputWidthOtherThanTheClassCountFailsBeforeTrainingIsAnnounced()
            throws IOException {
        Path data = blobs();

        CommandRunner run = CommandRunner.run("train", "--data", data.toString(), "--layers",
                "fc:64,relu,fc:10,softmax", "--out", temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("descent: --layers fc:64,relu,fc:10,softmax: the network"
                + " has 10 outputs but --data " + data + " has 3 classes; make the last fully"
                + " connected layer 3 wide (fc:3)" + System.lineSeparator());
        assertThat(temp.resolve("o")).doesNotExist();
    }
}
