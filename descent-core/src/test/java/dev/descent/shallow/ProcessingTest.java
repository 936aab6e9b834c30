package dev.descent.shallow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Case B16: removeconstantrows and mapminmax, with constant and NaN features. */
class ProcessingTest {
    /** MATLAB's features-by-samples matrix as observations-by-features, row-major. */
    static double[] columns(double[][] featureRows) {
        int f = featureRows.length;
        int n = featureRows[0].length;
        double[] x = new double[n * f];
        for (int j = 0; j < f; j++) {
            for (int i = 0; i < n; i++) {
                x[i * f + j] = featureRows[j][i];
            }
        }
        return x;
    }

    @Test
    void constantRowsAreRemovedAndTheRestMappedToMinusOneOne() {
        double[] x1 = columns(new double[][] {{1, 2, 4}, {1, 1, 1}, {3, 2, 2}, {0, 0, 0}});
        RemoveConstantRows remove = RemoveConstantRows.fit(x1, 3, 4);
        assertThat(remove.kept()).containsExactly(0, 2);
        double[] kept = remove.apply(x1, 3);
        MapMinMax map = MapMinMax.fit(kept, 3, 2);
        // Rows of the B16 answer [-1 -0.3333 1; 1 -1 -1], written observation by observation.
        assertThat(map.apply(kept, 3)).containsExactly(
                new double[] {-1, 1, -1.0 / 3, -1, 1, -1}, within(1e-12));

        double[] x2 = columns(new double[][] {{5, 2, 3}, {1, 1, 1}, {6, 7, 3}, {0, 0, 0}});
        // [1.6667 -0.3333 0.3333; 7 9 1]: new data may fall outside [-1, 1].
        assertThat(map.apply(remove.apply(x2, 3), 3)).containsExactly(
                new double[] {5.0 / 3, 7, -1.0 / 3, 9, 1.0 / 3, 1}, within(1e-12));
    }

    @Test
    void nanIsMissingWhenLookingForConstantRows() {
        double[] x = columns(new double[][] {{1, 1, 1, Double.NaN}, {1, 1, 1, 2}});
        RemoveConstantRows remove = RemoveConstantRows.fit(x, 4, 2);
        assertThat(remove.kept()).containsExactly(1);
        MapMinMax map = MapMinMax.fit(remove.apply(x, 4), 4, 1);
        assertThat(map.apply(remove.apply(x, 4), 4)).containsExactly(-1, -1, -1, 1);
    }

    @Test
    void mapminmaxOfAConstantRowIsTheIdentityNeverNaN() {
        MapMinMax map = MapMinMax.fit(new double[] {5, 5, 5}, 3, 1);
        assertThat(map.apply(new double[] {5, 5, 5}, 3)).containsExactly(5, 5, 5);
        assertThat(map.gain()).containsExactly(1);
        assertThat(map.xmin()).containsExactly(-1);
        MapMinMax allNaN = MapMinMax.fit(new double[] {Double.NaN, Double.NaN}, 2, 1);
        assertThat(allNaN.apply(new double[] {3}, 1)).containsExactly(3);
        MapMinMax tiny = MapMinMax.fit(new double[] {1, 1 + 1e-15}, 2, 1);
        assertThat(tiny.gain()).containsExactly(1);
    }

    @Test
    void reverseUndoesTheMapping() {
        double[] x = {2, -3, 4, 10, 6, 0};
        MapMinMax map = MapMinMax.fit(x, 3, 2);
        double[] y = map.apply(x, 3);
        map.reverseInPlace(y, 3);
        assertThat(y).containsExactly(x, within(1e-12));
        RemoveConstantRows remove = RemoveConstantRows.fit(new double[] {1, 7, 2, 7}, 2, 2);
        assertThat(remove.reverse(new double[] {1, 2}, 2)).containsExactly(1, 7, 2, 7);
    }

    @Test
    void aPixelDarkInEveryTrainingImageIsDroppedAndNewValuesThereAreIgnored() {
        // Three 2-pixel "images"; pixel 1 is 0 everywhere in training.
        double[] train = {0.2, 0, 0.9, 0, 0.5, 0};
        ShallowNetwork net = ShallowNetwork.patternnet(3).configure(train, 3, 2,
                new double[] {1, 0, 0, 1, 1, 0}, 2, new dev.descent.util.Rng(1));
        assertThat(net.sizes()[0]).isEqualTo(1);
        double[] a = net.predict(new double[] {0.5, 0}, 1);
        double[] b = net.predict(new double[] {0.5, 0.5}, 1);
        assertThat(b).containsExactly(a);
        assertThat(a[0] + a[1]).isCloseTo(1, within(1e-12));
    }

    @Test
    void nanInAKeptFeatureIsRefusedByName() {
        double[] x = {1, 0, Double.NaN, 1, 3, 0, 4, 1};
        ShallowNetwork spec = ShallowNetwork.patternnet(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> spec.train(x, 4,
                        new double[] {1, 0, 0, 1, 1, 0, 0, 1}, 2, new dev.descent.util.Rng(1),
                        null))
                .hasMessageStartingWith("observation 2, feature 1 is NaN");
    }
}
