package dev.descent.shallow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.optim.batch.BlockSums;
import dev.descent.optim.batch.ShardEvaluator;
import dev.descent.optim.batch.ShardLoader;
import dev.descent.util.Rng;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Block summation: the objective's value and gradient do not depend on how the blocks are
 * split into shards, and blocks add to the whole-data sums up to rounding.
 */
class ShardedObjectiveTest {
    private static final int ROWS = 700;

    private static ShallowData data() {
        Rng rng = new Rng(11);
        double[] x = new double[ROWS * 4];
        int[] labels = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            labels[i] = rng.nextInt(3);
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = labels[i] + rng.nextGaussian() + 10 * j;
            }
        }
        return new ShallowData(x, ROWS, ShallowNetwork.oneHot(labels, 3));
    }

    /** Shards of the given block ranges, evaluated one after the other like partitions. */
    private static ShardEvaluator shards(ShardLoader loader, int... bounds) throws IOException {
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

    @Test
    void shardsOfWholeBlocksGiveTheSameBitsAsTheObjectiveInMemory() throws IOException {
        ShallowData data = data();
        ShallowNetwork net = ShallowNetwork.patternnet(5).regularization(0.1);
        net.configure(data.x(), ROWS, 4, data.t(), 3, new Rng(3));
        int[] subset = new Rng(5).permutation(ROWS);
        subset = java.util.Arrays.copyOf(subset, 600);
        double[] processed = net.processInputs(data.x(), ROWS);
        ShallowObjective memory = net.objective(processed, data.t(), subset);
        ShardLoader loader = net.shardLoader(() -> data, subset, ROWS);
        assertThat(loader.blocks()).isEqualTo(3);
        double[] w = net.getwb();
        double[] expected = new double[w.length];
        double value = memory.evaluate(w, expected);
        for (int[] bounds : new int[][] {{0, 3}, {0, 1, 3}, {0, 1, 2, 3}, {0, 0, 2, 3}}) {
            ShallowObjective sharded = new ShallowObjective(net.model(), 0.1,
                    shards(loader, bounds));
            double[] gradient = new double[w.length];
            assertThat(sharded.evaluate(w, gradient)).isEqualTo(value);
            assertThat(gradient).containsExactly(expected);
            assertThat(sharded.value(w)).isEqualTo(memory.value(w));
        }
    }

    @Test
    void blockSumsAddToTheWholeDataSumUpToRounding() {
        ShallowData data = data();
        ShallowNetwork net = ShallowNetwork.patternnet(5);
        net.configure(data.x(), ROWS, 4, data.t(), 3, new Rng(3));
        double[] processed = net.processInputs(data.x(), ROWS);
        ShallowShard shard = new ShallowShard(net.model(), processed, data.t(), ROWS);
        List<BlockSums> blocks = shard.evaluate(net.getwb(), 1.0, false);
        assertThat(blocks).extracting(BlockSums::count).containsExactly(768L, 768L, 564L);
        double[] y = shard.lastOutputs();
        double direct = PerformFcn.CROSSENTROPY.sum(y, data.t(), ROWS, 3);
        double blocked = BlockSums.sumInOrder(blocks, net.model().dimension(), false).loss();
        assertThat(blocked).isCloseTo(direct, within(1e-12 * Math.abs(direct)));
    }

    @Test
    void sumInOrderAddsBlocksFromTheFirst() {
        List<BlockSums> blocks = List.of(new BlockSums(1e16, new double[] {1}, 2),
                new BlockSums(1, new double[] {2}, 3), new BlockSums(1, new double[] {3}, 4));
        BlockSums total = BlockSums.sumInOrder(blocks, 1, true);
        // (1e16 + 1) + 1 rounds twice to 1e16; the other order would give 1e16 + 2.
        assertThat(total.loss()).isEqualTo(1e16);
        assertThat(total.gradient()).containsExactly(6.0);
        assertThat(total.count()).isEqualTo(9);
        assertThat(BlockSums.blocks(256)).isEqualTo(1);
        assertThat(BlockSums.blocks(257)).isEqualTo(2);
    }
}
