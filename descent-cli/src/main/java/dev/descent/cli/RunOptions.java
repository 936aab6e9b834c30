package dev.descent.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How a command computes: {@code --threads} and {@code --seed} (the latter from {@link
 * SeedOptions}). Add it with {@code @Mixin RunOptions run;}. The seed has no global default:
 * each command passes its own to {@link #seed(long)} and names it in its description.
 */
public final class RunOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Mixin
    private SeedOptions seed;

    private Integer threads;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads for products, element-wise kernels and solver steps"
                    + " (default: all cores).")
    void setThreads(int threads) {
        if (threads < 1) {
            throw new ParameterException(
                    mixee.commandLine(), "--threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /** The {@code --threads} value, or the number of cores without it. */
    public int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** The {@code --seed} value, or {@code commandDefault} without it. */
    public long seed(long commandDefault) {
        return seed.seed(commandDefault);
    }
}
