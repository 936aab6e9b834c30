package dev.descent.cli;

import dev.descent.util.Rng;

/**
 * The random streams of a run, all drawn from its seed: the first split of {@code new
 * Rng(seed)} shuffles the mini-batches (inside the trainer), the second chooses the data split,
 * the third the initial weights and dropout masks. Changing one use does not shift the others.
 */
final class Streams {
    private Streams() {}

    /** The stream that splits the data. */
    static Rng data(long seed) {
        Rng root = new Rng(seed);
        root.split();
        return root.split();
    }

    /** The stream that initialises the network. */
    static Rng weights(long seed) {
        Rng root = new Rng(seed);
        root.split();
        root.split();
        return root.split();
    }
}
