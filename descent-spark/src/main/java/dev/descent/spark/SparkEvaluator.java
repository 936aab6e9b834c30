package dev.descent.spark;

import dev.descent.optim.batch.BlockSums;
import dev.descent.optim.batch.DistributedEvaluator;
import dev.descent.optim.batch.ShardEvaluator;
import dev.descent.optim.batch.ShardLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Full-batch evaluations on Apache Spark. {@link #open} splits the blocks of a
 * {@link ShardLoader} into contiguous ranges, one per partition, has each executor load its
 * range once (reading the data from a path it can see) and caches the loaded shards. Each
 * evaluation is then one job: the weights are broadcast, every partition returns the sums of
 * its blocks, and {@code collect} hands them back in partition order, that is in block order,
 * for the caller to add as the single-machine path does.
 *
 * {@snippet :
 * try (SparkEvaluator spark = SparkEvaluator.on(session, 8)) {
 *     ShallowTraining result = net.train(x, rows, t, k, rng, null,
 *             ShallowTrainer.distributed(spark, reader, rows));
 * }
 * }
 */
public final class SparkEvaluator implements DistributedEvaluator {
    private final SparkSession session;
    private final JavaSparkContext context;
    private final boolean owned;
    private final int partitions;
    private final List<SparkShards> opened = new ArrayList<>();

    private SparkEvaluator(SparkSession session, boolean owned, int partitions) {
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be at least 0, got " + partitions);
        }
        this.session = session;
        this.context = JavaSparkContext.fromSparkContext(session.sparkContext());
        this.owned = owned;
        this.partitions = partitions;
    }

    /**
     * Connects to {@code master}, or uses the session this JVM already has (spark-submit,
     * a notebook, a test), which {@link #close} then leaves running. A local master binds the
     * driver to 127.0.0.1.
     *
     * @param partitions shards of the data; 0 for Spark's default parallelism
     */
    public static SparkEvaluator start(String master, int partitions) {
        SparkSessions.Connected connected = SparkSessions.connect(master);
        return new SparkEvaluator(connected.session(), connected.owned(), partitions);
    }

    /** On a session the caller owns (and stops). */
    public static SparkEvaluator on(SparkSession session, int partitions) {
        return new SparkEvaluator(session, false, partitions);
    }

    /** The number of partitions {@link #open} uses for {@code blocks} blocks. */
    int partitionsFor(int blocks) {
        int wanted = partitions > 0 ? partitions : context.defaultParallelism();
        return Math.max(1, Math.min(wanted, blocks));
    }

    @Override
    public Shards open(ShardLoader loader) {
        int blocks = loader.blocks();
        int p = partitionsFor(blocks);
        List<int[]> ranges = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            ranges.add(new int[] {(int) ((long) i * blocks / p),
                    (int) ((long) (i + 1) * blocks / p)});
        }
        Broadcast<ShardLoader> shipped = context.broadcast(loader);
        // One range per partition: parallelize slices a list of p elements into p partitions
        // of one element each, in order.
        JavaRDD<ShardEvaluator> shards = context.parallelize(ranges, p)
                .map(new Load(shipped))
                .persist(StorageLevel.MEMORY_ONLY());
        long count;
        try {
            count = 0;
            for (long c : shards.map(new Count()).collect()) {
                count += c;
            }
        } catch (RuntimeException e) {
            shards.unpersist(false);
            shipped.destroy();
            throw new UncheckedIOException(new IOException(
                    "the Spark executors could not load the training data: " + rootMessage(e),
                    e));
        }
        SparkShards handle = new SparkShards(context, shards, shipped, count, p);
        opened.add(handle);
        return handle;
    }

    @Override
    public void close() {
        for (SparkShards s : opened) {
            s.close();
        }
        opened.clear();
        if (owned) {
            session.stop();
        }
    }

    static String rootMessage(Throwable e) {
        return SparkSessions.rootMessage(e);
    }

    /** The cached shards of one loader. */
    private static final class SparkShards implements Shards {
        private final JavaSparkContext context;
        private final JavaRDD<ShardEvaluator> shards;
        private final Broadcast<ShardLoader> loader;
        private final long count;
        private final int partitions;
        private boolean closed;

        SparkShards(JavaSparkContext context, JavaRDD<ShardEvaluator> shards,
                Broadcast<ShardLoader> loader, long count, int partitions) {
            this.context = context;
            this.shards = shards;
            this.loader = loader;
            this.count = count;
            this.partitions = partitions;
        }

        @Override
        public List<BlockSums> evaluate(double[] parameters, double gradientScale,
                boolean gradient) {
            if (closed) {
                throw new IllegalStateException("the Spark shards were closed");
            }
            Broadcast<double[]> weights = context.broadcast(parameters.clone());
            try {
                List<List<BlockSums>> parts = shards.map(
                        new Evaluate(weights, gradientScale, gradient)).collect();
                List<BlockSums> all = new ArrayList<>();
                for (List<BlockSums> part : parts) {
                    all.addAll(part);
                }
                return all;
            } finally {
                weights.destroy();
            }
        }

        @Override
        public long count() {
            return count;
        }

        @Override
        public int shards() {
            return partitions;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                shards.unpersist(false);
                loader.destroy();
            }
        }
    }

    /** Loads the shard of one block range on an executor. */
    private static final class Load implements Function<int[], ShardEvaluator> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<ShardLoader> loader;

        Load(Broadcast<ShardLoader> loader) {
            this.loader = loader;
        }

        @Override
        public ShardEvaluator call(int[] range) throws IOException {
            return loader.value().load(range[0], range[1]);
        }
    }

    private static final class Count implements Function<ShardEvaluator, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long call(ShardEvaluator shard) {
            return shard.count();
        }
    }

    /** One partition's block sums at the broadcast weights. */
    private static final class Evaluate implements Function<ShardEvaluator, List<BlockSums>> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<double[]> weights;
        private final double scale;
        private final boolean gradient;

        Evaluate(Broadcast<double[]> weights, double scale, boolean gradient) {
            this.weights = weights;
            this.scale = scale;
            this.gradient = gradient;
        }

        @Override
        public List<BlockSums> call(ShardEvaluator shard) {
            return new ArrayList<>(shard.evaluate(weights.value(), scale, gradient));
        }
    }
}
