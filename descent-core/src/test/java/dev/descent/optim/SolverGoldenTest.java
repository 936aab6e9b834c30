package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.nn.ParameterStore;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameters after 1, 2 and 10 steps of each stochastic solver on {@link TinyProblem}, against
 * PyTorch (golden/optimizers.py, float64). Every step uses the same 4 rows, so the sequence is
 * deterministic.
 */
class SolverGoldenTest {
    private static final Map<String, double[]> GOLDEN = TinyProblem.golden("optimizers.txt");

    record Case(String name, Supplier<Solver> solver, double learnRate) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Arguments> cases() {
        List<Case> cases = List.of(
                new Case("sgd", Sgdm::plain, 0.1),
                new Case("sgdm", () -> new Sgdm(0.9), 0.05),
                new Case("rmsprop", () -> new RmsProp(0.9, 1e-8), 0.01),
                new Case("rmsprop-eps1", () -> new RmsProp(0.9, 1.0), 0.01),
                new Case("adam", () -> new Adam(0.9, 0.999, 1e-8), 0.01),
                new Case("adam-eps0.1", () -> new Adam(0.9, 0.999, 0.1), 0.01));
        return cases.stream()
                .flatMap(c -> List.of(Arguments.of(c, Precision.FLOAT64, 1e-13),
                        Arguments.of(c, Precision.FLOAT32, 2e-6)).stream())
                .toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void parametersAfterOneTwoAndTenStepsMatchPyTorch(Case c, Precision precision,
            double tolerance) {
        Network net = TinyProblem.network(precision);
        ParameterStore store = net.parameters();
        Matrix x = TinyProblem.x(precision);
        Matrix t = TinyProblem.t(precision);
        Solver solver = c.solver().get();

        for (int step = 1; step <= 10; step++) {
            net.computeGradients(x, t, true);
            store.pullGradients();
            solver.step(store, c.learnRate());
            store.pushValues();
            if (step == 1 || step == 2 || step == 10) {
                assertThat(store.valuesAsDoubles()).as("%s after %d steps", c.name(), step)
                        .containsExactly(GOLDEN.get(c.name() + " " + step), within(tolerance));
            }
        }
    }

    /** A one-parameter store, w = 1, whose gradient is 0.5: loss (w x - t)^2 / 2, x 1, t 0.5. */
    private static double oneStep(Solver solver, double learnRate) {
        Network net = Network.create(List.of(Layers.featureInput(1),
                Layers.fullyConnectedNoBias(1), Layers.regression()), Precision.FLOAT64,
                new Rng(1), List.of());
        net.parameters().setValues(new double[] {1});
        net.computeGradients(Matrix.of(Precision.FLOAT64, 1, 1, 1),
                Matrix.of(Precision.FLOAT64, 1, 1, 0.5), true);
        net.parameters().pullGradients();
        assertThat(net.parameters().heapGradients64()[0]).isEqualTo(0.5);
        solver.step(net.parameters(), learnRate);
        return net.parameters().heapValues64()[0];
    }

    @Test
    void rmspropAddsEpsilonAfterTheSquareRootCaseB07() {
        // v1 = 0.1 * 0.25 = 0.025; step = 0.001 * 0.5 / (sqrt(0.025) + eps).
        assertThat(oneStep(new RmsProp(0.9, 1e-8), 0.001)).isCloseTo(0.99683772, within(1e-8));
        double step = 1 - oneStep(new RmsProp(0.9, 1.0), 0.001);
        assertThat(step).isCloseTo(4.3174e-4, within(1e-8));
        assertThat(step).isNotCloseTo(4.9386e-4, within(1e-6));
    }

    @Test
    void sgdmFirstStepIsMinusRateTimesGradientAndVelocityCarriesTheRate() {
        // v1 = -0.01 * 0.5 = -0.005, so w1 = 0.995.
        assertThat(oneStep(new Sgdm(0.9), 0.01)).isCloseTo(0.995, within(1e-15));
    }

    @Test
    void adamFirstStepIsTheRateWhateverTheGradientScale() {
        // m1 / (1 - b1) = g, sqrt(v1 / (1 - b2)) = |g|: the first step is lr g / (|g| + eps)
        // = 0.001 * 0.5 / 0.50000001 = 0.00099999998.
        assertThat(oneStep(new Adam(), 0.001)).isCloseTo(0.99900000002, within(1e-14));
    }
}
