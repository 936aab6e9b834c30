package dev.descent.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RngTest {
    /** Fisher-Yates from the top down in one loop, as the shuffle is defined. */
    private static int[] reference(long seed, int n) {
        Rng rng = new Rng(seed);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }

    @Test
    void theChunkedShuffleIsOneFisherYatesPass() {
        // Around the chunk of 4,096 steps: one short of it, exactly it, and several chunks.
        for (int n : new int[] {0, 1, 2, 4096, 4097, 4098, 8193, 60_000}) {
            assertThat(new Rng(17).permutation(n)).as("n = %d", n).isEqualTo(reference(17, n));
        }
    }

    @Test
    void aPermutationHoldsEveryIndexOnce() {
        int[] p = new Rng(3).permutation(10_000);
        boolean[] seen = new boolean[p.length];
        for (int v : p) {
            assertThat(seen[v]).isFalse();
            seen[v] = true;
        }
        assertThat(p).isNotEqualTo(reference(4, 10_000));
    }
}
