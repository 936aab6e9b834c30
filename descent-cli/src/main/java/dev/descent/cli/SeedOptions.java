package dev.descent.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed} alone, for the commands that choose their own threads ({@code sweep}, {@code
 * lr-regimes}); the others take it with {@code --threads} in {@link RunOptions}. Add it with
 * {@code @Mixin SeedOptions seed;}.
 */
public final class SeedOptions {
    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of every random choice the command makes (such as the data "
                    + "split, initial weights, shuffling and dropout of the commands that "
                    + "have them; default: given in the command's description).")
    private Long seed;

    /** The {@code --seed} value, or {@code commandDefault} without it. */
    public long seed(long commandDefault) {
        return seed != null ? seed : commandDefault;
    }
}
