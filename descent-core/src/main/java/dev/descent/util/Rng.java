package dev.descent.util;

/**
 * A small, seedable random generator whose whole state is one {@code long}, so that a run can be
 * checkpointed and resumed exactly (SplitMix64, Steele, Lea and Flood 2014).
 *
 * <p>Every random choice in Descent (weight initialisation, splits, shuffles, dropout masks) takes
 * an {@code Rng}; nothing reads a global generator, so equal seeds give equal runs. Not thread
 * safe: give each thread its own, made with {@link #split()}.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    /** A generator seeded with {@code seed}. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** The whole state; {@link #restore(long)} with it continues the same sequence. */
    public long state() {
        return state;
    }

    /** Continues the sequence from a {@link #state()} taken earlier. */
    public void restore(long savedState) {
        this.state = savedState;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1), with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A uniform float in [0, 1), with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** A uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be greater than 0, got " + bound);
        }
        // Lemire's multiply-and-shift with rejection: no modulo bias.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xffffffffL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xffffffffL;
            }
        }
        return (int) (m >>> 32);
    }

    /** A standard normal value (Box-Muller; one of the pair is discarded to keep no state). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** A random permutation of 0..n-1 (MATLAB {@code randperm(n)}, 0-based). */
    public int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order);
        return order;
    }

    /** Shuffles {@code values} in place (Fisher-Yates). */
    public void shuffle(int[] values) {
        // From the top down in chunks, each by a call of its own: a trainer shuffles once an
        // epoch, and one loop over 60,000 rows stayed in the interpreter for the first epochs.
        for (int top = values.length - 1; top > 0; top -= SHUFFLE_CHUNK) {
            shuffleDown(values, top, Math.max(0, top - SHUFFLE_CHUNK));
        }
    }

    private static final int SHUFFLE_CHUNK = 4096;

    /** The Fisher-Yates steps for i = top down to bottom + 1. */
    private void shuffleDown(int[] values, int top, int bottom) {
        for (int i = top; i > bottom; i--) {
            int j = nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** An independent generator whose seed is drawn from this one. */
    public Rng split() {
        return new Rng(nextLong());
    }
}
