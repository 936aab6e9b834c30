package dev.descent.spark;

import dev.descent.experiment.RunExecutor;
import dev.descent.experiment.RunFailedException;
import dev.descent.experiment.RunFunction;
import dev.descent.tensor.Blas;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Makes the runs of a sweep on Apache Spark: one job whose tasks are the runs, one setting per
 * partition, collected in the order of the settings. Every run uses one thread for its matrix
 * products ({@link Blas#setThreads}), as with {@link dev.descent.experiment.ThreadPoolRunExecutor},
 * so a run's numbers equal those of the same run made on this machine with one thread. The
 * settings, the function and the results travel by Java serialization; the function's code
 * (and what it reads, such as the built-in digits of {@code descent-core}) must be on the
 * executors' class path.
 *
 * <p>Spark decides how many runs are made at a time (one per executor core, or
 * {@code spark.task.cpus}). A failed run fails the job after Spark's task retries; runs not yet
 * started are then not made.
 */
public final class SparkRunExecutor implements RunExecutor.Remote {
    /** The local property that marks the job of one {@link #runAll} for its listener. */
    private static final String RUNS_PROPERTY = "descent.runs";
    private static final long POLL_MILLIS = 200;

    private final SparkSession session;
    private final JavaSparkContext context;
    private final boolean owned;

    private SparkRunExecutor(SparkSession session, boolean owned) {
        this.session = session;
        this.context = JavaSparkContext.fromSparkContext(session.sparkContext());
        this.owned = owned;
    }

    /**
     * Connects to {@code master}, or uses the session this JVM already has, which
     * {@link #close} then leaves running.
     */
    public static SparkRunExecutor start(String master) {
        SparkSessions.Connected connected = SparkSessions.connect(master);
        return new SparkRunExecutor(connected.session(), connected.owned());
    }

    /** On a session the caller owns (and stops). */
    public static SparkRunExecutor on(SparkSession session) {
        return new SparkRunExecutor(session, false);
    }

    @Override
    public <C, R> List<R> runAll(List<C> settings, RunFunction<C, R> function,
            Progress progress) {
        int total = settings.size();
        if (total == 0) {
            return List.of();
        }
        List<Indexed<C>> runs = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            runs.add(new Indexed<>(i, settings.get(i)));
        }
        String tag = UUID.randomUUID().toString();
        TaskEnds ends = new TaskEnds(tag);
        context.sc().addSparkListener(ends);
        int previousBlasThreads = Blas.threads();
        // In local mode the tasks run in this JVM: one thread each from the start, as the
        // thread pool does (the tasks set it again on a cluster's executors).
        Blas.setThreads(1);
        JavaFutureAction<List<R>> job = null;
        try {
            context.setLocalProperty(RUNS_PROPERTY, tag);
            try {
                // total elements in total slices: one setting per partition, in order.
                job = context.parallelize(runs, total).map(new Task<>(function)).collectAsync();
            } finally {
                context.setLocalProperty(RUNS_PROPERTY, null);
            }
            boolean[] told = new boolean[total];
            int finished = 0;
            List<R> results;
            while (true) {
                try {
                    results = job.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    finished = tell(ends.finished, told, finished, progress);
                }
            }
            finished = tell(ends.finished, told, finished, progress);
            // The listener bus may lag behind the job: the runs it has not reported are done.
            for (int i = 0; i < total; i++) {
                if (!told[i]) {
                    told[i] = true;
                    progress.finished(i, ++finished, total);
                }
            }
            return new ArrayList<>(results);
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the runs", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause());
        } finally {
            context.sc().removeSparkListener(ends);
            // OpenBLAS reports -1 before its first use; its default then is one per core.
            Blas.setThreads(previousBlasThreads >= 1 ? previousBlasThreads
                    : Runtime.getRuntime().availableProcessors());
        }
    }

    /** Tells {@code progress} of the runs finished since the last call; the new count. */
    private static int tell(BlockingQueue<Integer> queue, boolean[] told, int finished,
            Progress progress) {
        Integer index;
        while ((index = queue.poll()) != null) {
            if (index >= 0 && index < told.length && !told[index]) {
                told[index] = true;
                progress.finished(index, ++finished, told.length);
            }
        }
        return finished;
    }

    /** The run's own failure when Spark brought it back, else Spark's message. */
    private static RuntimeException failure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RunFailedException run) {
                return new RunFailedException(run.index(),
                        run.getCause() == null ? run : run.getCause());
            }
        }
        return new IllegalStateException("the Spark job of the runs failed: "
                + SparkSessions.rootMessage(error), error);
    }

    @Override
    public void close() {
        if (owned) {
            session.stop();
        }
    }

    /** A setting and its position. */
    record Indexed<C>(int index, C setting) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One run on an executor. */
    private static final class Task<C, R> implements Function<Indexed<C>, R> {
        private static final long serialVersionUID = 1L;
        private final RunFunction<C, R> function;

        Task(RunFunction<C, R> function) {
            this.function = function;
        }

        @Override
        public R call(Indexed<C> run) {
            if (Blas.threads() != 1) {
                Blas.setThreads(1);
            }
            try {
                return function.run(run.setting());
            } catch (Exception e) {
                // The position travels with the failure, back to the driver.
                throw new RunFailedException(run.index(), e);
            }
        }
    }

    /**
     * Hears of the finished tasks of the job tagged {@code tag}: a task's index is the position
     * of its setting. Spark calls it on its listener thread, the job's start before its tasks.
     */
    private static final class TaskEnds extends SparkListener {
        private final String tag;
        private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
        final BlockingQueue<Integer> finished = new LinkedBlockingQueue<>();

        TaskEnds(String tag) {
            this.tag = tag;
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            if (start.properties() != null
                    && tag.equals(start.properties().getProperty(RUNS_PROPERTY))) {
                for (Object stage : CollectionConverters.asJava(start.stageIds())) {
                    stages.add((Integer) stage);
                }
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (stages.contains(end.stageId()) && end.taskInfo() != null
                    && end.taskInfo().successful()) {
                finished.add(end.taskInfo().index());
            }
        }
    }
}
