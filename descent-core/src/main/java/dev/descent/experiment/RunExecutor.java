package dev.descent.experiment;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Makes a list of independent runs, possibly in parallel, and returns their results in the order
 * of the settings. The seam between an experiment (a sweep over settings) and where it computes:
 * {@link ThreadPoolRunExecutor} uses the cores of this machine; another implementation may send
 * the settings to a cluster. Implementations must give the same results as calling the function
 * on each setting in turn. Cluster implementations are found by {@link ServiceLoader}
 * ({@link Provider}); {@code descent-spark} provides one on Apache Spark.
 */
public interface RunExecutor {
    /** Told when a run ends. */
    @FunctionalInterface
    interface Progress {
        /**
         * @param index position of the finished run in the settings
         * @param finished runs finished so far, this one included
         * @param total number of runs
         */
        void finished(int index, int finished, int total);
    }

    /**
     * Runs {@code function} on each of {@code settings}.
     *
     * @param progress told as each run ends, one call at a time
     * @return the results, {@code results.get(i)} for {@code settings.get(i)}
     * @throws RunFailedException when the first failed run is seen; runs not yet started are
     *     not made
     */
    <C, R> List<R> runAll(List<C> settings, RunFunction<C, R> function, Progress progress);

    /** An executor on a cluster, connected by {@link Provider#create}. */
    interface Remote extends RunExecutor, AutoCloseable {
        /** Stops what {@link Provider#create} started. */
        @Override
        void close();
    }

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
         * Connects to {@code master}. The settings, the run function and the results travel
         * to and from the cluster's machines by Java serialization; the code of the function
         * must be on their class path.
         *
         * @param master where to run, in the cluster's own terms (for Spark: {@code local[2]},
         *     {@code spark://host:7077}, {@code yarn})
         */
        Remote create(String master);
    }

    /** The registered provider named {@code name}, the first in class-path order. */
    static Optional<Provider> provider(String name) {
        return ServiceLoader.load(Provider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name))
                .findFirst();
    }
}
