package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.ActivationFunction;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The gradient check has teeth: layers and losses with one deliberate mistake each fail it, in
 * the precision they run in, while the correct ones pass (GradientCheckTest).
 */
class BrokenLayersTest {

    /** Makes a layer of a custom spec. */
    interface LayerFactory {
        Layer create(String name, int size, Precision precision);
    }

    /** A custom spec whose layers come from {@code factory}. */
    record Custom(String id, boolean isOutput, LayerFactory factory) implements LayerSpec.Custom {
        @Override
        public int outputSize(int inputSize) {
            return inputSize;
        }

        @Override
        public String describe() {
            return id;
        }

        @Override
        public String nameStem() {
            return id;
        }

        @Override
        public Layer create(String name, int inputSize, Precision precision,
                ParameterStore.Allocator store, Rng rng) {
            return factory.create(name, inputSize, precision);
        }
    }

    /** Softmax whose backward drops the -p_k sum_j g_j p_j term of the Jacobian product. */
    static final class SoftmaxWithoutCrossTerm extends Layer {
        private final SoftmaxLayer real;
        private Matrix p;
        private Matrix dz;

        SoftmaxWithoutCrossTerm(String name, int size, Precision precision) {
            super(name, size, size, precision);
            real = new SoftmaxLayer(name, size, precision);
        }

        @Override
        public LayerSpec spec() {
            return new LayerSpec.Softmax();
        }

        @Override
        public Matrix forward(Matrix z, boolean training) {
            p = real.forward(z, training);
            return p;
        }

        @Override
        public Matrix backward(Matrix g) {
            dz = Matrix.zeros(precision(), g.rows(), g.cols());
            for (int i = 0; i < g.size(); i++) {
                dz.setFlat(i, p.getFlat(i) * g.getFlat(i));
            }
            return dz;
        }
    }

    /** Sigmoid whose backward uses a instead of a (1 - a). */
    static final class SigmoidWithWrongDerivative extends Layer {
        private Matrix a;

        SigmoidWithWrongDerivative(String name, int size, Precision precision) {
            super(name, size, size, precision);
        }

        @Override
        public LayerSpec spec() {
            return Layers.sigmoid();
        }

        @Override
        public Matrix forward(Matrix z, boolean training) {
            a = Matrix.zeros(precision(), z.rows(), z.cols());
            z.activate(ActivationFunction.SIGMOID, 0, a);
            return a;
        }

        @Override
        public Matrix backward(Matrix g) {
            Matrix dz = Matrix.zeros(precision(), g.rows(), g.cols());
            for (int i = 0; i < g.size(); i++) {
                dz.setFlat(i, g.getFlat(i) * a.getFlat(i));
            }
            return dz;
        }
    }

    /**
     * Half mean squared error whose loss is right (divided by N) but whose gradient divides by
     * {@code divisor(N, R)}.
     */
    static final class MisnormalisedRegression extends OutputLayer {
        private final BiFunction<Integer, Integer, Double> divisor;

        MisnormalisedRegression(String name, int size, Precision precision,
                BiFunction<Integer, Integer, Double> divisor) {
            super(name, size, precision);
            this.divisor = divisor;
        }

        @Override
        public LayerSpec spec() {
            return new LayerSpec.RegressionOutput();
        }

        @Override
        public boolean isClassification() {
            return false;
        }

        @Override
        public double loss(Matrix y, Matrix t) {
            return new RegressionOutputLayer("reference", y.cols(), precision()).loss(y, t);
        }

        @Override
        void writeLossGradient(Matrix y, Matrix t, Matrix out) {
            double d = divisor.apply(y.rows(), y.cols());
            for (int i = 0; i < y.size(); i++) {
                out.setFlat(i, (y.getFlat(i) - t.getFlat(i)) / d);
            }
        }
    }

    /** Cross-entropy on probabilities whose gradient forgets to divide by N. */
    static final class CrossEntropyWithoutMean extends OutputLayer {
        CrossEntropyWithoutMean(String name, int size, Precision precision) {
            super(name, size, precision);
        }

        @Override
        public LayerSpec spec() {
            return new LayerSpec.ClassificationOutput();
        }

        @Override
        public boolean isClassification() {
            return true;
        }

        @Override
        public double loss(Matrix y, Matrix t) {
            return new ClassificationOutputLayer("reference", y.cols(), precision()).loss(y, t);
        }

        @Override
        void writeLossGradient(Matrix y, Matrix t, Matrix out) {
            for (int i = 0; i < y.size(); i++) {
                out.setFlat(i, -t.getFlat(i) / y.getFlat(i));
            }
        }
    }

    private static double maxError(List<LayerSpec> hidden, boolean classification, int batch,
            Precision precision) {
        GradientCheckTest.Problem problem =
                GradientCheckTest.Problem.random(hidden, 3, batch, 12, precision);
        assertThat(problem.network().isClassification()).isEqualTo(classification);
        return GradientCheck.maxRelativeError(
                GradientCheck.check(problem.network(), problem.x(), problem.target()));
    }

    @Test
    void softmaxWithADroppedJacobianTermFails() {
        Precision precision = Precision.FLOAT64;
        LayerSpec broken = new Custom("brokensoftmax", false, (name, size, p) ->
                new SoftmaxWithoutCrossTerm(name, size, p));

        double error = maxError(List.of(Layers.fullyConnected(4), broken, Layers.regression()),
                false, 5, precision);

        assertThat(error).isGreaterThan(1e-2);
    }

    @Test
    void regressionGradientDividedByObservationsTimesResponsesFails() {
        Precision precision = Precision.FLOAT64;
        LayerSpec broken = new Custom("nr", true, (name, size, p) ->
                new MisnormalisedRegression(name, size, p, (n, r) -> (double) n * r));

        double error = maxError(List.of(Layers.fullyConnected(3), broken), false, 2, precision);

        assertThat(error).isGreaterThan(0.5);
    }

    @Test
    void regressionGradientNotAveragedOverObservationsFails() {
        Precision precision = Precision.FLOAT64;
        LayerSpec broken = new Custom("sum", true, (name, size, p) ->
                new MisnormalisedRegression(name, size, p, (n, r) -> 1.0));

        double error = maxError(List.of(Layers.fullyConnected(3), broken), false, 4, precision);

        assertThat(error).isGreaterThan(0.5);
    }

    @Test
    void theSameOutputLayerWithTheRightDivisorPasses() {
        Precision precision = Precision.FLOAT64;
        LayerSpec right = new Custom("right", true, (name, size, p) ->
                new MisnormalisedRegression(name, size, p, (n, r) -> (double) n));

        double error = maxError(List.of(Layers.fullyConnected(3), right), false, 4, precision);

        assertThat(error).isLessThan(1e-7);
    }

    @Test
    void crossEntropyGradientWithoutTheMeanFails() {
        Precision precision = Precision.FLOAT64;
        LayerSpec broken = new Custom("cesum", true, (name, size, p) ->
                new CrossEntropyWithoutMean(name, size, p));

        double error = maxError(List.of(Layers.fullyConnected(3), Layers.sigmoid(), broken),
                true, 3, precision);

        assertThat(error).isGreaterThan(0.5);
    }

    @Test
    void wrongSigmoidDerivativeFailsInFloat32Too() {
        Precision precision = Precision.FLOAT32;
        LayerSpec broken = new Custom("badsigmoid", false, (name, size, p) ->
                new SigmoidWithWrongDerivative(name, size, p));

        double error = maxError(List.of(Layers.fullyConnected(4), broken,
                Layers.fullyConnected(2), Layers.regression()), false, 3, precision);

        assertThat(error).isGreaterThan(100 * GradientCheck.tolerance(precision));
    }
}
