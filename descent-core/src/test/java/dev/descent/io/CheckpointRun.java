package dev.descent.io;

import dev.descent.data.LabeledData;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.train.Examples;
import dev.descent.train.IterationRecord;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingHistory;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run of the checkpoint tests: Adam, dropout, validation with patience, a
 * piecewise schedule and a shuffle every epoch, so that every piece of state matters. Its
 * {@link #main} is the process that {@code CheckpointTest} kills.
 */
final class CheckpointRun {
    static final int EPOCHS = 12;

    private CheckpointRun() {}

    static LabeledData data(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 6];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = (float) (rng.nextGaussian() + (j % 3 == labels[i] ? 1.0 : 0.0));
            }
        }
        return new LabeledData(x, n, 6, labels, List.of("a", "b", "c"));
    }

    static Examples train() {
        return Examples.classification(data(120, 11));
    }

    static Examples validation() {
        return Examples.classification(data(30, 12));
    }

    static Network network() {
        return Network.create(List.of(Layers.featureInput(6), Layers.fullyConnected(16),
                Layers.relu(), Layers.dropout(0.3), Layers.fullyConnected(8), Layers.tanh(),
                Layers.dropout(0.1), Layers.fullyConnected(3), Layers.softmax(),
                Layers.classification()), Precision.FLOAT32, new Rng(356), List.of("a", "b",
                        "c"));
    }

    static TrainingOptions options() {
        return TrainingOptions.builder("adam").initialLearnRate(0.01).maxEpochs(EPOCHS)
                .miniBatchSize(16).shuffle(TrainingOptions.Shuffle.EVERY_EPOCH)
                .piecewiseSchedule(0.5, 4).validationFrequency(5).validationPatience(1000)
                .seed(356).build();
    }

    /** A trainer whose clock stands still, so that histories compare exactly. */
    static Trainer trainer(TrainingOptions options, TrainingListener... listeners) {
        Trainer trainer = new Trainer(options, listeners);
        trainer.setTicker(() -> 0L);
        return trainer;
    }

    /** The iteration in which {@link #main} stops to be killed: the third of epoch 3. */
    static final int KILLED_IN_ITERATION = 2 * 7 + 3;

    /** The line {@link #main} prints when it waits in {@link #KILLED_IN_ITERATION}. */
    static final String WAITING = "waiting inside epoch 3";

    /**
     * Trains with checkpoints in {@code args[0]} (7 iterations per epoch) and, after the
     * checkpoint of epoch 2, stops inside epoch 3 until the parent kills it (at most a minute).
     */
    public static void main(String[] args) throws Exception {
        Network network = network();
        TrainingOptions options = options();
        Trainer trainer = trainer(options, new CheckpointWriter(Path.of(args[0]), network,
                options), new TrainingListener() {
                    @Override
                    public void iterationFinished(IterationRecord record,
                            TrainingHistory history) {
                        if (record.iteration() == KILLED_IN_ITERATION) {
                            System.out.println(WAITING + ", iteration " + record.iteration());
                            System.out.flush();
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                });
        trainer.fit(network, train(), validation());
    }
}
