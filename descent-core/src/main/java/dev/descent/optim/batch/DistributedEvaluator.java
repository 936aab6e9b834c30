package dev.descent.optim.batch;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Evaluates full-batch objectives on other machines: the rows are loaded there once, in
 * shards of whole blocks, and each evaluation returns the sums of every block in block order,
 * which the caller adds with {@link BlockSums#sumInOrder} as the single-machine path does.
 * Implementations are found by {@link ServiceLoader} ({@link Provider}); {@code descent-spark}
 * provides one on Apache Spark. The library itself has no such dependency.
 */
public interface DistributedEvaluator extends AutoCloseable {

    /** The rows of a {@link ShardLoader}, held remotely; an evaluation of all blocks. */
    interface Shards extends ShardEvaluator, AutoCloseable {
        /** Number of shards (partitions) the blocks were split into. */
        int shards();

        /** Releases the cached rows. */
        @Override
        void close();
    }

    /**
     * Loads the blocks of {@code loader} into shards (each a contiguous range of whole blocks)
     * and keeps them until the returned handle is closed.
     */
    Shards open(ShardLoader loader);

    /** Stops what {@link Provider#create} started. */
    @Override
    void close();

    /** A kind of cluster, registered in {@code META-INF/services}. */
    interface Provider {
        /** A short name, for example {@code spark}. */
        String name();

        /**
         * Whether what the provider needs (for example Spark's classes) is on the class path;
         * when not, {@link #missing()} says what to add.
         */
        boolean available();

        /** What to add to the class path when {@link #available()} is false. */
        String missing();

        /**
         * Connects to {@code master}.
         *
         * @param master where to run, in the cluster's own terms (for Spark: {@code local[2]},
         *     {@code spark://host:7077}, {@code yarn})
         * @param partitions number of shards, or 0 for the cluster's default parallelism
         */
        DistributedEvaluator create(String master, int partitions);
    }

    /** The registered providers named {@code name}, in class-path order. */
    static Optional<Provider> provider(String name) {
        List<Provider> found = ServiceLoader.load(Provider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name))
                .toList();
        return found.stream().findFirst();
    }
}
