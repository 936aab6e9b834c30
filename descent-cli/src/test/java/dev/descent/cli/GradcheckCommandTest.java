package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.nn.Layer;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.ParameterStore;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GradcheckCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return run(Main.commandLine(), args);
    }

    private int run(CommandLine commandLine, String... args) {
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** a = z^2 whose backward forgets the factor 2: dL/dz = dL/da * z. */
    static final class BrokenSquare extends Layer {
        private Matrix z;

        BrokenSquare(String name, int size, Precision precision) {
            super(name, size, size, precision);
        }

        @Override
        public LayerSpec spec() {
            return new BrokenSquareSpec();
        }

        @Override
        public Matrix forward(Matrix input, boolean training) {
            z = input;
            Matrix a = Matrix.zeros(precision(), input.rows(), input.cols());
            for (int i = 0; i < a.size(); i++) {
                a.setFlat(i, input.getFlat(i) * input.getFlat(i));
            }
            return a;
        }

        @Override
        public Matrix backward(Matrix outputGrad) {
            Matrix dz = Matrix.zeros(precision(), outputGrad.rows(), outputGrad.cols());
            for (int i = 0; i < dz.size(); i++) {
                dz.setFlat(i, outputGrad.getFlat(i) * z.getFlat(i));
            }
            return dz;
        }
    }

    record BrokenSquareSpec() implements LayerSpec.Custom {
        @Override
        public int outputSize(int inputSize) {
            return inputSize;
        }

        @Override
        public String describe() {
            return "square";
        }

        @Override
        public String nameStem() {
            return "square";
        }

        @Override
        public Layer create(String name, int inputSize, Precision precision,
                ParameterStore.Allocator store, Rng rng) {
            return new BrokenSquare(name, inputSize, precision);
        }
    }

    private static CommandLine withBrokenSquare() {
        CommandLine commandLine = new CommandLine(new GradcheckCommand(
                item -> item.equals("square") ? new BrokenSquareSpec() : null));
        ErrorHandler handler = new ErrorHandler();
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setExecutionExceptionHandler(handler);
        return commandLine;
    }

    @Test
    void defaultNetworkPassesWithOneLinePerParameterArray() {
        int status = run("gradcheck");

        assertThat(status).isZero();
        String text = out.toString();
        assertThat(text).startsWith("Gradient check of input:4,fc:5,relu,fc:3,softmax,"
                + "classification (43 parameters, float64), batch 4, seed 1");
        assertThat(text).containsPattern("fc_1/weights +20  \\d\\.\\d\\de-\\d\\d ")
                .containsPattern("fc_1/bias +5  ").containsPattern("fc_2/weights +15  ")
                .containsPattern("fc_2/bias +3  ")
                .containsPattern("overall max relative error \\d\\.\\d\\de-\\d\\d, tolerance "
                        + "1\\.00e-07: PASS");
    }

    @Test
    void everyLayerKindPassesInBothPrecisions() {
        String layers = "fc:5,leakyrelu,dropout:0.3,fc:4:nobias,sigmoid,fc:4,tanh,fc:3,linear,"
                + "fc:3,softmax";
        for (String precision : new String[] {"float64", "float32"}) {
            out.getBuffer().setLength(0);

            int status = run("gradcheck", "--layers", layers, "--precision", precision,
                    "--batch", "5", "--seed", "3");

            assertThat(status).as(out.toString()).isZero();
            assertThat(out.toString()).contains("PASS");
        }
    }

    @Test
    void regressionLossFromTheLossOption() {
        int status = run("gradcheck", "--layers", "3-4-2", "--loss", "mse", "--json");

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith(
                "{\"layers\":\"input:3,fc:4,relu,fc:2,regression\",\"precision\":\"float64\"")
                .contains("\"passed\":true");
        assertThat(err.toString()).contains("PASS");
    }

    @Test
    void aBrokenLayerFailsWithExitOne() {
        int status = run(withBrokenSquare(), "--layers", "fc:4,square,fc:2", "--loss", "mse");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).containsPattern("fc_1/weights +12  [1-9]\\.\\d\\de-0[0-2] ")
                .containsPattern("tolerance 1\\.00e-07: FAIL");
    }

    @Test
    void aBrokenLayerFailsInFloat32Too() {
        int status = run(withBrokenSquare(), "--layers", "fc:4,square,fc:2,softmax",
                "--precision", "float32");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("tolerance 1.00e-03: FAIL");
    }

    @Test
    void lossThatContradictsTheListIsAUsageError() {
        int status = run("gradcheck", "--layers", "fc:3,softmax,classification", "--loss",
                "mse");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("descent: --loss mse contradicts the layer"
                + " list, which ends in classification");
    }

    @Test
    void unknownLossAndBadSizesAreUsageErrors() {
        assertThat(run("gradcheck", "--loss", "hinge")).isEqualTo(2);
        assertThat(err.toString()).contains("--loss must be crossentropy or mse, got 'hinge'");
        err.getBuffer().setLength(0);

        assertThat(run("gradcheck", "--layers", "4-0-3")).isEqualTo(2);
        assertThat(err.toString()).contains(
                "--layers: every size must be a whole number from 1 to 2147483647, got '0' in"
                        + " '4-0-3'");
    }

    @Test
    void inputsThatContradictTheListAreAUsageError() {
        assertThat(run("gradcheck", "--layers", "input:5,fc:2", "--inputs", "3")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("descent: --inputs 3 contradicts the layer"
                + " list, which starts with input:5; give --inputs 5 or leave it out");
        err.getBuffer().setLength(0);

        assertThat(run("gradcheck", "--layers", "4-5-3", "--inputs", "7")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("descent: --inputs 7 contradicts the layer"
                + " list, which starts with input:4; give --inputs 4 or leave it out");
    }

    @Test
    void inputsThatAgreeWithTheListAreAccepted() {
        assertThat(run("gradcheck", "--layers", "input:5,fc:2", "--inputs", "5")).isZero();
        assertThat(run("gradcheck", "--layers", "4-5-3", "--inputs", "4")).isZero();
        assertThat(out.toString()).startsWith("Gradient check of input:5,fc:2,regression");
    }

    /** Seed 6 puts a ReLU input within the step of its kink; such entries are not failures. */
    @Test
    void entriesWhoseStepsCrossAKinkAreSkippedAndReported() {
        int status = run("gradcheck", "--layers", "4-8-8-3", "--batch", "6", "--seed", "6");

        assertThat(status).as(out.toString()).isZero();
        assertThat(out.toString()).contains(
                "\nfc_1/weights: 4 entries skipped: a kink of ReLU lies within the step\n"
                        + "fc_1/bias: 1 entry skipped: a kink of ReLU lies within the step\n")
                .containsPattern("tolerance 1\\.00e-07: PASS").doesNotContain("note:");
    }

    @Test
    void correctNetworksNearKinksPassForEverySeed() {
        for (int seed = 1; seed <= 25; seed++) {
            out.getBuffer().setLength(0);

            int status = run("gradcheck", "--layers", "4-8-8-3", "--batch", "6", "--seed",
                    Integer.toString(seed));

            assertThat(status).as("seed %d: %s", seed, out).isZero();
        }
    }

    @Test
    void aBrokenLayerAfterAReluStillFails() {
        int status = run(withBrokenSquare(), "--layers", "fc:4,relu,square,fc:2", "--loss",
                "mse", "--batch", "6");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).containsPattern("tolerance 1\\.00e-07: FAIL");
    }
}
