package dev.descent.shallow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.util.Rng;
import org.junit.jupiter.api.Test;

class NguyenWidrowTest {
    @Test
    void hiddenRowsHaveNormOfSevenTenthsTimesSToTheOneOverRTimesTwo() {
        int s = 10;
        int r = 4;
        double[] out = new double[s * (r + 1)];
        NguyenWidrow.init(s, r, Transfer.TANSIG, -1, 1, new Rng(3), out, 0);
        double magnitude = 0.7 * Math.pow(10, 0.25) * 2;
        for (int i = 0; i < s; i++) {
            double norm = 0;
            for (int j = 0; j < r; j++) {
                norm += out[i * r + j] * out[i * r + j];
            }
            assertThat(Math.sqrt(norm)).isCloseTo(magnitude, within(1e-12));
            // Biases spread evenly over [-magnitude, magnitude], signed like the first weight.
            double spread = -1 + 2.0 * i / (s - 1);
            assertThat(out[s * r + i])
                    .isCloseTo(magnitude * spread * Math.signum(out[i * r]), within(1e-12));
        }
    }

    @Test
    void inputRangeScalesWeightsAndShiftsBiases() {
        double[] unit = new double[3 * 3];
        double[] shifted = new double[3 * 3];
        NguyenWidrow.init(3, 2, Transfer.TANSIG, -1, 1, new Rng(5), unit, 0);
        NguyenWidrow.init(3, 2, Transfer.TANSIG, 0, 1, new Rng(5), shifted, 0);
        // For p in [0, 1] the net input must equal that of p' = 2p - 1 under the unit weights.
        double[] p = {0.3, 0.8};
        for (int i = 0; i < 3; i++) {
            double a = unit[6 + i];
            double b = shifted[6 + i];
            for (int j = 0; j < 2; j++) {
                a += unit[i * 2 + j] * (2 * p[j] - 1);
                b += shifted[i * 2 + j] * p[j];
            }
            assertThat(b).isCloseTo(a, within(1e-12));
        }
    }

    @Test
    void patternnetOutputLayerIsUniformOnMinusOneOne() {
        Rng data = new Rng(1);
        int n = 40;
        double[] x = new double[n * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 * data.nextDouble();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
        }
        ShallowNetwork net = ShallowNetwork.patternnet(20).configure(x, n, 3,
                ShallowNetwork.oneHot(labels, 4), 4, new Rng(2));
        double[] wb = net.getwb();
        int hidden = 20 * 4;
        assertThat(wb).hasSize(hidden + 4 * 21);
        double max = 0;
        for (int i = hidden; i < wb.length; i++) {
            max = Math.max(max, Math.abs(wb[i]));
        }
        assertThat(max).isLessThanOrEqualTo(1.0).isGreaterThan(0.5);
        double norm = 0;
        for (int j = 0; j < 3; j++) {
            norm += wb[j] * wb[j];
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.4 * Math.pow(20, 1.0 / 3), within(1e-12));
    }
}
