package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.LabeledData;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.optim.batch.BlockSums;
import dev.descent.optim.batch.ShardEvaluator;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The full-batch objective of a deep network summed per block: the same bits whatever shards
 * hold the blocks, the gradient of the value, and the trainer's seam for other machines.
 */
class NetworkBlocksTest {
    private static final int ROWS = 700;

    private static Examples data() {
        Rng rng = new Rng(21);
        float[] x = new float[ROWS * 3];
        int[] labels = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            labels[i] = rng.nextInt(3);
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) (labels[i] * (j - 1) + rng.nextGaussian());
            }
        }
        return Examples.classification(new LabeledData(x, ROWS, 3, labels,
                List.of("a", "b", "c")));
    }

    private static Network network() {
        return Network.create(List.of(Layers.featureInput(3), Layers.fullyConnected(5),
                Layers.tanh(), Layers.dropout(0.5), Layers.fullyConnected(3), Layers.softmax(),
                Layers.classification()), Precision.FLOAT64, new Rng(8), List.of("a", "b", "c"));
    }

    /** The shards of the given block ranges, evaluated one after the other like partitions. */
    private static ShardEvaluator shards(NetworkShardLoader loader, int... bounds)
            throws IOException {
        List<ShardEvaluator> parts = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.length; i++) {
            parts.add(loader.load(bounds[i], bounds[i + 1]));
        }
        return new ShardEvaluator() {
            @Override
            public List<BlockSums> evaluate(double[] w, double scale, boolean gradient) {
                List<BlockSums> all = new ArrayList<>();
                for (ShardEvaluator part : parts) {
                    all.addAll(part.evaluate(w, scale, gradient));
                }
                return all;
            }

            @Override
            public long count() {
                return parts.stream().mapToLong(ShardEvaluator::count).sum();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void shardsOfWholeBlocksGiveTheBitsOfTheObjectiveInMemory() throws Exception {
        Examples data = data();
        Network net = network();
        double[] w = net.parameters().valuesAsDoubles();
        NetworkObjective memory = new NetworkObjective(net, data, 0.01);
        double[] expected = new double[w.length];
        double value = memory.evaluate(w, expected);
        // Shipped as to an executor: the layout travels, the data is read there.
        NetworkShardLoader loader = roundTrip(new NetworkShardLoader(net, NetworkBlocksTest::data,
                data));
        assertThat(loader.blocks()).isEqualTo(3);
        for (int[] bounds : new int[][] {{0, 3}, {0, 1, 3}, {0, 1, 2, 3}, {0, 0, 2, 3}}) {
            NetworkObjective sharded = new NetworkObjective(network(), shards(loader, bounds),
                    0.01);
            double[] gradient = new double[w.length];
            assertThat(sharded.evaluate(w, gradient)).isEqualTo(value);
            assertThat(gradient).containsExactly(expected);
            assertThat(sharded.value(w)).isEqualTo(memory.value(w));
        }
    }

    @Test
    void blocksAddUpToTheMeanLossAndItsGradient() {
        Examples data = data();
        Network net = network();
        double[] w = net.parameters().valuesAsDoubles();
        List<BlockSums> blocks = new NetworkShard(net, data).evaluate(w, 1.0, false);
        assertThat(blocks).extracting(BlockSums::count).containsExactly(256L, 256L, 188L);
        NetworkObjective objective = new NetworkObjective(net, data, 0);
        // The mean over all rows in one batch, up to rounding.
        net.parameters().setValues(w);
        Evaluation.Score whole = new Evaluation(net, ROWS).evaluate(data);
        assertThat(objective.value(w)).isCloseTo(whole.loss(), within(1e-14));
        // The gradient of the value, by central differences.
        double[] gradient = new double[w.length];
        objective.evaluate(w, gradient);
        double h = 1e-6;
        for (int i = 0; i < w.length; i += 7) {
            double[] up = w.clone();
            double[] down = w.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (objective.value(up) - objective.value(down)) / (2 * h);
            assertThat(gradient[i]).as("parameter " + i).isCloseTo(numeric, within(1e-8));
        }
    }

    @Test
    void trainingBlocksOfAnotherHolderGiveTheBitsOfTheRunInMemory() {
        TrainingOptions options = TrainingOptions.builder("trainscg").maxEpochs(8).build();
        Network alone = network();
        Trainer.Result expected = new Trainer(options).fit(alone, data(), null);
        Network elsewhere = network();
        Trainer trainer = new Trainer(options);
        NetworkShardLoader.Reader reader = NetworkBlocksTest::data;
        trainer.setTrainingBlocks((network, train) -> shards(
                new NetworkShardLoader(network, reader, train), 0, 2, 3));
        Trainer.Result result = trainer.fit(elsewhere, data(), null);
        assertThat(result.network().parameters().valuesAsDoubles())
                .containsExactly(expected.network().parameters().valuesAsDoubles());
        assertThat(result.history().records()).extracting(IterationRecord::trainingLoss)
                .containsExactlyElementsOf(expected.history().records().stream()
                        .map(IterationRecord::trainingLoss).toList());
    }

    @Test
    void aStochasticSolverRefusesTrainingBlocks() {
        Trainer trainer = new Trainer(TrainingOptions.builder("adam").maxEpochs(1).build());
        trainer.setTrainingBlocks((network, train) -> new NetworkShard(network, train));
        assertThatThrownBy(() -> trainer.fit(network(), data(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not adam");
    }

    @Test
    void aLoaderThatReadsOtherDataSaysSo() {
        Examples data = data();
        NetworkShardLoader loader = new NetworkShardLoader(network(), () -> Examples
                .classification(new LabeledData(new float[9], 3, 3, new int[] {0, 1, 2},
                        List.of("a", "b", "c"))), data);
        assertThatThrownBy(() -> loader.load(0, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("has 3 rows of 3 features")
                .hasMessageContaining("every machine must see the same file");
    }
}
