package dev.descent.optim.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class FullBatchTrainerTest {
    /** E(w) = w^2 / 2 from w = 1: traingd with lr 0.1 multiplies w by 0.9 per iteration. */
    private static final Objective HALF_SQUARE = (w, g) -> {
        g[0] = w[0];
        return 0.5 * w[0] * w[0];
    };

    /** A validation performance that returns the scripted values in turn. */
    private static ToDoubleFunction<double[]> scripted(double... values) {
        int[] next = {0};
        return w -> values[next[0]++];
    }

    @Test
    void classicValidationRuleStopsAfterEpochEightAndReturnsEpochOneCaseB17() {
        FullBatchTrainer trainer = new FullBatchTrainer(new GradientDescent(0.1));

        FullBatchTrainer.Result result = trainer.train(HALF_SQUARE, new double[] {1},
                scripted(0.50, 0.40, 0.40, 0.45, 0.41, 0.42, 0.43, 0.44, 0.46), null);

        assertThat(result.stopReason()).isEqualTo(BatchStopReason.VALIDATION_STOP);
        assertThat(result.stopReason().message()).isEqualTo("Validation stop.");
        assertThat(result.epochs()).isEqualTo(8);
        assertThat(result.bestEpoch()).isEqualTo(1);
        assertThat(result.parameters()[0]).isCloseTo(0.9, within(1e-15));
        assertThat(result.records().stream().mapToInt(EpochRecord::validationFailures).toArray())
                .containsExactly(0, 0, 0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void maxEpochsGivesEpochsPlusOneRecordsAndTheBestTrainingPoint() {
        FullBatchTrainer trainer = new FullBatchTrainer(new GradientDescent(0.1))
                .stopping(StoppingCriteria.defaults(new GradientDescent()).withEpochs(3));

        FullBatchTrainer.Result result = trainer.train(HALF_SQUARE, new double[] {1}, null,
                null);

        assertThat(result.stopReason()).isEqualTo(BatchStopReason.MAX_EPOCHS);
        assertThat(result.records()).hasSize(4);
        assertThat(result.records().stream().mapToDouble(EpochRecord::performance).toArray())
                .containsExactly(new double[] {0.5, 0.405, 0.32805, 0.2657205}, within(1e-15));
        assertThat(result.bestEpoch()).isEqualTo(3);
        assertThat(result.parameters()[0]).isCloseTo(0.729, within(1e-15));
    }

    @Test
    void goalIsCheckedBeforeEpochsAndMinimumGradientAfter() {
        TrainingFunction gd = new GradientDescent(0.1);
        StoppingCriteria base = StoppingCriteria.defaults(gd);

        BatchStopReason goalFirst = new FullBatchTrainer(gd)
                .stopping(base.withEpochs(0).withGoal(0.5))
                .train(HALF_SQUARE, new double[] {1}, null, null).stopReason();
        BatchStopReason epochsBeforeGradient = new FullBatchTrainer(gd)
                .stopping(base.withEpochs(0).withMinGradient(2))
                .train(HALF_SQUARE, new double[] {1}, null, null).stopReason();
        FullBatchTrainer.Result gradient = new FullBatchTrainer(gd)
                .stopping(base.withMinGradient(0.5))
                .train(HALF_SQUARE, new double[] {1}, null, null);

        assertThat(goalFirst).isEqualTo(BatchStopReason.GOAL_MET);
        assertThat(epochsBeforeGradient).isEqualTo(BatchStopReason.MAX_EPOCHS);
        // |g| = w = 0.9^k falls to 0.5 or less first at k = 7 (0.478).
        assertThat(gradient.stopReason()).isEqualTo(BatchStopReason.MIN_GRADIENT);
        assertThat(gradient.epochs()).isEqualTo(7);
    }

    /** A clock that moves 10 s at every reading. */
    private static java.util.function.LongSupplier tenSecondsPerReading() {
        long[] now = {0};
        return () -> now[0] += 10_000_000_000L;
    }

    @Test
    void timeIsCheckedAfterEpochsAndBeforeTheGradientWhichComesBeforeValidation() {
        TrainingFunction gd = new GradientDescent(0.1);
        StoppingCriteria base = StoppingCriteria.defaults(gd);

        BatchStopReason epochsBeforeTime = new FullBatchTrainer(gd)
                .stopping(base.withEpochs(0).withTimeSeconds(1)).ticker(tenSecondsPerReading())
                .train(HALF_SQUARE, new double[] {1}, null, null).stopReason();
        // |g| = 1 at the start, so min_grad 2 is met too; time wins.
        BatchStopReason timeBeforeGradient = new FullBatchTrainer(gd)
                .stopping(base.withTimeSeconds(1).withMinGradient(2))
                .ticker(tenSecondsPerReading())
                .train(HALF_SQUARE, new double[] {1}, null, null).stopReason();
        // After epoch 1, |g| = 0.9 <= 0.95 and one validation failure reaches max_fail 1.
        FullBatchTrainer.Result gradientBeforeValidation = new FullBatchTrainer(gd)
                .stopping(base.withMinGradient(0.95).withMaxFail(1))
                .train(HALF_SQUARE, new double[] {1}, scripted(0.5, 0.6), null);
        FullBatchTrainer.Result validation = new FullBatchTrainer(gd)
                .stopping(base.withMaxFail(1))
                .train(HALF_SQUARE, new double[] {1}, scripted(0.5, 0.6), null);

        assertThat(epochsBeforeTime).isEqualTo(BatchStopReason.MAX_EPOCHS);
        assertThat(timeBeforeGradient).isEqualTo(BatchStopReason.MAX_TIME);
        assertThat(timeBeforeGradient.message()).isEqualTo("Maximum time elapsed.");
        assertThat(gradientBeforeValidation.stopReason())
                .isEqualTo(BatchStopReason.MIN_GRADIENT);
        assertThat(gradientBeforeValidation.epochs()).isEqualTo(1);
        assertThat(gradientBeforeValidation.records().get(1).validationFailures()).isEqualTo(1);
        assertThat(validation.stopReason()).isEqualTo(BatchStopReason.VALIDATION_STOP);
        assertThat(validation.epochs()).isEqualTo(1);
        // The best network is the start, whatever the reason.
        assertThat(gradientBeforeValidation.bestEpoch()).isZero();
        assertThat(gradientBeforeValidation.parameters()).containsExactly(1.0);
    }

    @Test
    void listenerSeesEveryRowAndTestPerformanceNeverStopsTheRun() {
        List<EpochRecord> seen = new ArrayList<>();
        FullBatchTrainer trainer = new FullBatchTrainer(new GradientDescent(0.1))
                .stopping(StoppingCriteria.defaults(new GradientDescent()).withEpochs(5))
                .listener(seen::add);

        FullBatchTrainer.Result result = trainer.train(HALF_SQUARE, new double[] {1}, null,
                w -> 1e9 - w[0]);

        assertThat(seen).isEqualTo(result.records());
        assertThat(result.epochs()).isEqualTo(5);
        assertThat(seen.get(0).testPerformance()).isEqualTo(1e9 - 1);
    }
}
