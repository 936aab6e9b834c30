package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.LabeledData;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.optim.Adam;
import dev.descent.tensor.Blas;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A mini-batch step of the lesson's network (gather, forward, loss, backward, Adam with the
 * fused pull and push) allocates nothing once warm: buffers are reused and views are made once.
 */
class SteadyStateAllocationTest {

    @Test
    void aWarmTrainingStepAllocatesNothing() {
        assertThat(allocatedByWarmSteps(8, 20_000, 16, false))
                .as("bytes allocated by 200 warm steps").isZero();
    }

    /** 784-700-3 has 551,803 values: Adam splits its update over two threads. */
    @Test
    void aWarmStepWithTheUpdateOnTwoThreadsAllocatesNothing() {
        int before = Math.max(1, Blas.threads());
        try {
            Blas.setThreads(2);
            assertThat(allocatedByWarmSteps(700, 3_000, 16, false))
                    .as("bytes allocated by 200 warm steps").isZero();
        } finally {
            Blas.setThreads(before);
        }
    }

    /**
     * 784-256-3 at batch 64 on digit-like data (the picture's border 0, the borders of the
     * batch's rows varying): the first layer multiplies only the columns that are not 0, in
     * views made once per count of kept columns.
     */
    @Test
    void aWarmStepThatLeavesOutZeroColumnsAllocatesNothing() {
        assertThat(allocatedByWarmSteps(256, 2_000, 64, true))
                .as("bytes allocated by 200 warm steps").isZero();
    }

    /**
     * Between the ends of two late epochs the trainer allocates far less than one copy of the
     * parameters: the epoch's snapshot goes to a buffer kept from epoch to epoch, and the
     * shuffle reuses its array. 784-700-3 has 551,803 values, 4.4 MB as doubles.
     */
    @Test
    void aWarmEpochOfTheTrainerAllocatesNoCopyOfTheParameters() {
        int rows = 64;
        Network net = network(700);
        int epochs = 12;
        TrainingOptions options = TrainingOptions.builder("adam").maxEpochs(epochs)
                .miniBatchSize(16).shuffle(TrainingOptions.Shuffle.EVERY_EPOCH).seed(2).build();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] atEpochEnd = new long[epochs + 1];
        TrainingListener meter = new TrainingListener() {
            @Override
            public boolean wantsCheckpoints() {
                return false; // a checkpoint copies the parameters on purpose
            }

            @Override
            public void iterationFinished(IterationRecord record, TrainingHistory history) {
                if (record.iteration() % (rows / 16) == 0) {
                    atEpochEnd[record.iteration() / (rows / 16)] =
                            threads.getCurrentThreadAllocatedBytes();
                }
            }
        };
        new Trainer(options, meter).fit(net, Examples.classification(randomData(rows,
                new Rng(5))), null);
        long copy = 8L * net.parameters().size();
        assertThat(atEpochEnd[epochs] - atEpochEnd[epochs - 1])
                .as("bytes allocated by epoch %d; a copy of the parameters is %d", epochs, copy)
                .isLessThan(copy / 20);
    }

    private static final List<String> CLASSES = List.of("a", "b", "c");

    /** Uniform random pixels, labels a, b, c in turn. */
    private static LabeledData randomData(int rows, Rng rng) {
        return randomData(rows, rng, false);
    }

    /**
     * Uniform random pixels, labels a, b, c in turn; with {@code borders}, each row's pixels
     * outside a centred square of 12 to 20 pixels a side 0, as in handwritten digits.
     */
    private static LabeledData randomData(int rows, Rng rng, boolean borders) {
        float[] features = new float[rows * 784];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            int margin = borders ? 4 + rng.nextInt(5) : 0;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                int col = p % 28;
                boolean inside = Math.min(Math.min(row, col), Math.min(27 - row, 27 - col))
                        >= margin;
                features[r * 784 + p] = inside ? rng.nextFloat() : 0f;
            }
        }
        for (int i = 0; i < rows; i++) {
            labels[i] = i % 3;
        }
        return new LabeledData(features, rows, 784, labels, CLASSES);
    }

    /** 784-hidden-3 with ReLU and dropout 0.3, float32. */
    private static Network network(int hidden) {
        return Network.create(List.of(Layers.featureInput(784), Layers.fullyConnected(hidden),
                Layers.relu(), Layers.dropout(0.3), Layers.fullyConnected(3), Layers.softmax(),
                Layers.classification()), Precision.FLOAT32, new Rng(1), CLASSES);
    }

    private static long allocatedByWarmSteps(int hidden, int warm, int batch, boolean borders) {
        int rows = 256;
        Rng rng = new Rng(4);
        Examples data = Examples.classification(randomData(rows, rng, borders));
        Network net = network(hidden);
        Adam adam = new Adam();
        Matrix x = Matrix.zeros(Precision.FLOAT32, batch, 784);
        Matrix t = Matrix.zeros(Precision.FLOAT32, batch, 3);
        int[] order = rng.permutation(rows);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        double loss = 0;
        long before = 0;
        for (int s = 0; s < warm + 200; s++) {
            if (s == warm) {
                before = threads.getCurrentThreadAllocatedBytes();
            }
            int from = (s * batch) % rows;
            data.copyBatch(order, from, batch, x, t);
            net.forward(x, true);
            loss += net.loss(t);
            net.backward(t);
            adam.pullStepPush(net.parameters(), 0.001, 1e-4);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(Double.isFinite(loss)).isTrue();
        return allocated;
    }
}
