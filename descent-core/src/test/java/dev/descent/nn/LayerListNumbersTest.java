package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The numbers of a compact layer list are read as the command line reads them: plain decimal
 * numbers, so a library user gets the refusal {@code descent --layers} gives.
 */
class LayerListNumbersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "fc:8,dropout:0.5d,fc:3;entry 2 \"dropout:0.5d\": the probability must be a plain"
                + " decimal number such as 0.3, found \"0.5d\"",
        "fc:8,dropout:0.3f;entry 2 \"dropout:0.3f\": the probability must be a plain"
                + " decimal number such as 0.3, found \"0.3f\"",
        "fc:8,dropout:NaN;entry 2 \"dropout:NaN\": the probability must be a plain"
                + " decimal number such as 0.3, found \"NaN\"",
        "dropout:0x0.8p-1;entry 1 \"dropout:0x0.8p-1\": the probability must be a plain"
                + " decimal number such as 0.3, found \"0x0.8p-1\"",
        "fc:8,leakyrelu:Infinity,fc:1;entry 2 \"leakyrelu:Infinity\": the scale must be a plain"
                + " decimal number such as 0.01, found \"Infinity\"",
        "fc:8,leakyrelu:1e-400;entry 2 \"leakyrelu:1e-400\": the scale must be a plain"
                + " decimal number such as 0.01, found \"1e-400\""})
    void aProbabilityOrScaleInJavaSyntaxIsRefusedNamingTheEntry(String layers, String message) {
        assertThatThrownBy(() -> Layers.parse(layers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "fc:0x10;layer \"fc:0x10\": the size must be a whole number from 1 to 2147483647,"
                + " found 0x10",
        "fc:1e2;layer \"fc:1e2\": the size must be a whole number from 1 to 2147483647,"
                + " found 1e2",
        "input:+5,fc:2;layer \"input:+5\": the size must be a whole number from 1 to"
                + " 2147483647, found +5"})
    void aSizeInJavaSyntaxIsRefusedNamingTheEntry(String layers, String message) {
        assertThatThrownBy(() -> Layers.parse(layers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void plainDecimalNumbersAreRead() {
        assertThat(Layers.parse("fc:8,dropout:+.25,leakyrelu:1E-2,fc:1"))
                .containsExactly(Layers.fullyConnected(8), Layers.dropout(0.25),
                        Layers.leakyRelu(0.01), Layers.fullyConnected(1), Layers.regression());
    }
}
