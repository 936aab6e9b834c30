package dev.descent.shallow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.util.Rng;
import org.junit.jupiter.api.Test;

/** Layer sizes are counted in long; a network that cannot fit is refused before allocating. */
class ShallowSizeTest {
    @Test
    void countsWeightsAndBiases() {
        assertThat(ShallowModel.checkSize(new int[] {4, 10, 3}, 150)).isEqualTo(10 * 5 + 3 * 11);
    }

    @Test
    void aHiddenLayerBeyondAnIntIsRefusedNotOverflowed() {
        ShallowNetwork net = ShallowNetwork.patternnet(new int[] {2_000_000_000});
        double[] x = {0, 1, 1, 0};
        double[] t = {1, 0, 0, 1};

        assertThatThrownBy(() -> net.configure(x, 2, 2, t, 2, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hidden layer 1 (2,000,000,000 neurons): too large: its"
                        + " 6,000,000,000 weights and biases bring the network to"
                        + " 6,000,000,000, more than the 268,435,455 a float64 buffer can hold");
    }

    @Test
    void outputsOfABlockThatDoNotFitAreRefusedNamingTheBlock() {
        assertThatThrownBy(() -> ShallowModel.checkSize(new int[] {1, 30_000_000, 1}, 104))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hidden layer 1 (30,000,000 neurons): too large: its outputs for a"
                        + " block of 104 observations are 3,120,000,000 values, more than the"
                        + " 268,435,455 a float64 buffer can hold");
    }
}
