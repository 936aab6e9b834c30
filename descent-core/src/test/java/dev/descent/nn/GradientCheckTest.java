package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every layer and loss against finite differences, in float64 and float32. */
class GradientCheckTest {

    static List<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Precision precision : Precision.values()) {
            cases.addAll(List.of(
                    Arguments.of("fc:4,relu,fc:3,softmax,classification", 5, 1, precision),
                    Arguments.of("fc:6,leakyrelu,fc:2,softmax,classification", 3, 2, precision),
                    Arguments.of("fc:5,tanh,fc:5,sigmoid,fc:4,softmax,classification", 7, 3,
                            precision),
                    Arguments.of("fc:3,sigmoid,fc:2,regression", 4, 4, precision),
                    Arguments.of("fc:3,linear,fc:3:nobias,regression", 1, 5, precision),
                    Arguments.of("fc:4:nobias,tanh,fc:3,regression", 6, 6, precision),
                    // Softmax before a regression loss exercises the full softmax Jacobian.
                    Arguments.of("fc:4,softmax,regression", 5, 7, precision),
                    Arguments.of("fc:8,relu,dropout:0.5,fc:3,softmax,classification", 9, 8,
                            precision),
                    Arguments.of("fc:1:nobias,relu,regression", 1, 9, precision),
                    // Cross-entropy on probabilities that no softmax made (the unfused path).
                    Arguments.of("fc:3,sigmoid,classification", 4, 10, precision),
                    Arguments.of("fc:5,leakyrelu:0.2,fc:4,linear,regression", 2, 11,
                            precision)));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, batch {1}, {3}")
    @MethodSource("networks")
    void everyLayerAndLossAgreesWithFiniteDifferences(String layers, int batch, long seed,
            Precision precision) {
        Problem problem = Problem.random(layers, 3, batch, seed, precision);
        assertThat(GradientCheck.kinkDistance(problem.network, problem.x, false))
                .isGreaterThan(10 * GradientCheck.STEP);

        List<GradientCheck.ArrayResult> results =
                GradientCheck.check(problem.network, problem.x, problem.target);

        assertThat(results).isNotEmpty();
        assertThat(GradientCheck.maxRelativeError(results))
                .isLessThan(GradientCheck.tolerance(precision));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dropoutPrecisions")
    void dropoutInTrainingModeAgreesWithPinnedMasks(Precision precision) {
        Problem problem = Problem.random(
                "fc:6,relu,dropout:0.4,fc:5,tanh,dropout:0.3,fc:3,softmax,classification", 4, 6,
                21, precision);

        List<GradientCheck.ArrayResult> results =
                GradientCheck.check(problem.network, problem.x, problem.target, true);

        assertThat(GradientCheck.maxRelativeError(results))
                .isLessThan(GradientCheck.tolerance(precision));
    }

    static List<Precision> dropoutPrecisions() {
        return List.of(Precision.values());
    }

    @Test
    void theCheckLeavesValuesAndDropoutStatesAsTheyWere() {
        Problem problem = Problem.random("fc:4,relu,dropout:0.5,fc:2,regression", 3, 2, 5,
                Precision.FLOAT32);
        double[] before = problem.network.parameters().valuesAsDoubles();
        long[] states = problem.network.dropoutStates();

        GradientCheck.check(problem.network, problem.x, problem.target, true);

        assertThat(problem.network.parameters().valuesAsDoubles()).containsExactly(before);
        assertThat(problem.network.dropoutStates()).containsExactly(states);
    }

    /**
     * W1 = [1e-4, 0.5], b1 = 0, x = 1: the first hidden unit's input is 1e-4, so a step of
     * 2h = 1e-3 on its weight or bias crosses ReLU's kink; nothing else moves it across.
     */
    @Test
    void entriesWhoseStepsCrossAReluKinkAreSkippedNotFailed() {
        Problem problem = Problem.random("fc:2,relu,fc:1,regression", 1, 1, 1,
                Precision.FLOAT64);
        problem.network.parameters().setValues(new double[] {1e-4, 0.5, 0, 0, 1, 1, 0});
        problem.x.setFlat(0, 1);

        List<GradientCheck.ArrayResult> results =
                GradientCheck.check(problem.network, problem.x, problem.target);

        assertThat(results).extracting(GradientCheck.ArrayResult::name).containsExactly(
                "fc_1/weights", "fc_1/bias", "fc_2/weights", "fc_2/bias");
        assertThat(results).extracting(GradientCheck.ArrayResult::skipped)
                .containsExactly(1, 1, 0, 0);
        assertThat(results.get(0).worstIndex()).isEqualTo(1);
        assertThat(GradientCheck.maxRelativeError(results)).isLessThan(1e-7);
    }

    @Test
    void anArrayWhoseEveryEntryIsSkippedSaysSo() {
        Problem problem = Problem.random("fc:1,relu,fc:1,regression", 1, 1, 1,
                Precision.FLOAT64);
        problem.network.parameters().setValues(new double[] {1e-4, 0, 1, 0});
        problem.x.setFlat(0, 1);

        List<GradientCheck.ArrayResult> results =
                GradientCheck.check(problem.network, problem.x, problem.target);

        assertThat(results.get(0).allSkipped()).isTrue();
        assertThat(results.get(0).worstIndex()).isEqualTo(-1);
        assertThat(results.get(0).maxRelativeError()).isZero();
        assertThat(results.get(2).allSkipped()).isFalse();
    }

    /** Random networks of random depth, widths, activations and batch sizes, in float64. */
    @Property(tries = 60)
    void randomNetworksPassInFloat64(@ForAll @IntRange(min = 1, max = 3) int depth,
            @ForAll @IntRange(min = 1, max = 6) int batch, @ForAll long seed) {
        Rng choice = new Rng(seed);
        String[] activations = {"relu", "leakyrelu", "tanh", "sigmoid", "linear"};
        StringBuilder layers = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            layers.append("fc:").append(1 + choice.nextInt(5))
                    .append(choice.nextInt(4) == 0 ? ":nobias," : ",")
                    .append(activations[choice.nextInt(activations.length)]).append(',');
        }
        boolean classification = choice.nextInt(2) == 0;
        layers.append("fc:").append(2 + choice.nextInt(3))
                .append(classification ? ",softmax,classification" : ",regression");
        Problem problem = Problem.random(layers.toString(), 1 + choice.nextInt(4), batch,
                seed, Precision.FLOAT64);
        Assume.that(GradientCheck.kinkDistance(problem.network, problem.x, false)
                > 10 * GradientCheck.STEP);

        List<GradientCheck.ArrayResult> results =
                GradientCheck.check(problem.network, problem.x, problem.target);

        assertThat(GradientCheck.maxRelativeError(results)).as(layers.toString())
                .isLessThan(1e-7);
    }

    /** A network with random inputs and targets (one-hot for classification). */
    record Problem(Network network, Matrix x, Matrix target) {
        static Problem random(String layers, int inputs, int batch, long seed,
                Precision precision) {
            return random(Layers.parse(layers), inputs, batch, seed, precision);
        }

        static Problem random(List<LayerSpec> hidden, int inputs, int batch, long seed,
                Precision precision) {
            Rng rng = new Rng(seed);
            List<LayerSpec> specs = new ArrayList<>();
            specs.add(Layers.featureInput(inputs));
            specs.addAll(hidden);
            int outputs = 0;
            for (LayerSpec spec : specs) {
                outputs = spec.outputSize(outputs);
            }
            List<String> classes = new ArrayList<>();
            for (int k = 0; specs.get(specs.size() - 1) instanceof LayerSpec.ClassificationOutput
                    && k < outputs; k++) {
                classes.add("c" + k);
            }
            Network network = Network.create(specs, precision, rng, classes);
            boolean classification = network.isClassification();
            // Random biases too: with zero biases a unit below an all-inactive ReLU layer sits
            // exactly on the kink, where no derivative exists.
            double[] values = new double[network.parameters().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = 0.7 * rng.nextGaussian();
            }
            network.parameters().setValues(values);
            Matrix x = Matrix.zeros(precision, batch, inputs);
            for (int i = 0; i < x.size(); i++) {
                x.setFlat(i, rng.nextGaussian());
            }
            Matrix target = Matrix.zeros(precision, batch, outputs);
            for (int r = 0; r < batch; r++) {
                if (classification) {
                    target.set(r, rng.nextInt(outputs), 1);
                } else {
                    for (int k = 0; k < outputs; k++) {
                        target.set(r, k, rng.nextGaussian());
                    }
                }
            }
            return new Problem(network, x, target);
        }
    }
}
