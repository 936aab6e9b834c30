package dev.descent.spark;

import dev.descent.optim.batch.DistributedEvaluator;
import dev.descent.shallow.ShallowData;
import dev.descent.shallow.ShallowNetwork;
import dev.descent.shallow.ShallowObjective;
import dev.descent.util.Rng;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Not a test: the figures of docs/spark.md. Times one objective-and-gradient evaluation of a
 * patternnet (F inputs, H hidden, 10 classes) on N rows, in memory on one thread and as one
 * Spark job on local[2] with 2 partitions; medians of repeated evaluations after a warm-up.
 *
 * <p>Arguments: features, hidden, then row counts.
 */
public final class EvaluationCost {
    private EvaluationCost() {}

    public static void main(String[] args) {
        int f = Integer.parseInt(args[0]);
        int h = Integer.parseInt(args[1]);
        SparkSession session = SharedSpark.session();
        System.out.printf(Locale.ROOT, "%9s %12s %12s %8s%n", "rows", "memory ms", "spark ms",
                "ratio");
        for (int a = 2; a < args.length; a++) {
            int n = Integer.parseInt(args[a]);
            Rng rng = new Rng(n);
            double[] x = new double[n * f];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = rng.nextInt(10);
                for (int j = 0; j < f; j++) {
                    x[i * f + j] = labels[i] * 0.1 + rng.nextGaussian();
                }
            }
            ShallowData data = new ShallowData(x, n, ShallowNetwork.oneHot(labels, 10));
            ShallowNetwork net = ShallowNetwork.patternnet(h);
            net.configure(x, n, f, data.t(), 10, new Rng(1));
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            ShallowObjective memory = net.objective(net.processInputs(x, n), data.t(), all);
            double[] w = net.getwb();
            double[] g = new double[w.length];
            int reps = Math.max(5, (int) Math.min(40, 4e6 / n));
            double local = median(reps, () -> memory.evaluate(w, g));
            try (DistributedEvaluator spark = SparkEvaluator.on(session, 2);
                    DistributedEvaluator.Shards shards = spark.open(
                            net.shardLoader(() -> data, all, n))) {
                ShallowObjective remote = new ShallowObjective(net.model(), 0, shards);
                double distributed = median(reps, () -> remote.evaluate(w, g));
                System.out.printf(Locale.ROOT, "%9d %12.2f %12.2f %8.2f%n", n, local,
                        distributed, distributed / local);
            }
        }
        session.stop();
    }

    private static double median(int reps, Runnable evaluation) {
        for (int i = 0; i < 3; i++) {
            evaluation.run();
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            evaluation.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }
}
