package dev.descent.shallow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.util.Rng;
import org.junit.jupiter.api.Test;

/** The backpropagated gradient against central finite differences of the performance. */
class ShallowObjectiveTest {
    private static double[] random(Rng rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    /** Largest |analytic - numeric| / max(|analytic|, |numeric|, 1e-7) over all parameters. */
    private static double worstRelativeError(ShallowObjective objective, double[] w) {
        double[] g = new double[w.length];
        objective.evaluate(w, g);
        double worst = 0;
        double h = 1e-5;
        for (int i = 0; i < w.length; i++) {
            double[] p = w.clone();
            p[i] += h;
            double up = objective.value(p);
            p[i] = w[i] - h;
            double down = objective.value(p);
            double numeric = (up - down) / (2 * h);
            double scale = Math.max(Math.max(Math.abs(g[i]), Math.abs(numeric)), 1e-7);
            worst = Math.max(worst, Math.abs(g[i] - numeric) / scale);
        }
        return worst;
    }

    @Test
    void patternnetGradientWithTwoHiddenLayersMatchesFiniteDifferences() {
        Rng rng = new Rng(7);
        int n = 9;
        int[] sizes = {4, 5, 3, 3};
        double[] x = random(rng, n * 4, 1);
        int[] labels = {0, 1, 2, 0, 1, 2, 2, 1, 0};
        double[] t = ShallowNetwork.oneHot(labels, 3);
        ShallowObjective objective = new ShallowObjective(sizes,
                new Transfer[] {Transfer.TANSIG, Transfer.TANSIG, Transfer.SOFTMAX},
                PerformFcn.CROSSENTROPY, 0, null, x, t, n);
        assertThat(objective.dimension()).isEqualTo(5 * 5 + 3 * 6 + 3 * 4);
        double[] w = random(rng, objective.dimension(), 1);
        assertThat(worstRelativeError(objective, w)).isLessThan(1e-6);
    }

    @Test
    void fitnetGradientThroughOutputMappingAndRegularisationMatches() {
        Rng rng = new Rng(8);
        int n = 7;
        double[] x = random(rng, n * 3, 1);
        double[] t = random(rng, n * 2, 50);
        t[3] = Double.NaN;
        MapMinMax outputMap = MapMinMax.fit(t, n, 2);
        ShallowObjective objective = new ShallowObjective(new int[] {3, 4, 2},
                new Transfer[] {Transfer.TANSIG, Transfer.PURELIN}, PerformFcn.MSE, 0.25,
                outputMap, x, t, n);
        double[] w = random(rng, objective.dimension(), 1);
        assertThat(worstRelativeError(objective, w)).isLessThan(1e-6);
    }

    @Test
    void logsigAndSingleOutputCrossEntropyGradientMatches() {
        Rng rng = new Rng(9);
        int n = 6;
        double[] x = random(rng, n * 2, 1);
        double[] t = {1, 0, 1, 1, 0, 0};
        ShallowObjective objective = new ShallowObjective(new int[] {2, 3, 1},
                new Transfer[] {Transfer.TANSIG, Transfer.LOGSIG}, PerformFcn.CROSSENTROPY, 0,
                null, x, t, n);
        double[] w = random(rng, objective.dimension(), 1);
        assertThat(worstRelativeError(objective, w)).isLessThan(1e-6);
    }

    @Test
    void valueIsHandComputedForOneNeuron() {
        // 1 input -> 1 tansig -> 2 softmax; w1 = 0.5, b1 = 0; w2 = [1, -1], b2 = [0, 0].
        ShallowObjective objective = new ShallowObjective(new int[] {1, 1, 2},
                new Transfer[] {Transfer.TANSIG, Transfer.SOFTMAX}, PerformFcn.CROSSENTROPY, 0,
                null, new double[] {2.0}, new double[] {1, 0}, 1);
        double a = Math.tanh(1.0);
        double y0 = Math.exp(a) / (Math.exp(a) + Math.exp(-a));
        double expected = -Math.log(y0) / 2;
        assertThat(objective.value(new double[] {0.5, 0, 1, -1, 0, 0}))
                .isCloseTo(expected, within(1e-15));
        assertThat(objective.lastOutputs()).containsExactly(
                new double[] {y0, 1 - y0}, within(1e-15));
    }

    @Test
    void anEmptySetHasNaNPerformance() {
        ShallowObjective objective = new ShallowObjective(new int[] {1, 1, 2},
                new Transfer[] {Transfer.TANSIG, Transfer.SOFTMAX}, PerformFcn.CROSSENTROPY, 0,
                null, new double[0], new double[0], 0);
        assertThat(objective.value(new double[6])).isNaN();
    }
}
