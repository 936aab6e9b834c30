package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layer lists that are not networks are refused when parsed or built, saying what is wrong. */
class LayerListValidationTest {

    @Test
    void anEmptyEntryIsRefusedNotDropped() {
        assertThatThrownBy(() -> Layers.parse("fc:16,,fc:3,softmax"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry 2 of \"fc:16,,fc:3,softmax\" is empty");
        assertThatThrownBy(() -> Layers.parse("fc:3,softmax,"))
                .hasMessage("entry 3 of \"fc:3,softmax,\" is empty");
    }

    @Test
    void aSizeBeyondAnIntIsSaidInWords() {
        assertThatThrownBy(() -> Layers.parse("fc:3000000000,softmax"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer \"fc:3000000000\": the size must be a whole number from 1 to"
                        + " 2147483647, found 3000000000");
        assertThatThrownBy(() -> Layers.parse("input:0,fc:2"))
                .hasMessage("layer \"input:0\": the size must be a whole number from 1 to"
                        + " 2147483647, found 0");
    }

    @Test
    void aSoftmaxNotDirectlyBeforeTheOutputIsRefused() {
        List<LayerSpec> twoSoftmax = List.of(Layers.featureInput(4), Layers.fullyConnected(3),
                Layers.softmax(), Layers.softmax(), Layers.classification());

        assertThatThrownBy(() -> Network.create(twoSoftmax, Precision.FLOAT32, new Rng(1),
                List.of("a", "b", "c")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 3 (softmax) of input:4,fc:3,softmax,softmax,classification: a"
                        + " softmax must come directly before the output layer, found softmax"
                        + " after it");
    }

    @Test
    void aSoftmaxRightBeforeTheOutputIsANetwork() {
        Layers.validate(List.of(Layers.featureInput(4), Layers.fullyConnected(3),
                Layers.softmax(), Layers.classification()));

        assertThat(Layers.parse("fc:3,softmax")).hasSize(3);
    }
}
