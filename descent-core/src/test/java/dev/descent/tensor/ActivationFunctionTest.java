package dev.descent.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hand-computed values of every activation and its derivative, in both precisions. */
class ActivationFunctionTest {
    private static final double[] Z = {-2, -0.5, 0, 0.5, 3};

    private static double[] apply(Precision precision, ActivationFunction f, double scale) {
        Matrix z = Matrix.of(precision, 1, Z.length, Z);
        Matrix a = Matrix.zeros(precision, 1, Z.length);
        z.activate(f, scale, a);
        return a.toDoubleArray();
    }

    /** dL/dz for dL/da = 1, through the same kernel the layers use. */
    private static double[] derivative(Precision precision, ActivationFunction f, double scale) {
        Matrix z = Matrix.of(precision, 1, Z.length, Z);
        Matrix a = Matrix.zeros(precision, 1, Z.length);
        z.activate(f, scale, a);
        Matrix ones = Matrix.zeros(precision, 1, Z.length);
        ones.fill(1);
        Matrix dz = Matrix.zeros(precision, 1, Z.length);
        z.activationGradient(f, scale, a, ones, dz);
        return dz.toDoubleArray();
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void reluIsZeroBelowAndAtTheKink(Precision precision) {
        assertThat(apply(precision, ActivationFunction.RELU, 0))
                .containsExactly(0, 0, 0, 0.5, 3);
        assertThat(derivative(precision, ActivationFunction.RELU, 0))
                .containsExactly(0, 0, 0, 1, 1);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void leakyReluUsesMatlabsDefaultSlope(Precision precision) {
        double tolerance = precision == Precision.FLOAT32 ? 1e-8 : 0;

        assertThat(apply(precision, ActivationFunction.LEAKY_RELU, 0.01))
                .containsExactly(new double[] {-0.02, -0.005, 0, 0.5, 3}, within(tolerance));
        assertThat(derivative(precision, ActivationFunction.LEAKY_RELU, 0.01))
                .containsExactly(new double[] {0.01, 0.01, 0.01, 1, 1}, within(tolerance));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void tanhSigmoidAndLinear(Precision precision) {
        double tolerance = precision == Precision.FLOAT32 ? 1e-7 : 1e-15;

        assertThat(apply(precision, ActivationFunction.TANH, 0)[4])
                .isCloseTo(0.9950547536867305, within(tolerance));
        assertThat(derivative(precision, ActivationFunction.TANH, 0)[1])
                .isCloseTo(1 - Math.pow(Math.tanh(0.5), 2), within(tolerance));
        assertThat(apply(precision, ActivationFunction.SIGMOID, 0)[2]).isEqualTo(0.5);
        assertThat(derivative(precision, ActivationFunction.SIGMOID, 0)[2]).isEqualTo(0.25);
        assertThat(apply(precision, ActivationFunction.SIGMOID, 0)[0])
                .isCloseTo(0.11920292202211755, within(tolerance));
        assertThat(apply(precision, ActivationFunction.LINEAR, 0)).containsExactly(Z);
        assertThat(derivative(precision, ActivationFunction.LINEAR, 0))
                .containsExactly(1, 1, 1, 1, 1);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void extremeInputsStayFinite(Precision precision) {
        double big = precision == Precision.FLOAT32 ? 3e38 : 1e300;
        Matrix z = Matrix.of(precision, 1, 2, -big, big);
        Matrix a = Matrix.zeros(precision, 1, 2);

        z.activate(ActivationFunction.SIGMOID, 0, a);
        assertThat(a.toDoubleArray()).containsExactly(0, 1);
        z.activate(ActivationFunction.RELU, 0, a);
        assertThat(a.toDoubleArray()).containsExactly(0, big == 3e38 ? (float) big : big);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void infiniteInputsGiveTheSameValuesInBothPrecisions(Precision precision) {
        Matrix z = Matrix.of(precision, 1, 2, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        Matrix a = Matrix.zeros(precision, 1, 2);

        z.activate(ActivationFunction.RELU, 0, a);
        assertThat(a.toDoubleArray()).containsExactly(0, Double.POSITIVE_INFINITY);
        z.activate(ActivationFunction.LEAKY_RELU, 0.01, a);
        assertThat(a.toDoubleArray())
                .containsExactly(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        z.activate(ActivationFunction.SIGMOID, 0, a);
        assertThat(a.toDoubleArray()).containsExactly(0, 1);
    }
}
