package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Networks too large for int-sized buffers are refused before anything is allocated. */
class NetworkSizeTest {
    private static List<LayerSpec> network(int input, int hidden, int outputs) {
        return List.of(Layers.featureInput(input), Layers.fullyConnected(hidden), Layers.relu(),
                Layers.fullyConnected(outputs), Layers.softmax(), Layers.classification());
    }

    @Test
    void parametersBeyondAnIntAreRefusedNamingTheLayerAndTheCount() {
        List<String> classes = List.of("a", "b", "c");

        assertThatThrownBy(() -> Network.create(network(784, 2_000_000_000, 3),
                Precision.FLOAT32, new Rng(1), classes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 2 (fc:2000000000): too large: its 1,570,000,000,000 parameters"
                        + " bring the network to 1,570,000,000,000, more than the 536,870,911 a"
                        + " float32 network can hold");
    }

    @Test
    void theParameterCountIsExactInLong() {
        long count = Network.parameterCount(network(2, 2_000_000_000, 1));

        assertThat(count).isEqualTo(2L * 2_000_000_000 + 2_000_000_000 + 2_000_000_000L + 1);
    }

    @Test
    void aNetworkThatFitsOnlyInFloat32IsRefusedInFloat64() {
        // 4 x 100,000,000 weights and as many biases: 500,000,000 fit 4 bytes each, not 8.
        List<LayerSpec> specs = List.of(Layers.featureInput(4),
                Layers.fullyConnected(100_000_000), Layers.regression());

        assertThat(Network.checkSize(specs, Precision.FLOAT32, 1)).isEqualTo(500_000_000L);
        assertThatThrownBy(() -> Network.checkSize(specs, Precision.FLOAT64, 1))
                .hasMessageStartingWith("layer 2 (fc:100000000): too large: its 500,000,000"
                        + " parameters");
    }

    @Test
    void activationsBeyondABufferAreRefusedForTheBatchSize() {
        List<LayerSpec> specs = network(2, 10_000_000, 3);

        assertThat(Network.checkSize(specs, Precision.FLOAT32, 50)).isEqualTo(60_000_003L);
        assertThatThrownBy(() -> Network.checkSize(specs, Precision.FLOAT32, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 2 (fc:10000000): too large: its activations for a batch of"
                        + " 64 rows are 64 x 10000000 = 640,000,000 values, more than the"
                        + " 536,870,911 a float32 buffer can hold");
    }

    @Test
    void aMatrixBeyondABufferIsRefusedInsteadOfOverflowing() {
        assertThatThrownBy(() -> Matrix.zeros(Precision.FLOAT32, 65_536, 65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a 65536x65536 matrix has 4,294,967,296 elements, more than the"
                        + " 536,870,911 a float32 matrix can hold");
    }
}
