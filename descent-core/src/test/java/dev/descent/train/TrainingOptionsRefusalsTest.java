package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values the builder refuses, named by their MATLAB option: NaN is never "not set". */
class TrainingOptionsRefusalsTest {

    static Stream<Arguments> nanSetters() {
        return Stream.of(
                Arguments.of("InitialLearnRate",
                        (Consumer<TrainingOptions.Builder>) b -> b.initialLearnRate(Double.NaN)),
                Arguments.of("Momentum",
                        (Consumer<TrainingOptions.Builder>) b -> b.momentum(Double.NaN)),
                Arguments.of("GradientDecayFactor", (Consumer<TrainingOptions.Builder>)
                        b -> b.gradientDecayFactor(Double.NaN)),
                Arguments.of("SquaredGradientDecayFactor", (Consumer<TrainingOptions.Builder>)
                        b -> b.squaredGradientDecayFactor(Double.NaN)),
                Arguments.of("Epsilon",
                        (Consumer<TrainingOptions.Builder>) b -> b.epsilon(Double.NaN)),
                Arguments.of("L2Regularization", (Consumer<TrainingOptions.Builder>)
                        b -> b.l2Regularization(Double.NaN)),
                Arguments.of("GradientThreshold", (Consumer<TrainingOptions.Builder>)
                        b -> b.gradientThreshold(
                                TrainingOptions.GradientThresholdMethod.L2NORM, Double.NaN)),
                Arguments.of("LearnRateDropFactor", (Consumer<TrainingOptions.Builder>)
                        b -> b.piecewiseSchedule(Double.NaN, 10)),
                Arguments.of("ValidationPatience", (Consumer<TrainingOptions.Builder>)
                        b -> b.validationPatience(Double.NaN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nanSetters")
    void aNanIsRefusedByTheSetterNamingTheOption(String option,
            Consumer<TrainingOptions.Builder> setter) {
        TrainingOptions.Builder builder = TrainingOptions.builder("adam");

        assertThatThrownBy(() -> setter.accept(builder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(option + " must be a number, got NaN");
    }

    @Test
    void anUnsetLearnRateIsTheSolversDefaultAndAGivenOneIsKept() {
        assertThat(TrainingOptions.builder("sgdm").build().initialLearnRate()).isEqualTo(0.01);
        assertThat(TrainingOptions.builder("adam").initialLearnRate(0.5).build()
                .initialLearnRate()).isEqualTo(0.5);
        assertThat(TrainingOptions.builder("adam").initialLearnRate(0.5).build().toBuilder()
                .solver("sgdm").build().initialLearnRate()).isEqualTo(0.5);
    }

    @Test
    void aGradientDecayOfOneIsRefusedWhenBuiltNotWhenTheSolverIsCreated() {
        // Adam needs beta1 < 1; the options say so before a trainer prints anything.
        assertThatThrownBy(() -> TrainingOptions.builder("adam").gradientDecayFactor(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GradientDecayFactor must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> TrainingOptions.builder("rmsprop")
                .squaredGradientDecayFactor(1).build())
                .hasMessage("SquaredGradientDecayFactor must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> TrainingOptions.builder("sgdm").momentum(1).build())
                .hasMessage("Momentum must be in [0, 1), got 1.0");
    }

    @Test
    void aMomentumOfOneStaysAllowedForTraingdmWhoseMcIsInZeroToOne() {
        assertThat(TrainingOptions.builder("traingdm").momentum(1).build().momentum())
                .isEqualTo(1.0);
    }
}
