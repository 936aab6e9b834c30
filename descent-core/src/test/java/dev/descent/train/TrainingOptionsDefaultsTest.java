package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MATLAB's trainingOptions defaults (reference section 1.1), option by option. */
class TrainingOptionsDefaultsTest {

    @Test
    void adamHasMatlabsDefaults() {
        TrainingOptions o = TrainingOptions.builder("adam").build();

        assertThat(o.solver()).isEqualTo("adam");
        assertThat(o.initialLearnRate()).isEqualTo(0.001);
        assertThat(o.gradientDecayFactor()).isEqualTo(0.9);
        assertThat(o.squaredGradientDecayFactor()).isEqualTo(0.999);
        assertThat(o.epsilon()).isEqualTo(1e-8);
        assertThat(o.l2Regularization()).isEqualTo(1e-4);
        assertThat(o.gradientThresholdMethod())
                .isEqualTo(TrainingOptions.GradientThresholdMethod.L2NORM);
        assertThat(o.gradientThreshold()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(o.maxEpochs()).isEqualTo(30);
        assertThat(o.miniBatchSize()).isEqualTo(128);
        assertThat(o.shuffle()).isEqualTo(TrainingOptions.Shuffle.ONCE);
        assertThat(o.keepPartialBatch()).isFalse();
        assertThat(o.learnRateSchedule()).isEqualTo(TrainingOptions.LearnRateSchedule.NONE);
        assertThat(o.learnRateDropFactor()).isEqualTo(0.1);
        assertThat(o.learnRateDropPeriod()).isEqualTo(10);
        assertThat(o.validationFrequency()).isEqualTo(50);
        assertThat(o.validationPatience()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(o.outputNetwork()).isEqualTo(TrainingOptions.OutputNetwork.AUTO);
        assertThat(o.verbose()).isTrue();
        assertThat(o.verboseFrequency()).isEqualTo(50);
    }

    @Test
    void sgdmAndRmspropDefaultsDifferWhereMatlabsDo() {
        TrainingOptions sgdm = TrainingOptions.builder("sgdm").build();
        TrainingOptions rmsprop = TrainingOptions.builder("rmsprop").build();

        assertThat(sgdm.initialLearnRate()).isEqualTo(0.01);
        assertThat(sgdm.momentum()).isEqualTo(0.9);
        assertThat(rmsprop.initialLearnRate()).isEqualTo(0.001);
        assertThat(rmsprop.squaredGradientDecayFactor()).isEqualTo(0.9);
        assertThat(rmsprop.epsilon()).isEqualTo(1e-8);
    }
}
