package dev.descent.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

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

    /** The value of a kept element of the masks of drop probability {@code p}: 1 / (1 - p). */
    public static float scale(double p) {
        return (float) (1.0 / (1.0 - p));
    }

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
        int scaleBits = Float.floatToRawIntBits(scale(p));
        int low = (int) key;
        int high = (int) (key >>> 32);
        Bits scratch = Bits.LOCAL.get();
        for (int from = 0; from < size; from += Bits.CHUNK) {
            int n = Math.min(Bits.CHUNK, size - from);
            hash(scratch.ints, offset + from + low, n, high, threshold, scaleBits);
            scratch.asInts.put(0, scratch.ints, 0, n);
            scratch.asFloats.get(0, mask, from, n);
        }
    }

    /**
     * The bits of the mask's floats: the scale where kept, 0 (+0.0f) where dropped. Integer
     * operations only, so the JIT vectorizes the loop; JDK 17 does not vectorize int-to-float
     * conversions, which is why {@link #fill} turns these bits into floats through a direct
     * buffer (two bulk copies) instead of converting element by element. The element index
     * comes from {@code INDEX[i]}, not {@code i}: JDK 17 vectorizes no loop that computes with
     * its counter.
     */
    private static void hash(int[] bits, int first, int n, int high, int threshold,
            int scaleBits) {
        int[] index = Bits.INDEX;
        for (int i = 0; i < n; i++) {
            int x = (first + index[i]) * 0x9e3779b9 ^ high;
            x ^= x >>> 16;
            x *= 0x7feb352d;
            x ^= x >>> 15;
            x *= 0x846ca68b;
            x ^= x >>> 16;
            // dropped is 1 when the 24-bit draw is below the threshold, else 0; no branch.
            int dropped = ((x >>> 8) - threshold) >>> 31;
            bits[i] = scaleBits & (dropped - 1);
        }
    }

    /** Per-thread buffers of {@link #fill}: an int array and one direct buffer seen two ways. */
    private static final class Bits {
        static final int CHUNK = 4096;
        static final ThreadLocal<Bits> LOCAL = ThreadLocal.withInitial(Bits::new);
        /** 0, 1, ..., CHUNK - 1. */
        static final int[] INDEX = java.util.stream.IntStream.range(0, CHUNK).toArray();

        final int[] ints = new int[CHUNK];
        final IntBuffer asInts;
        final FloatBuffer asFloats;

        private Bits() {
            ByteBuffer bytes = ByteBuffer.allocateDirect(CHUNK * Integer.BYTES)
                    .order(ByteOrder.nativeOrder());
            asInts = bytes.asIntBuffer();
            asFloats = bytes.asFloatBuffer();
        }
    }
}
