package dev.descent.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vectorized mask against the hash as the class documents it, element by element. */
class DropoutMaskTest {

    /** The documented rule, one element at a time, with the int-to-float conversion. */
    private static float documented(int position, double p, long key) {
        int x = (position + (int) key) * 0x9e3779b9 ^ (int) (key >>> 32);
        x ^= x >>> 16;
        x *= 0x7feb352d;
        x ^= x >>> 15;
        x *= 0x846ca68b;
        x ^= x >>> 16;
        boolean kept = (x >>> 8) >= (int) Math.round(p * (1 << 24));
        return kept ? (float) (1.0 / (1.0 - p)) : 0f;
    }

    @Test
    void everyElementFollowsTheDocumentedHashAcrossChunkBoundaries() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int size = random.nextInt(3 * 4096 + 100);
            int offset = random.nextInt(1 << 30);
            double p = random.nextDouble() * 0.95;
            long key = random.nextLong();
            float[] mask = new float[size];
            DropoutMask.fill(mask, offset, size, p, key);
            for (int i = 0; i < size; i++) {
                assertThat(Float.floatToRawIntBits(mask[i]))
                        .as("element %d of trial %d", i, trial)
                        .isEqualTo(Float.floatToRawIntBits(documented(offset + i, p, key)));
            }
        }
    }

    @Test
    void keepsAboutOneMinusPOfTheElementsAtTheInvertedScale() {
        float[] mask = new float[100_000];
        DropoutMask.fill(mask, mask.length, 0.3, 12345L);
        int kept = 0;
        for (float m : mask) {
            assertThat(m).isIn(0f, 1f / 0.7f);
            kept += m != 0 ? 1 : 0;
        }
        // Binomial(100000, 0.7): standard deviation 145; 5 of them either side.
        assertThat(kept).isBetween(70_000 - 725, 70_000 + 725);
    }
}
