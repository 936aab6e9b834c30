package dev.descent.cli;

import picocli.CommandLine.Mixin;

/**
 * How a command computes: {@code --threads} and {@code --seed} (from {@link ThreadsOptions}
 * and {@link SeedOptions}). Add it with {@code @Mixin RunOptions run;}. The seed has no global
 * default: each command passes its own to {@link #seed(long)} and names it in its description.
 */
public final class RunOptions {
    @Mixin
    private SeedOptions seed;

    @Mixin
    private ThreadsOptions threads;

    /** The {@code --threads} value, or the number of cores without it. */
    public int threads() {
        return threads.threads();
    }

    /** The {@code --seed} value, or {@code commandDefault} without it. */
    public long seed(long commandDefault) {
        return seed.seed(commandDefault);
    }
}
