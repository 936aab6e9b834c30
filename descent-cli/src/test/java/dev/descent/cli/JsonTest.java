package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesObjectsInInsertionOrderAndNestedArrays() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("command", "digits");
        result.put("testAccuracy", 0.835);
        result.put("epochs", 50);
        result.put("classes", List.of("0", "1"));
        result.put("counts", new int[][] {{3, 1}, {0, 4}});
        result.put("ok", true);
        result.put("model", null);
        result.put("nested", Map.of("a", new double[] {1.5}));

        assertThat(Json.toString(result))
                .isEqualTo("{\"command\":\"digits\",\"testAccuracy\":0.835,\"epochs\":50,"
                        + "\"classes\":[\"0\",\"1\"],\"counts\":[[3,1],[0,4]],\"ok\":true,"
                        + "\"model\":null,\"nested\":{\"a\":[1.5]}}");
    }

    @Test
    void writesEmptyContainers() {
        assertThat(Json.toString(Map.of())).isEqualTo("{}");
        assertThat(Json.toString(List.of())).isEqualTo("[]");
        assertThat(Json.toString(new float[0])).isEqualTo("[]");
    }

    @Test
    void writesNumbersShortestAndNonFiniteAsNull() {
        double[] values = {
            0.1, -2.5, 3.0, 1e-5, 1.7976931348623157e308, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e15
        };

        assertThat(Json.toString(values))
                .isEqualTo("[0.1,-2.5,3,1e-05,1.7976931348623157e+308,null,null,null,0,1e+15]");
        assertThat(Json.toString(new float[] {0.1f, Float.NaN, 2.5e-7f}))
                .isEqualTo("[0.1,null,2.5e-07]");
        assertThat(Json.toString(List.of(Long.MAX_VALUE, new BigDecimal("1.10"))))
                .isEqualTo("[9223372036854775807,1.10]");
    }

    /** The exponent form of the traces (Numbers.format), with every digit of the shortest form. */
    @Test
    void writesPlainDecimalsBetween1eMinus4And1e7AndExponentsOutside() {
        double[] values = {0.0001, 1.5e-7, -1e200, 12345678.9, 1234567.5, 9.99e-5, 1e-200};

        assertThat(Json.toString(values)).isEqualTo(
                "[0.0001,1.5e-07,-1e+200,1.23456789e+07,1234567.5,9.99e-05,1e-200]");
    }

    @Test
    void everyFiniteNumberRoundTripsThroughItsText() {
        double[] values = {Math.PI, 1.0 / 3, 6.02214076e23, -4.9e-324, 123456.789};

        for (double value : values) {
            assertThat(Double.parseDouble(Json.number(value))).isEqualTo(value);
        }
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String text = "a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj\u2028k/é";

        assertThat(Json.toString(text))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u001fj\\u2028k/é\"");
    }

    @Test
    void keepsSurrogatePairsAndEscapesLoneHalves() {
        String pair = "\uD83D\uDE00";

        assertThat(Json.toString(pair)).isEqualTo("\"" + pair + "\"");
        assertThat(Json.toString("x\uD83Dy\uDE00")).isEqualTo("\"x\\ud83dy\\ude00\"");
    }

    @Test
    void writesEnumsByNameAndMapKeysAsStrings() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, PlotMode.PNG);

        assertThat(Json.toString(map)).isEqualTo("{\"1\":\"PNG\"}");
    }

    @Test
    void rejectsOtherTypesNamingTheType() {
        assertThatThrownBy(() -> Json.toString(List.of(new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write a java.lang.Object as JSON");
    }
}
