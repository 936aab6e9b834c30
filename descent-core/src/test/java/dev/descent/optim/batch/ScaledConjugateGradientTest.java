package dev.descent.optim.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScaledConjugateGradientTest {

    @Test
    void bringsATwentyDimensionalQuadraticBelowGradientNormOneEMinusEightIn40Iterations() {
        TestObjectives.Quadratic quadratic = TestObjectives.Quadratic.random(20, 11);
        TrainingFunction scg = new ScaledConjugateGradient();

        scg.start(quadratic, new double[20]);
        int iterations = 0;
        while (scg.gradientNorm() >= 1e-8 && iterations < 40) {
            scg.iterate();
            iterations++;
        }

        assertThat(scg.gradientNorm()).isLessThan(1e-8);
        assertThat(iterations).isLessThanOrEqualTo(40);
    }

    @Test
    void findsTheMinimumOfRosenbrockFromTheClassicStart() {
        FullBatchTrainer trainer = new FullBatchTrainer(new ScaledConjugateGradient())
                .stopping(StoppingCriteria.defaults(new ScaledConjugateGradient())
                        .withMinGradient(1e-10));

        FullBatchTrainer.Result result = trainer.train(TestObjectives.rosenbrock(),
                new double[] {-1.2, 1}, null, null);

        assertThat(result.parameters()[0]).isCloseTo(1, within(1e-6));
        assertThat(result.parameters()[1]).isCloseTo(1, within(1e-6));
        assertThat(result.stopReason()).isIn(BatchStopReason.MIN_GRADIENT,
                BatchStopReason.GOAL_MET);
    }

    @Test
    void matlabDefaultsAreSigmaFiveEMinusFiveLambdaFiveEMinusSevenMinGradOneEMinusSix() {
        ScaledConjugateGradient scg = new ScaledConjugateGradient();

        assertThat(ScaledConjugateGradient.DEFAULT_SIGMA).isEqualTo(5e-5);
        assertThat(ScaledConjugateGradient.DEFAULT_LAMBDA).isEqualTo(5e-7);
        assertThat(StoppingCriteria.defaults(scg))
                .isEqualTo(new StoppingCriteria(1000, 0, 6, 1e-6, Double.POSITIVE_INFINITY));
    }

    @Test
    void rejectsANonPositiveSigmaWithItsName() {
        assertThatThrownBy(() -> new ScaledConjugateGradient(0, 5e-7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sigma must be finite and greater than 0, got 0.0");
    }

    @Test
    void iterateBeforeStartIsAnError() {
        assertThatThrownBy(() -> new ScaledConjugateGradient().iterate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before start");
    }
}
