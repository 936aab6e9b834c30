package dev.descent.tensor;

/**
 * Per-thread heap arrays for element-wise kernels. Loops over direct buffers are not vectorized
 * by the JIT (JDK 17), loops over arrays are: a float32 kernel copies its operands here in bulk
 * (memcpy speed), computes, and copies the result back.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private final float[][] arrays = new float[4][0];
    private int[] indices = new int[0];

    private Scratch() {}

    /** Array {@code slot} (0 to 3) of at least {@code size} elements; contents undefined. */
    static float[] floats(int slot, int size) {
        Scratch s = LOCAL.get();
        if (s.arrays[slot].length < size) {
            s.arrays[slot] = new float[size];
        }
        return s.arrays[slot];
    }

    /** An int array of at least {@code size} elements; contents undefined. */
    static int[] ints(int size) {
        Scratch s = LOCAL.get();
        if (s.indices.length < size) {
            s.indices = new int[size];
        }
        return s.indices;
    }
}
