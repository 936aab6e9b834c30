package dev.descent.cli;

import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --threads}, by default all cores. More threads than cores are allowed, since the
 * numbers depend on the thread count and a run may be repeated on a smaller machine, but a
 * one-line warning says so; more than {@link #limit()} are refused, as every thread is a real
 * helper thread. Add it with {@code @Mixin ThreadsOptions threads;} (it is in {@link
 * RunOptions}).
 */
final class ThreadsOptions {
    /** The most threads allowed on a machine of up to this many cores. */
    static final int MAX_THREADS = 256;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private Integer threads;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads for products, element-wise kernels and solver steps"
                    + " (default: all cores; at most " + MAX_THREADS + ", or the cores if"
                    + " more; more than the cores runs, with a warning).")
    void setThreads(int threads) {
        if (threads < 1) {
            throw new ParameterException(
                    mixee.commandLine(), "--threads must be at least 1, got " + threads);
        }
        int cores = cores();
        if (threads > limit()) {
            throw new ParameterException(mixee.commandLine(), String.format(Locale.ROOT,
                    "--threads must be at most %d (this machine has %d %s), got %d", limit(),
                    cores, cores == 1 ? "core" : "cores", threads));
        }
        if (threads > cores) {
            mixee.commandLine().getErr().printf(Locale.ROOT, "descent: warning: --threads %d is"
                    + " more than the %d %s here; the numbers are those of %d threads, but the"
                    + " run is likely slower than with --threads %d%n", threads, cores,
                    cores == 1 ? "core" : "cores", threads, cores);
        }
        this.threads = threads;
    }

    /** The {@code --threads} value, or the number of cores without it. */
    int threads() {
        return threads != null ? threads : cores();
    }

    /** The most threads {@code --threads} takes: {@link #MAX_THREADS}, or the cores if more. */
    static int limit() {
        return Math.max(MAX_THREADS, cores());
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
