package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.nn.Layers;
import dev.descent.tensor.Precision;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A network too large for its buffers is refused before anything is allocated, naming the
 * option; running out of memory is one line that says what ran out and what to do.
 */
class NetworkSizeOptionsTest {
    private static final String IRIS = "../descent-core/src/test/resources/dev/descent/shallow/"
            + "iris.csv";

    @TempDir Path temp;

    @Test
    void aHiddenLayerBeyondAnIntIsRefusedNamingHidden() {
        CommandRunner run = CommandRunner.run("digits", "--per-class", "5", "--epochs", "1",
                "--plots", "none", "--hidden", "2000000000", "--out", "unused");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("descent: --hidden 2000000000: the network cannot be"
                + " built: layer 2 (fc:2000000000): too large: its 1,570,000,000,000 parameters"
                + " bring the network to 1,570,000,000,000, more than the 536,870,911 a float32"
                + " network can hold; give smaller layers" + System.lineSeparator());
    }

    @Test
    void layersBeyondAnIntAreRefusedNamingLayers() {
        CommandRunner backprop = CommandRunner.run("backprop", "--layers", "2-2000000000-1");
        CommandRunner gradcheck = CommandRunner.run("gradcheck", "--layers", "4-100000000-3");

        assertThat(backprop.status()).isEqualTo(2);
        assertThat(backprop.err()).startsWith("descent: --layers 2-2000000000-1: the network"
                + " cannot be built: layer 2 (fc:2000000000): too large: its 6,000,000,000"
                + " parameters").hasLineCount(1);
        assertThat(gradcheck.status()).isEqualTo(2);
        assertThat(gradcheck.err()).startsWith("descent: --layers 4-100000000-3: the network"
                + " cannot be built: layer 2 (fc:100000000)").hasLineCount(1);
    }

    @Test
    void gradcheckNamesTheBatchOrInputsThatAreTooLarge() {
        CommandRunner batch = CommandRunner.run("gradcheck", "--batch", "2000000000");
        CommandRunner inputs = CommandRunner.run("gradcheck", "--inputs", "100000000",
                "--layers", "fc:3,softmax");

        assertThat(batch.status()).isEqualTo(2);
        assertThat(batch.err()).isEqualTo("descent: --batch 2000000000: the network cannot be"
                + " built: layer 1 (input:4): too large: its activations for a batch of"
                + " 2000000000 rows are 2000000000 x 4 = 8,000,000,000 values, more than the"
                + " 268,435,455 a float64 buffer can hold; give a smaller batch"
                + System.lineSeparator());
        assertThat(inputs.status()).isEqualTo(2);
        assertThat(inputs.err()).isEqualTo("descent: --inputs 100000000: the network cannot be"
                + " built: layer 2 (fc:3): too large: its 300,000,003 parameters bring the"
                + " network to 300,000,003, more than the 268,435,455 a float64 network can"
                + " hold; give fewer inputs" + System.lineSeparator());
    }

    @Test
    void trainNamesTheBatchWithTheLayersWhenOnlyTheBatchDoesNotFit() {
        CommandRunner run = CommandRunner.run("train", "--data", IRIS, "--layers",
                "fc:5000000,fc:3,softmax", "--batch", "128", "--out",
                temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("descent: --batch 128 with --layers"
                + " fc:5000000,fc:3,softmax: the network cannot be built: layer 2 (fc:5000000):"
                + " too large: its activations for a batch of 128 rows are 128 x 5000000 ="
                + " 640,000,000 values, more than the 536,870,911 a float32 buffer can hold;"
                + " give a batch of at most 107 rows or smaller layers" + System.lineSeparator());
    }

    @Test
    void trainStillNamesTheLayersWhenOneRowDoesNotFit() {
        CommandRunner run = CommandRunner.run("train", "--data", IRIS, "--layers",
                "fc:200000000,fc:3,softmax", "--batch", "16", "--out",
                temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("descent: --layers fc:200000000,fc:3,softmax: the"
                + " network cannot be built: layer 2 (fc:200000000): too large: its")
                .endsWith("; give smaller layers" + System.lineSeparator());
    }

    @Test
    void digitsNamesTheBatchWithTheHiddenSizeWhenOnlyTheBatchDoesNotFit() {
        CommandRunner run = CommandRunner.run("digits", "--per-class", "500", "--epochs", "1",
                "--plots", "none", "--hidden", "200000", "--batch", "4000", "--out", "unused");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("descent: --batch 4000 with --hidden 200000: the"
                + " network cannot be built: layer 2 (fc:200000): too large: its activations")
                .endsWith("; give a batch of at most 2684 rows or smaller layers"
                        + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"patternnet", "fitnet"})
    void shallowHiddenLayersThatCannotFitAreRefusedNamingHidden(String command)
            throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 10; i++) {
            // patternnet takes text labels; fitnet, numbers.
            String y = command.equals("fitnet") ? Integer.toString(i % 2) : "ab".substring(
                    i % 2, i % 2 + 1);
            text.append(i).append(',').append(y).append('\n');
        }
        Path csv = Files.writeString(temp.resolve("small.csv"), text);

        CommandRunner huge = CommandRunner.run(command, "--data", csv.toString(), "--hidden",
                "10,2000000000", "--out", temp.resolve("o").toString());
        CommandRunner wide = CommandRunner.run(command, "--data", csv.toString(), "--hidden",
                "30000000", "--out", temp.resolve("o").toString());

        assertThat(huge.status()).isEqualTo(2);
        assertThat(huge.out()).isEmpty();
        assertThat(huge.err()).startsWith("descent: --hidden 10,2000000000: the network cannot"
                + " be built: hidden layer 2 (2,000,000,000 neurons): too large: its"
                + " 22,000,000,000 weights and biases").endsWith("; give smaller layers"
                + System.lineSeparator()).hasLineCount(1);
        assertThat(wide.status()).isEqualTo(2);
        assertThat(wide.err()).isEqualTo("descent: --hidden 30000000: the network cannot be"
                + " built: hidden layer 1 (30,000,000 neurons): too large: its outputs for a"
                + " block of 10 observations are 300,000,000 values, more than the 268,435,455"
                + " a float64 buffer can hold; give smaller layers" + System.lineSeparator());
    }

    @Test
    void aSweepRunThatCannotBeBuiltIsBadInputNamingTheRun() {
        CommandRunner run = CommandRunner.run("sweep", "--per-class", "5", "--hidden",
                "2000000000", "--learn-rate", "0.01", "--epochs", "1", "--plots", "none",
                "--out", "unused");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("descent: run 1 failed: --hidden 2000000000: the network"
                + " cannot be built").doesNotContain("internal error");
    }

    @Test
    void theHeapMessageSaysWhatRanOutHowMuchIsNeededAndWhatToDo() {
        String message = MemoryShortage.message("Java heap space", 3L << 30, 1L << 30);

        assertThat(message).isEqualTo("out of Java heap memory (at most 1.0 GB); the network"
                + " needs about 3.0 GB; use a smaller --hidden, --layers or --batch, or give Java"
                + " more memory (java -Xmx5g -jar descent.jar, or DESCENT_JAVA_OPTS=-Xmx5g"
                + " bin/descent)");
    }

    @Test
    void theDirectMemoryMessageNamesItsLimitAndOption() {
        String message = MemoryShortage.message("Cannot reserve 4096 bytes of direct buffer"
                + " memory (allocated: 67104768, limit: 67108864)", 0, 1L << 30);

        assertThat(message).isEqualTo("out of direct memory (where the network's matrices live,"
                + " limit 64.0 MB); use a smaller --hidden, --layers or --batch, or give Java"
                + " more memory (java -XX:MaxDirectMemorySize=1g -jar descent.jar, or"
                + " DESCENT_JAVA_OPTS=-XX:MaxDirectMemorySize=1g bin/descent)");
    }

    @Test
    void theEstimateCountsParametersAndActivations() {
        // 2-3-1: 9 + 4 = 13 parameters; widths 2, 3, 1, 1 at 10 rows; 4 bytes each.
        long bytes = MemoryShortage.estimate(List.of(Layers.featureInput(2),
                Layers.fullyConnected(3), Layers.fullyConnected(1), Layers.regression()),
                Precision.FLOAT32, 10);

        assertThat(bytes).isEqualTo(4 * (6 * 13 + 3 * 10 * 7));
    }

    @Command(name = "exhausts")
    static final class Exhausts implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void anOutOfMemoryErrorIsOneLineAndExitStatus2() {
        CommandLine commandLine = Main.commandLine().addSubcommand(new Exhausts());
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));

        int status = commandLine.execute("exhausts");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("descent: out of Java heap memory (at most ")
                .contains("use a smaller --hidden, --layers or --batch").hasLineCount(1);
    }
}
