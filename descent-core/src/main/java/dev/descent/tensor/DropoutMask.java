package dev.descent.tensor;

/**
 * Dropout masks from a counter-based hash, so that generating them vectorizes and both
 * precisions draw the same mask: element i of the mask for key k keeps its value when the top 24
 * bits of hash(k, i) are at least p * 2^24 (probability 1 - p), and is then 1 / (1 - p), else 0.
 *
 * <p>The hash is a 32-bit finaliser (xor-shift and multiply rounds, "lowbias32" constants by
 * C. Wellons) of the element index mixed with the key; a fresh key per batch comes from the
 * layer's {@link dev.descent.util.Rng}.
 */
public final class DropoutMask {
    private DropoutMask() {}

    /** Fills {@code mask[0..size)} for drop probability {@code p} and batch key {@code key}. */
    public static void fill(float[] mask, int size, double p, long key) {
        fill(mask, 0, size, p, key);
    }

    /**
     * Fills {@code mask[0..size)} with elements {@code offset .. offset+size-1} of the mask for
     * {@code p} and {@code key}: the same values as {@link #fill(float[], int, double, long)}
     * gives at those positions.
     */
    public static void fill(float[] mask, int offset, int size, double p, long key) {
        int threshold = (int) Math.round(p * (1 << 24));
        float scale = (float) (1.0 / (1.0 - p));
        int low = (int) key;
        int high = (int) (key >>> 32);
        for (int i = 0; i < size; i++) {
            int x = (offset + i + low) * 0x9e3779b9 ^ high;
            x ^= x >>> 16;
            x *= 0x7feb352d;
            x ^= x >>> 15;
            x *= 0x846ca68b;
            x ^= x >>> 16;
            // 1 when the 24-bit draw is below the threshold (dropped), else 0; no branch.
            int dropped = ((x >>> 8) - threshold) >>> 31;
            mask[i] = (1 - dropped) * scale;
        }
    }
}
