package dev.descent.experiment;

import dev.descent.tensor.Blas;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Makes the runs on a pool of threads of this JVM. While it works the matrix products use one
 * thread each ({@link Blas#setThreads}), so that parallel runs do not fight for the cores and
 * each run computes exactly as a single run with {@code --threads 1}; the previous setting is
 * restored afterwards. The BLAS setting is global to the JVM: do not train elsewhere in the same
 * JVM meanwhile.
 */
public final class ThreadPoolRunExecutor implements RunExecutor {
    private final int threads;

    /**
     * @param threads how many runs at a time, at least 1
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public ThreadPoolRunExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("parallel runs must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** How many runs at a time. */
    public int threads() {
        return threads;
    }

    @Override
    public <C, R> List<R> runAll(List<C> settings, RunFunction<C, R> function,
            Progress progress) {
        int total = settings.size();
        int previousBlasThreads = Blas.threads();
        Blas.setThreads(1);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, total)),
                runnable -> {
                    Thread thread = new Thread(runnable, "descent-run");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            CompletionService<Done<R>> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < total; i++) {
                int index = i;
                C setting = settings.get(i);
                done.submit(() -> {
                    try {
                        return new Done<>(index, function.run(setting), null);
                    } catch (Exception | Error e) {
                        return new Done<>(index, null, e);
                    }
                });
            }
            List<R> results = new ArrayList<>(Collections.nCopies(total, null));
            for (int finished = 1; finished <= total; finished++) {
                Done<R> run = done.take().get();
                if (run.failure() != null) {
                    throw new RunFailedException(run.index(), run.failure());
                }
                results.set(run.index(), run.result());
                progress.finished(run.index(), finished, total);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the runs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run task failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
            // OpenBLAS reports -1 before its first use; its default then is one per core.
            Blas.setThreads(previousBlasThreads >= 1 ? previousBlasThreads
                    : Runtime.getRuntime().availableProcessors());
        }
    }

    /** A finished run: its result, or what it threw. */
    private record Done<R>(int index, R result, Throwable failure) {}
}
