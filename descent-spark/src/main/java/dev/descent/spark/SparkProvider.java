package dev.descent.spark;

import dev.descent.experiment.RunExecutor;
import dev.descent.optim.batch.DistributedEvaluator;

/**
 * The {@code spark} provider of {@link DistributedEvaluator} (full-batch evaluations) and of
 * {@link RunExecutor} (sweeps), registered for {@link java.util.ServiceLoader} under both.
 * Loading it touches no Spark class, so that a missing Spark is reported by
 * {@link #available()} rather than by a linkage error.
 */
public final class SparkProvider implements DistributedEvaluator.Provider,
        RunExecutor.Provider {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public boolean available() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false,
                    SparkProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String missing() {
        return "descent-spark is on the class path but Apache Spark is not"
                + "\nadd Spark 4.2's jars (spark-core_2.13, spark-sql_2.13 and their "
                + "dependencies, for example $SPARK_HOME/jars/*) or run under spark-submit; "
                + "see docs/spark.md";
    }

    @Override
    public DistributedEvaluator create(String master, int partitions) {
        return SparkEvaluator.start(master, partitions);
    }

    @Override
    public RunExecutor.Remote create(String master) {
        return SparkRunExecutor.start(master);
    }
}
