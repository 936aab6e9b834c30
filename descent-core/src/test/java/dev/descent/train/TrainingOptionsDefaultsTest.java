package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.optim.Adam;
import dev.descent.optim.RmsProp;
import dev.descent.optim.Sgdm;
import org.junit.jupiter.api.Test;

/** MATLAB's trainingOptions defaults per solver (reference/matlab-semantics.md 1.1, 1.3). */
class TrainingOptionsDefaultsTest {

    @Test
    void eachSolverGetsMatlabsDefaults() {
        TrainingOptions sgdm = TrainingOptions.builder("sgdm").build();
        TrainingOptions rmsprop = TrainingOptions.builder("rmsprop").build();
        TrainingOptions adam = TrainingOptions.builder("adam").build();
        TrainingOptions sgd = TrainingOptions.builder("sgd").build();

        assertThat(sgdm.initialLearnRate()).isEqualTo(0.01);
        assertThat(sgdm.momentum()).isEqualTo(0.9);
        assertThat(sgdm.createSolver()).isInstanceOf(Sgdm.class);
        assertThat(sgd.initialLearnRate()).isEqualTo(0.01);
        assertThat(rmsprop.initialLearnRate()).isEqualTo(0.001);
        assertThat(rmsprop.squaredGradientDecayFactor()).isEqualTo(0.9);
        assertThat(rmsprop.epsilon()).isEqualTo(1e-8);
        assertThat(rmsprop.createSolver()).isInstanceOf(RmsProp.class);
        assertThat(adam.initialLearnRate()).isEqualTo(0.001);
        assertThat(adam.gradientDecayFactor()).isEqualTo(0.9);
        assertThat(adam.squaredGradientDecayFactor()).isEqualTo(0.999);
        assertThat(adam.epsilon()).isEqualTo(1e-8);
        assertThat(adam.createSolver()).isInstanceOf(Adam.class);
        for (TrainingOptions o : new TrainingOptions[] {sgdm, rmsprop, adam, sgd}) {
            assertThat(o.l2Regularization()).isEqualTo(1e-4);
            assertThat(o.gradientThreshold()).isInfinite();
            assertThat(o.gradientThresholdMethod())
                    .isEqualTo(TrainingOptions.GradientThresholdMethod.L2NORM);
            assertThat(o.shuffle()).isEqualTo(TrainingOptions.Shuffle.ONCE);
            assertThat(o.learnRateSchedule()).isEqualTo(TrainingOptions.LearnRateSchedule.NONE);
            assertThat(o.learnRateDropFactor()).isEqualTo(0.1);
            assertThat(o.learnRateDropPeriod()).isEqualTo(10);
            assertThat(o.miniBatchSize()).isEqualTo(128);
            assertThat(o.maxEpochs()).isEqualTo(30);
        }
    }
}
