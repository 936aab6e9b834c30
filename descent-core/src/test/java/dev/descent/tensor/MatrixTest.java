package dev.descent.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class MatrixTest {

    private static Matrix random(Precision precision, int rows, int cols, Rng rng) {
        Matrix m = Matrix.zeros(precision, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, rng.nextGaussian());
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void openBlasProductsMatchThePlainJavaPathInAllOrientations(Precision precision) {
        Rng rng = new Rng(3);
        double tolerance = precision == Precision.FLOAT32 ? 1e-4 : 1e-12;
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                Matrix a = ta == Transpose.NO ? random(precision, 7, 5, rng)
                        : random(precision, 5, 7, rng);
                Matrix b = tb == Transpose.NO ? random(precision, 5, 3, rng)
                        : random(precision, 3, 5, rng);
                Matrix fast = random(precision, 7, 3, rng);
                Matrix plain = fast.copy();

                Matrix.multiply(a, ta, b, tb, 0.5, 2.0, fast);
                Matrix.multiplyPlain(a, ta, b, tb, 0.5, 2.0, plain);

                for (int i = 0; i < fast.size(); i++) {
                    assertThat(fast.getFlat(i)).isCloseTo(plain.getFlat(i), within(tolerance));
                }
            }
        }
    }

    @Test
    void productOfKnownMatricesIsExact() {
        Matrix a = Matrix.of(Precision.FLOAT64, 2, 3, 1, 2, 3, 4, 5, 6);
        Matrix b = Matrix.of(Precision.FLOAT64, 3, 2, 7, 8, 9, 10, 11, 12);
        Matrix c = Matrix.zeros(Precision.FLOAT64, 2, 2);

        Matrix.multiply(a, Transpose.NO, b, Transpose.NO, 1, 0, c);

        assertThat(c.toDoubleArray()).containsExactly(58, 64, 139, 154);
    }

    @Test
    void productsOnViewsReadTheRightRows() {
        Matrix a = Matrix.of(Precision.FLOAT32, 3, 2, 1, 2, 3, 4, 5, 6);
        Matrix identity = Matrix.of(Precision.FLOAT32, 2, 2, 1, 0, 0, 1);
        Matrix out = Matrix.zeros(Precision.FLOAT32, 2, 2);

        Matrix.multiply(a.rowRange(1, 2), Transpose.NO, identity, Transpose.NO, 1, 0, out);

        assertThat(out.toDoubleArray()).containsExactly(3, 4, 5, 6);
    }

    @Test
    void mismatchedProductNamesBothShapes() {
        Matrix a = Matrix.zeros(Precision.FLOAT32, 32, 784);
        Matrix b = Matrix.zeros(Precision.FLOAT32, 100, 10);
        Matrix c = Matrix.zeros(Precision.FLOAT32, 32, 10);

        assertThatThrownBy(() -> Matrix.multiply(a, Transpose.NO, b, Transpose.NO, 1, 0, c))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot multiply 32x784 by 100x10: inner dimensions 784 and 100"
                        + " differ");
    }

    @Test
    void rowVectorAddAndColumnSums() {
        Matrix m = Matrix.of(Precision.FLOAT64, 2, 3, 1, 2, 3, 4, 5, 6);
        Matrix bias = Matrix.of(Precision.FLOAT64, 1, 3, 10, 20, 30);
        Matrix sums = Matrix.zeros(Precision.FLOAT64, 1, 3);

        m.addRowVector(bias);
        m.sumColumnsInto(sums);

        assertThat(m.toDoubleArray()).containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(sums.toDoubleArray()).containsExactly(25, 47, 69);
    }

    @Test
    void argmaxTakesTheFirstOfEqualMaxima() {
        Matrix m = Matrix.of(Precision.FLOAT32, 2, 3, 1, 5, 5, -1, -2, -1);

        assertThat(m.argmaxRow(0)).isEqualTo(1);
        assertThat(m.argmaxRow(1)).isEqualTo(0);
    }

    @Test
    void gatherRowsCopiesTheChosenRows() {
        float[] source = {0, 1, 10, 11, 20, 21};
        Matrix m = Matrix.zeros(Precision.FLOAT64, 2, 2);

        m.gatherRows(source, new int[] {2, 0, 1}, 0, 2);

        assertThat(m.toDoubleArray()).containsExactly(20, 21, 0, 1);
    }
}
