package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.ActivationFunction;
import dev.descent.util.Rng;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BackpropCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /**
     * The lesson's example by hand: z = 0.5 * 2 - 0.25 * 1 = 0.75, yhat = 0.75,
     * L = 1/2 (0.25)^2 = 0.03125, dL/dyhat = -0.25, dL/dz = -0.25, dL/dw = [-0.5, -0.25],
     * w_new = [0.55, -0.225], z_new = 0.875, L_new = 1/2 (0.125)^2 = 0.0078125.
     */
    @Test
    void lessonExampleHasTheHandComputedNumbers() {
        NeuronWalkthrough.Result r = NeuronWalkthrough.run(new double[] {2, 1},
                new double[] {0.5, -0.25}, 1, 0.1, ActivationFunction.RELU);

        assertThat(r.z()).isCloseTo(0.75, within(1e-12));
        assertThat(r.yhat()).isCloseTo(0.75, within(1e-12));
        assertThat(r.loss()).isCloseTo(0.03125, within(1e-12));
        assertThat(r.dLdyhat()).isCloseTo(-0.25, within(1e-12));
        assertThat(r.dyhatDz()).isEqualTo(1);
        assertThat(r.dLdz()).isCloseTo(-0.25, within(1e-12));
        assertThat(r.dLdw()).containsExactly(new double[] {-0.5, -0.25}, within(1e-12));
        assertThat(r.wNew()).containsExactly(new double[] {0.55, -0.225}, within(1e-12));
        assertThat(r.lossNew()).isCloseTo(0.0078125, within(1e-12));
        assertThat(r.deadRelu()).isFalse();
    }

    @Test
    void bareCommandPrintsTheLessonsTrace() {
        int status = run("backprop");

        assertThat(status).isZero();
        assertThat(out.toString()).contains(
                "  z        = w1 x1 + w2 x2 = 0.5 * 2 + (-0.25) * 1 = 0.75",
                "  L        = 1/2 (y - yhat)^2 = 1/2 (1 - 0.75)^2 = 0.03125",
                "  dL/dyhat = yhat - y = 0.75 - 1 = -0.25",
                "  dyhat/dz = relu'(z) = 1 (because z > 0)",
                "  dL/dz    = dL/dyhat * dyhat/dz = (-0.25) * 1 = -0.25",
                "  dL/dw1   = dL/dz * x1 = (-0.25) * 2 = -0.5",
                "  dL/dw2   = dL/dz * x2 = (-0.25) * 1 = -0.25",
                "  w1 = 0.5 - 0.1 * (-0.5) = 0.55",
                "  w2 = -0.25 - 0.1 * (-0.25) = -0.225",
                "L = 0.0078125 (was 0.03125): the loss decreased by 0.0234375.");
        assertThat(out.toString()).doesNotContain("did not fire");
    }

    @Test
    void jsonHasExactlyTheListedKeys() {
        int status = run("backprop", "--json");

        assertThat(status).isZero();
        assertThat(out.toString().strip()).matches("\\{\"z\":0\\.75,\"yhat\":0\\.75,"
                + "\"loss\":0\\.03125,\"dL_dyhat\":-0\\.25,\"dL_dz\":-0\\.25,"
                + "\"dL_dw\":\\[-0\\.5,-0\\.25],\"w_new\":\\[0\\.55,-0\\.225],"
                + "\"loss_new\":0\\.00781249999999\\d*}");
        assertThat(err.toString()).contains("Forward pass");
    }

    /**
     * Dead ReLU by hand: x = [1, 1], w = [-1, 0.5]: z = -0.5, yhat = 0, L = 1/2, dL/dyhat = -1,
     * relu'(-0.5) = 0, so dL/dz = 0, dL/dw = [0, 0], the weights stay and L stays 1/2.
     */
    @Test
    void deadReluSaysTheNeuronDidNotFireAndNothingMoves() {
        int status = run("backprop", "--x", "1,1", "--w", "-1,0.5", "--json");

        assertThat(status).isZero();
        assertThat(out.toString().strip()).isEqualTo("{\"z\":-0.5,\"yhat\":0,\"loss\":0.5,"
                + "\"dL_dyhat\":-1,\"dL_dz\":0,\"dL_dw\":[0,0],\"w_new\":[-1,0.5],"
                + "\"loss_new\":0.5}");
        assertThat(err.toString()).contains(
                "The neuron did not fire: z = -0.5 <= 0, where ReLU outputs 0 and its gradient"
                        + " is zero.",
                "the weights do not move", "the loss did not change");
    }

    @Test
    void zeroInputToReluCountsAsNotFiring() {
        NeuronWalkthrough.Result r = NeuronWalkthrough.run(new double[] {1, 2},
                new double[] {1, -0.5}, 1, 0.1, ActivationFunction.RELU);

        assertThat(r.z()).isZero();
        assertThat(r.deadRelu()).isTrue();
        assertThat(r.dLdw()).containsExactly(0, 0);
        assertThat(r.wNew()).containsExactly(1, -0.5);
    }

    /** Random inputs for every activation against the formulas, to 1e-12. */
    @Test
    void anyInputsMatchTheChainRuleFormulas() {
        Rng rng = new Rng(42);
        for (int trial = 0; trial < 300; trial++) {
            ActivationFunction f = ActivationFunction.values()[trial % 5];
            int n = 1 + rng.nextInt(4);
            double[] x = new double[n];
            double[] w = new double[n];
            double z = 0;
            for (int i = 0; i < n; i++) {
                x[i] = 3 * rng.nextGaussian();
                w[i] = rng.nextGaussian();
                z += w[i] * x[i];
            }
            double y = rng.nextGaussian();
            double lr = 0.01 + rng.nextDouble();
            double scale = f == ActivationFunction.LEAKY_RELU ? 0.01 : 0;
            double yhat = f.apply(z, scale);
            double slope = switch (f) {
                case RELU -> z > 0 ? 1 : 0;
                case LEAKY_RELU -> z > 0 ? 1 : 0.01;
                case TANH -> 1 - Math.tanh(z) * Math.tanh(z);
                case SIGMOID -> Math.exp(-z) / Math.pow(1 + Math.exp(-z), 2);
                case LINEAR -> 1;
            };
            double dLdz = (yhat - y) * slope;

            NeuronWalkthrough.Result r = NeuronWalkthrough.run(x, w, y, lr, f);

            double tolerance = 1e-12 * Math.max(1, Math.abs(z));
            assertThat(r.z()).isCloseTo(z, within(tolerance));
            assertThat(r.loss()).isCloseTo(0.5 * (y - yhat) * (y - yhat),
                    within(1e-12 * Math.max(1, r.loss())));
            assertThat(r.dLdyhat()).isCloseTo(yhat - y, within(tolerance));
            assertThat(r.dLdz()).isCloseTo(dLdz, within(tolerance));
            for (int i = 0; i < n; i++) {
                double gradient = dLdz * x[i];
                assertThat(r.dLdw()[i]).isCloseTo(gradient,
                        within(1e-12 * Math.max(1, Math.abs(gradient))));
                assertThat(r.wNew()[i]).isCloseTo(w[i] - lr * gradient,
                        within(1e-12 * Math.max(1, Math.abs(w[i] - lr * gradient))));
            }
        }
    }

    @Test
    void layerTraceOf2x3x1PrintsEveryLayerAndIsRepeatable() {
        int status = run("backprop", "--layers", "2-3-1", "--seed", "1");
        String first = out.toString();
        out.getBuffer().setLength(0);
        run("backprop", "--layers", "2-3-1", "--seed", "1");

        assertThat(status).isZero();
        assertThat(first).isEqualTo(out.toString());
        assertThat(first).contains("Network input:2,fc:3,relu,fc:1,regression (13 parameters",
                "Forward pass", "  fc_1             z1 = x W1 + b1 = ",
                "  relu_1           a1 = relu(z1) = ", "  fc_2             z2 = a1 W2 + b2 = ",
                "Backward pass", "delta2 = dL/dz2 = ", "dW2 = a1^T delta2 = ",
                "db2 = delta2 = ", "dL/da1 = delta2 W2^T = ",
                "delta1 = dL/da1 * relu'(z1) = ", "dW1 = x^T delta1 = ",
                "Update (gradient descent: W <- W - 0.1 dW, b <- b - 0.1 db)",
                "Loss after the update: ");
    }

    @Test
    void compactFormWithSoftmaxShowsTheFusedGradient() {
        int status = run("backprop", "--layers", "fc:3,tanh,fc:2,softmax", "--x", "1,-1,0.5",
                "--y", "2");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("p = softmax(z2)",
                "dL/dz2 = p - t (softmax and cross-entropy together)",
                "delta1 = dL/da1 * tanh'(z1)");
    }

    @Test
    void layerTraceJsonHasTheLayers() {
        int status = run("backprop", "--layers", "2-2-1", "--json");

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("{\"layers\":\"input:2,fc:2,relu,fc:1,regression\"")
                .contains("\"fc_1/weights\":{\"rows\":2,\"cols\":2,\"value\":[", "\"loss_new\":");
    }

    @Test
    void mismatchedInputsAndWeightsAreAOneLineError() {
        int status = run("backprop", "--x", "1,2,3", "--w", "1,2");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo(
                "descent: --x has 3 values but --w has 2; give one weight per input");
    }

    @Test
    void unknownActivationAndWeightsWithLayersAreRejected() {
        assertThat(run("backprop", "--activation", "swish")).isEqualTo(2);
        assertThat(err.toString()).contains("activation must be relu, leakyrelu, tanh, sigmoid"
                + " or linear, got swish");
        err.getBuffer().setLength(0);

        assertThat(run("backprop", "--layers", "2-3-1", "--w", "1,2")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("descent: --w sets the single neuron's "
                + "weights; with --layers the weights come from --seed");
    }

    @Test
    void graphIsWrittenAsSvgWithTheTracesNumbers(@TempDir Path temp) throws IOException {
        Path svg = temp.resolve("pictures/graph.svg");

        int status = run("backprop", "--graph", svg.toString());

        assertThat(status).isZero();
        String text = Files.readString(svg);
        assertThat(text).contains("<svg", "z = 0.75", "dL/dz = -0.25", "dL/dw1 = -0.5",
                "dL/dw2 = -0.25", "yhat = 0.75", "dL/dyhat = -0.25", "L = 0.03125");
    }

    @Test
    void graphIsWrittenAsPng(@TempDir Path temp) throws IOException {
        Path png = temp.resolve("graph.png");

        assertThat(run("backprop", "--graph", png.toString(), "--activation", "tanh")).isZero();

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1120);
        assertThat(image.getHeight()).isEqualTo(500);
    }

    @Test
    void graphNeedsAPictureExtension(@TempDir Path temp) {
        int status = run("backprop", "--graph", temp.resolve("graph.txt").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("'--graph': expected a file name ending in .svg or"
                + " .png");
    }

    @Test
    void classifierTargetsPerOutputMustBeADistribution() {
        int status = run("backprop", "--layers", "fc:3,tanh,fc:2,softmax", "--x", "1,1,1",
                "--y", "1,2");

        assertThat(status).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).isEqualTo("descent: --y 1,2 is not a distribution "
                + "over the 2 classes: its values sum to 3; give a class number from 1 to 2 or 2"
                + " probabilities (each at least 0) that sum to 1");
    }

    @Test
    void classifierTargetsMayNotBeNegativeInAnyClassifierForm() {
        for (String layers : new String[] {"fc:3,tanh,fc:2,softmax",
                "input:3,fc:2,softmax,classification"}) {
            err.getBuffer().setLength(0);

            int status = run("backprop", "--layers", layers, "--x", "1,1,1", "--y", "-5,0.5");

            assertThat(status).isEqualTo(2);
            assertThat(err.toString().strip()).isEqualTo("descent: --y -5,0.5 is not a "
                    + "distribution over the 2 classes: -5 is negative; give a class number from"
                    + " 1 to 2 or 2 probabilities (each at least 0) that sum to 1");
        }
    }

    @Test
    void classifierAcceptsProbabilitiesAndClassNumbers() {
        assertThat(run("backprop", "--layers", "fc:3,tanh,fc:2,softmax", "--x", "1,1,1",
                "--y", "0.25,0.75", "--json")).isZero();
        assertThat(out.toString()).contains("\"target\":[0.25,0.75]");
        out.getBuffer().setLength(0);

        assertThat(run("backprop", "--layers", "fc:3,tanh,fc:2,softmax", "--x", "1,1,1",
                "--y", "2", "--json")).isZero();
        assertThat(out.toString()).contains("\"target\":[0,1]");
    }

    @Test
    void overflowInTheForwardPassIsAOneLineError() {
        for (boolean json : new boolean[] {false, true}) {
            err.getBuffer().setLength(0);
            String[] args = {"backprop", "--x", "1e308,1e308", "--w", "1e308,1", "--activation",
                "linear", "--json"};

            int status = run(Arrays.copyOf(args, json ? 8 : 7));

            assertThat(status).isEqualTo(2);
            assertThat(out.toString()).isEmpty();
            assertThat(err.toString().strip()).isEqualTo("descent: z = w . x is Inf: --x and --w"
                    + " are too large for double precision (largest about 1.8e+308); pass"
                    + " smaller values");
        }
    }

    @Test
    void overflowOfTheUpdateNamesTheLearningRate() {
        int status = run("backprop", "--x", "1e10,1", "--w", "1e-10,0", "--y", "0",
                "--activation", "linear", "--lr", "1e300");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("descent: w1 after the update is -Inf: --x,"
                + " --w, --y and --lr are too large for double precision (largest about"
                + " 1.8e+308); pass smaller values");
    }

    @Test
    void overflowInALayerTraceNamesTheQuantity() {
        int status = run("backprop", "--layers", "2-2-1", "--x", "1e308,1e308", "--activation",
                "linear");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("descent: the loss is Inf: --x and --y are"
                + " too large for double precision (largest about 1.8e+308); pass smaller"
                + " values");
    }

    @Test
    void jsonNumbersUseTheTracesExponentForm() {
        int status = run("backprop", "--x", "1e-200,1", "--w", "1e200,1", "--activation",
                "linear", "--json");

        assertThat(status).isZero();
        assertThat(out.toString().strip()).isEqualTo("{\"z\":2,\"yhat\":2,\"loss\":0.5,"
                + "\"dL_dyhat\":1,\"dL_dz\":1,\"dL_dw\":[1e-200,1],\"w_new\":[1e+200,0.9],"
                + "\"loss_new\":0.4049999999999999}");
        assertThat(err.toString()).contains("w1 = 1e+200 - 0.1 * 1e-200 = 1e+200");
    }

    @Test
    void listOptionsMayBeGivenOnlyOnce() {
        for (String option : new String[] {"--x", "--w", "--y"}) {
            err.getBuffer().setLength(0);

            int status = run("backprop", option, "2,1", option, "3,3");

            assertThat(status).isEqualTo(2);
            assertThat(out.toString()).isEmpty();
            assertThat(err.toString().strip()).isEqualTo("descent: option '" + option + "' ("
                    + option.substring(2).toUpperCase(Locale.ROOT) + ") should be"
                    + " specified only once (try 'descent backprop --help')");
        }
    }
}
