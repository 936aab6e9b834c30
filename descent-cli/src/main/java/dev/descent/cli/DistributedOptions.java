package dev.descent.cli;

import dev.descent.experiment.RunExecutor;
import dev.descent.optim.batch.DistributedEvaluator;
import picocli.CommandLine.Option;

/**
 * {@code --spark MASTER} and {@code --partitions N}: full-batch evaluations on Apache Spark.
 * The CLI does not depend on Spark: the evaluator is found by {@link java.util.ServiceLoader}
 * in descent-spark, which the user adds to the class path with Spark's jars. The sweep's
 * {@code --spark} finds its {@link RunExecutor} the same way ({@link #runProvider}).
 */
final class DistributedOptions {
    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Evaluate each training objective and gradient as one Apache Spark "
                    + "job on MASTER (local[2], spark://host:7077, yarn); needs descent-spark "
                    + "and Spark 4.2 on the class path (docs/spark.md).")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Spark partitions of the training data (default: Spark's default "
                    + "parallelism); results do not depend on it.")
    Integer partitions;

    private DistributedEvaluator.Provider provider;

    /** Whether --spark was given. */
    boolean enabled() {
        return master != null;
    }

    /**
     * Checks the options and that descent-spark and Spark are on the class path; call it
     * before loading data, so that a missing jar is reported at once.
     *
     * @throws IllegalArgumentException when descent-spark or Spark is not on the class path,
     *     or --partitions is given without --spark or is below 1
     */
    void check() {
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got "
                    + partitions);
        }
        if (master == null) {
            if (partitions != null) {
                throw new IllegalArgumentException("--partitions needs --spark MASTER");
            }
            return;
        }
        checkMaster(master);
        DistributedEvaluator.Provider found = DistributedEvaluator.provider("spark")
                .orElseThrow(() -> notOnClassPath(master));
        if (!found.available()) {
            throw new IllegalArgumentException("--spark " + master + ": " + found.missing());
        }
        provider = found;
    }

    /** The evaluator of {@code --spark} (starts Spark), or null without it. */
    DistributedEvaluator open() {
        check();
        return provider == null ? null
                : provider.create(master, partitions == null ? 0 : partitions);
    }

    /**
     * The provider of the sweep's {@code --spark master}, checked to have Spark on the class
     * path.
     *
     * @throws IllegalArgumentException as {@link #check}
     */
    static RunExecutor.Provider runProvider(String master) {
        checkMaster(master);
        RunExecutor.Provider found = RunExecutor.provider("spark")
                .orElseThrow(() -> notOnClassPath(master));
        if (!found.available()) {
            throw new IllegalArgumentException("--spark " + master + ": " + found.missing());
        }
        return found;
    }

    private static void checkMaster(String master) {
        if (master.isBlank()) {
            throw new IllegalArgumentException("--spark needs a master such as local[2], "
                    + "spark://host:7077 or yarn");
        }
    }

    private static IllegalArgumentException notOnClassPath(String master) {
        return new IllegalArgumentException("--spark " + master
                + ": descent-spark is not on the class path"
                + "; add descent-spark.jar and Apache Spark 4.2's jars (spark-core_2.13,"
                + " spark-sql_2.13 and their dependencies), or run under spark-submit; "
                + "see docs/spark.md");
    }
}
