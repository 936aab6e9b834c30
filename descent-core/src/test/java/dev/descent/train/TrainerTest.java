package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.LabeledData;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** Three Gaussian blobs in 4 dimensions, 3 classes: easy but not trivial. */
    static LabeledData blobs(int perClass, long seed) {
        Rng rng = new Rng(seed);
        int n = perClass * 3;
        float[] x = new float[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                double centre = (j == labels[i]) ? 2.0 : 0.0;
                x[i * 4 + j] = (float) (centre + rng.nextGaussian());
            }
        }
        return new LabeledData(x, n, 4, labels, List.of("a", "b", "c"));
    }

    private static Network network(long seed, Precision precision) {
        return Network.create(List.of(Layers.featureInput(4), Layers.fullyConnected(8),
                Layers.relu(), Layers.dropout(0.2), Layers.fullyConnected(3), Layers.softmax(),
                Layers.classification()), precision, new Rng(seed), List.of("a", "b", "c"));
    }

    private static Trainer.Result train(TrainingOptions options, LabeledData train,
            LabeledData validation, long seed) {
        Trainer trainer = new Trainer(options);
        return trainer.fit(network(seed, Precision.FLOAT32), Examples.classification(train),
                validation == null ? null : Examples.classification(validation));
    }

    @Test
    void learnsSeparableBlobs() {
        TrainingOptions options = TrainingOptions.builder("adam").initialLearnRate(0.01)
                .maxEpochs(20).miniBatchSize(16).seed(1).build();

        Trainer.Result result = train(options, blobs(100, 1), null, 1);

        Classification predicted = Predictor.classify(result.network(), blobs(50, 2));
        assertThat(Predictor.accuracy(predicted, blobs(50, 2))).isGreaterThan(85.0);
        assertThat(result.history().stopReason()).isEqualTo(StopReason.MAX_EPOCHS);
    }

    @Test
    void iterationsPerEpochDropThePartialBatch() {
        TrainingOptions options = TrainingOptions.builder("sgdm").maxEpochs(3).miniBatchSize(32)
                .build();

        Trainer.Result result = train(options, blobs(30, 1), null, 1);

        assertThat(result.history().iterationsPerEpoch()).isEqualTo(2);
        assertThat(result.history().records()).hasSize(6);
        assertThat(result.history().records().get(5).epoch()).isEqualTo(3);
    }

    /** Case B10 on in-memory data; {@code ReproducibilityCaseTest} runs it on image folders. */
    @Test
    void sameSeedGivesIdenticalRunsAndAnotherSeedDiffers() {
        TrainingOptions options = TrainingOptions.builder("sgdm").maxEpochs(3).miniBatchSize(8)
                .shuffle(TrainingOptions.Shuffle.EVERY_EPOCH).seed(7).build();
        LabeledData data = blobs(20, 3);

        Trainer.Result first = train(options, data, null, 7);
        Math.random();
        new Rng(99).permutation(10);
        Trainer.Result second = train(options, data, null, 7);
        Trainer.Result other = train(options.toBuilder().seed(8).build(), data, null, 8);

        assertThat(losses(second)).containsExactly(losses(first));
        assertThat(second.network().parameters().valuesAsDoubles())
                .containsExactly(first.network().parameters().valuesAsDoubles());
        assertThat(losses(other)).isNotEqualTo(losses(first));
    }

    private static double[] losses(Trainer.Result result) {
        return result.history().records().stream().mapToDouble(IterationRecord::trainingLoss)
                .toArray();
    }

    @Test
    void validationRunsAtIterationOneEveryFrequencyAndAtTheEnd() {
        TrainingOptions options = TrainingOptions.builder("adam").maxEpochs(2).miniBatchSize(10)
                .validationFrequency(4).build();

        Trainer.Result result = train(options, blobs(15, 1), blobs(5, 2), 1);

        List<Integer> validated = new ArrayList<>();
        for (IterationRecord r : result.history().records()) {
            if (r.hasValidation()) {
                validated.add(r.iteration());
            }
        }
        assertThat(result.history().maxIterations()).isEqualTo(8);
        assertThat(validated).containsExactly(1, 4, 8);
    }

    /**
     * Case B05, validation part: the validation loss of a network with dropout is the same on
     * every call and equals that of the same weights without the dropout layer.
     */
    @Test
    void validationLossIgnoresDropoutAndRepeatsExactly() {
        Network withDropout = network(3, Precision.FLOAT64);
        Network without = Network.create(List.of(Layers.featureInput(4),
                Layers.fullyConnected(8), Layers.relu(), Layers.fullyConnected(3),
                Layers.softmax(), Layers.classification()), Precision.FLOAT64, new Rng(3),
                List.of("a", "b", "c"));
        without.parameters().setValues(withDropout.parameters().valuesAsDoubles());
        Examples validation = Examples.classification(blobs(20, 6));

        Evaluation.Score first = new Evaluation(withDropout, 16).evaluate(validation);
        Evaluation.Score second = new Evaluation(withDropout, 16).evaluate(validation);
        Evaluation.Score plain = new Evaluation(without, 16).evaluate(validation);

        assertThat(second.loss()).isEqualTo(first.loss());
        assertThat(second.accuracy()).isEqualTo(first.accuracy());
        assertThat(plain.loss()).isEqualTo(first.loss());
    }

    /** Case B11 (a): the best weights come back whether patience or MaxEpochs ends the run. */
    @Test
    void returnedNetworkHasTheLowestLoggedValidationLossWithAndWithoutPatience() {
        LabeledData train = blobs(40, 4);
        LabeledData validation = blobs(20, 5);
        for (double patience : new double[] {Double.POSITIVE_INFINITY, 2}) {
            TrainingOptions options = TrainingOptions.builder("adam").initialLearnRate(0.05)
                    .maxEpochs(40).miniBatchSize(16).validationFrequency(3)
                    .validationPatience(patience).seed(2).build();

            Trainer.Result result = train(options, train, validation, 2);

            double minimum = result.history().validationRecords().stream()
                    .mapToDouble(IterationRecord::validationLoss).min().orElseThrow();
            Evaluation evaluation = new Evaluation(result.network(), 128);
            double recomputed = evaluation.evaluate(Examples.classification(validation)).loss();
            assertThat(result.history().validationRecords()).hasSizeGreaterThanOrEqualTo(4);
            assertThat(recomputed).isCloseTo(minimum, within(1e-12));
            assertThat(result.history().bestValidationLoss()).isEqualTo(minimum);
        }
    }

    @Test
    void patienceStopsAtTheConfiguredNumberOfNonImprovingValidations() {
        TrainingOptions options = TrainingOptions.builder("sgdm").initialLearnRate(0.5)
                .maxEpochs(200).miniBatchSize(4).validationFrequency(1).validationPatience(3)
                .seed(3).build();

        Trainer.Result result = train(options, blobs(8, 6), blobs(30, 7), 3);

        TrainingHistory history = result.history();
        assertThat(history.stopReason()).isEqualTo(StopReason.VALIDATION_PATIENCE);
        List<IterationRecord> checks = history.validationRecords();
        int last = checks.size() - 1;
        double best = history.bestValidationLoss();
        for (int i = last - 2; i <= last; i++) {
            assertThat(checks.get(i).validationLoss()).isGreaterThanOrEqualTo(best);
        }
        assertThat(history.bestIteration()).isEqualTo(checks.get(last - 3).iteration());
    }

    /** Case B08: the rate drops after each completed period, and the log shows the rate used. */
    @Test
    void piecewiseScheduleDropsAfterEachPeriodOfCompletedEpochs() {
        TrainingOptions options = TrainingOptions.builder("sgdm").initialLearnRate(0.1)
                .piecewiseSchedule(0.5, 2).maxEpochs(5).miniBatchSize(30).build();

        Trainer.Result result = train(options, blobs(10, 1), null, 1);

        double[] rates = result.history().records().stream()
                .mapToDouble(IterationRecord::learnRate).toArray();
        assertThat(rates).containsExactly(0.1, 0.1, 0.05, 0.05, 0.025);
    }

    @Test
    void piecewiseScheduleAppliesTheRateItLogsCaseB08() {
        // y = w x, x = 1, t = 0: loss w^2 / 2, gradient w, so plain SGD gives
        // w_e = w_(e-1) (1 - lr_e) and the applied rate is 1 - w_e / w_(e-1).
        Network net = Network.create(List.of(Layers.featureInput(1),
                Layers.fullyConnectedNoBias(1), Layers.regression()), Precision.FLOAT64,
                new Rng(1), List.of());
        net.parameters().setValues(new double[] {1});
        TrainingOptions options = TrainingOptions.builder("sgd").initialLearnRate(0.1)
                .l2Regularization(0).piecewiseSchedule(0.5, 2).maxEpochs(5).miniBatchSize(1)
                .build();
        List<Double> weights = new ArrayList<>(List.of(1.0));
        Trainer.Result result = new Trainer(options, new TrainingListener() {
            @Override
            public void epochFinished(Trainer.Checkpoint checkpoint) {
                weights.add(checkpoint.parameters()[0]);
            }
        }).fit(net, Examples.regression(new float[] {1}, 1, 1, new float[] {0}, 1), null);

        double[] applied = new double[5];
        for (int e = 0; e < 5; e++) {
            applied[e] = 1 - weights.get(e + 1) / weights.get(e);
        }
        assertThat(applied).containsExactly(new double[] {0.1, 0.1, 0.05, 0.05, 0.025},
                within(1e-15));
        assertThat(result.history().records()).extracting(IterationRecord::learnRate)
                .containsExactly(0.1, 0.1, 0.05, 0.05, 0.025);
    }

    @Test
    void nonFiniteLossStopsBeforeTheUpdateAndKeepsFiniteWeights() {
        // Case B02 (a) in float32, whose features cannot hold 1e300: 1 -> FC(1) -> half-MSE,
        // w = 10, b = 0, x = [3e38, 1]; the first prediction overflows to Inf.
        Network network = Network.create(List.of(Layers.featureInput(1),
                Layers.fullyConnected(1), Layers.regression()), Precision.FLOAT32, new Rng(1),
                List.of());
        network.parameters().setValues(new double[] {10, 0});
        Examples data = Examples.regression(new float[] {3e38f, 1}, 2, 1, new float[] {0, 0}, 1);
        TrainingOptions options = TrainingOptions.builder("sgd").initialLearnRate(0.01)
                .maxEpochs(5).miniBatchSize(2).l2Regularization(0)
                .shuffle(TrainingOptions.Shuffle.NEVER).build();

        Trainer.Result result = new Trainer(options).fit(network, data, null);

        assertThat(result.history().stopReason()).isEqualTo(StopReason.LOSS_IS_INFINITE);
        assertThat(result.history().records()).hasSize(1);
        assertThat(network.parameters().valuesAsDoubles()).containsExactly(10, 0);
        Matrix x = Matrix.of(Precision.FLOAT32, 1, 1, 3);
        assertThat(network.forward(x, false).get(0, 0)).isEqualTo(30.0);
    }

    @Test
    void divergenceLaterInTheRunReturnsTheLastFiniteWeights() {
        TrainingOptions options = TrainingOptions.builder("sgd").initialLearnRate(1e4)
                .maxEpochs(50).miniBatchSize(8).build();

        Trainer.Result result = train(options, blobs(20, 1), null, 1);

        assertThat(result.history().stopReason().isDivergence()).isTrue();
        assertThat(result.history().records().size()).isGreaterThan(1);
        for (double w : result.network().parameters().valuesAsDoubles()) {
            assertThat(w).isFinite();
        }
        try {
            Classification predicted = Predictor.classify(result.network(), blobs(5, 2));
            for (float score : predicted.scores()) {
                assertThat(score).isNotNaN();
            }
        } catch (IllegalStateException e) {
            assertThat(e).hasMessageContaining("diverged");
        }
    }

    @Test
    void stopRequestEndsTheRunWithAFinalValidation() {
        TrainingOptions options = TrainingOptions.builder("adam").maxEpochs(50).miniBatchSize(10)
                .validationFrequency(100).build();
        Trainer trainer = new Trainer(options);
        trainer.addListener(new TrainingListener() {
            @Override
            public void iterationFinished(IterationRecord record, TrainingHistory history) {
                if (record.iteration() == 5) {
                    trainer.requestStop();
                }
            }
        });

        Trainer.Result result = trainer.fit(network(1, Precision.FLOAT32),
                Examples.classification(blobs(20, 1)), Examples.classification(blobs(5, 2)));

        assertThat(result.history().stopReason()).isEqualTo(StopReason.STOPPED_MANUALLY);
        IterationRecord last = result.history().last();
        assertThat(last.iteration()).isEqualTo(6);
        assertThat(last.hasValidation()).isTrue();
    }

    /**
     * Case B11 (c): without validation data there is no best validation, so the last weights
     * come back, and the history says so instead of failing.
     */
    @Test
    void withoutValidationTheLastWeightsComeBackWithANote() {
        TrainingOptions options = TrainingOptions.builder("adam").maxEpochs(2).miniBatchSize(10)
                .build();

        Trainer.Result result = train(options, blobs(10, 1), null, 1);

        assertThat(result.history().hasValidation()).isFalse();
        assertThat(result.history().validationRecords()).isEmpty();
        assertThat(result.history().outputNetwork()).contains("last");
        assertThat(java.util.Arrays.stream(result.network().parameters().valuesAsDoubles()))
                .allMatch(Double::isFinite);
    }
}
