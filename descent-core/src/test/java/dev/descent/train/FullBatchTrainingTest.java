package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.nn.Network;
import dev.descent.optim.TinyProblem;
import dev.descent.optim.batch.TrainingFunctions;
import dev.descent.tensor.Precision;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trainer with a full-batch training function as solver ({@code descent train --solver
 * trainscg} and friends): one iteration per epoch over all rows, against PyTorch's values.
 */
class FullBatchTrainingTest {
    private static final Map<String, double[]> TORCH = TinyProblem.golden("optimizers.txt");

    private static Trainer.Result train(TrainingOptions options) {
        Network net = TinyProblem.network(Precision.FLOAT64);
        return new Trainer(options).fit(net, TinyProblem.examples(), null);
    }

    @Test
    void traingdThroughTheTrainerGivesPyTorchSgdAfterTenEpochs() {
        // golden/optimizers.py: torch SGD lr 0.1 on all 4 rows, 10 steps.
        TrainingOptions options = TrainingOptions.builder("traingd").initialLearnRate(0.1)
                .l2Regularization(0).maxEpochs(10).build();

        Trainer.Result result = train(options);

        assertThat(result.network().parameters().valuesAsDoubles())
                .containsExactly(TORCH.get("sgd 10"), within(1e-13));
        TrainingHistory history = result.history();
        assertThat(history.iterationsPerEpoch()).isEqualTo(1);
        assertThat(history.records()).hasSize(10);
        assertThat(history.records()).allSatisfy(r -> {
            assertThat(r.iteration()).isEqualTo(r.epoch());
            assertThat(r.learnRate()).isEqualTo(0.1);
        });
        assertThat(history.stopReason()).isEqualTo(StopReason.MAX_EPOCHS);
    }

    @Test
    void traingdmThroughTheTrainerGivesPyTorchSgdWithDampening() {
        TrainingOptions options = TrainingOptions.builder("traingdm").initialLearnRate(0.1)
                .momentum(0.9).l2Regularization(0).maxEpochs(10).build();

        assertThat(train(options).network().parameters().valuesAsDoubles())
                .containsExactly(TORCH.get("traingdm 10"), within(1e-13));
    }

    @Test
    void theRecordedLossIsTheDataLossBeforeTheStepWithoutTheL2Term() {
        // Epoch 2 starts from PyTorch's point after one step; its loss there, recomputed by
        // the network, must be what epoch 2 reports, whatever lambda adds to the objective.
        TrainingOptions options = TrainingOptions.builder("traingd").initialLearnRate(0.1)
                .l2Regularization(0).maxEpochs(2).build();
        Network net = TinyProblem.network(Precision.FLOAT64);
        net.parameters().setValues(TORCH.get("sgd 1"));
        net.forward(TinyProblem.x(Precision.FLOAT64), false);
        double lossAfterOneStep = net.loss(TinyProblem.t(Precision.FLOAT64));

        List<IterationRecord> plain = train(options).history().records();
        List<IterationRecord> withL2 = train(options.toBuilder().l2Regularization(0.5).build())
                .history().records();

        assertThat(plain.get(1).trainingLoss()).isCloseTo(lossAfterOneStep, within(1e-15));
        assertThat(withL2.get(0).trainingLoss()).isEqualTo(plain.get(0).trainingLoss());
    }

    @Test
    void everyTrainingFunctionLowersTheLossAndReportsItsRate() {
        for (String name : TrainingFunctions.NAMES) {
            TrainingOptions options = TrainingOptions.builder(name).l2Regularization(0)
                    .maxEpochs(20).build();
            List<IterationRecord> records = train(options).history().records();

            assertThat(records).as(name).hasSize(20);
            assertThat(records.get(19).trainingLoss()).as(name)
                    .isLessThan(records.get(0).trainingLoss());
            double rate = records.get(0).learnRate();
            if (name.equals("trainscg") || name.equals("trainrp")) {
                assertThat(rate).as(name).isNaN();
            } else {
                assertThat(rate).as(name).isEqualTo(0.01);
            }
        }
    }

    @Test
    void aDivergingRunStopsAndKeepsTheLastPointWithAFiniteLoss() {
        // Case B02 on the full-batch path: lr 1e6 makes the weights grow until the loss
        // overflows.
        TrainingOptions options = TrainingOptions.builder("traingd").initialLearnRate(1e6)
                .maxEpochs(200).build();

        Trainer.Result result = train(options);

        TrainingHistory history = result.history();
        assertThat(history.stopReason().isDivergence()).isTrue();
        assertThat(history.stopReason().hint()).contains("learning rate");
        assertThat(history.records().size()).isLessThan(200);
        double[] weights = result.network().parameters().valuesAsDoubles();
        assertThat(Arrays.stream(weights).allMatch(Double::isFinite)).isTrue();
        result.network().forward(TinyProblem.x(Precision.FLOAT64), false);
        assertThat(result.network().loss(TinyProblem.t(Precision.FLOAT64))).isFinite();
    }

    @Test
    void optionsAcceptEveryFunctionWithMatlabsDefaultRateAndRefuseCheckpoints() {
        for (String name : TrainingFunctions.NAMES) {
            TrainingOptions options = TrainingOptions.builder(name).build();
            assertThat(options.isFullBatch()).as(name).isTrue();
            assertThat(options.initialLearnRate()).as(name).isEqualTo(0.01);
            assertThat(options.createTrainingFunction().name()).isEqualTo(name);
            assertThatThrownBy(options::createSolver).isInstanceOf(IllegalStateException.class);
        }
        assertThat(TrainingOptions.builder("adam").build().isFullBatch()).isFalse();
        assertThatThrownBy(() -> TrainingOptions.builder("trainlm").build())
                .hasMessage("solver must be sgdm, rmsprop, adam or sgd, or a full-batch "
                        + "training function (trainscg, traingd, traingdm, traingda, traingdx, "
                        + "trainrp), got trainlm");
    }

    @Test
    void resumingAFullBatchRunIsRefused() {
        Trainer.Checkpoint[] last = new Trainer.Checkpoint[1];
        new Trainer(TrainingOptions.builder("sgd").maxEpochs(1).miniBatchSize(4).build(),
                new TrainingListener() {
                    @Override
                    public void epochFinished(Trainer.Checkpoint checkpoint) {
                        last[0] = checkpoint;
                    }
                }).fit(TinyProblem.network(Precision.FLOAT64), TinyProblem.examples(), null);
        Trainer scg = new Trainer(TrainingOptions.builder("trainscg").build());

        assertThatThrownBy(() -> scg.resume(TinyProblem.network(Precision.FLOAT64),
                TinyProblem.examples(), null, last[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot resume a run of trainscg: full-batch training functions "
                        + "write no checkpoints");
    }
}
