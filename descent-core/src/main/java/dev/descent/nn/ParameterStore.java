package dev.descent.nn;

import dev.descent.tensor.FloatMatrix;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * All learnable values of a network in one contiguous block, with their gradients in another.
 *
 * <p>Layers compute with views of the off-heap block (OpenBLAS reads it in place). Optimizers
 * work on a heap copy, where the JIT vectorizes their loops: {@link #pullGradients()} copies the
 * gradients to the heap, the optimizer updates {@link #heapValues32()} (or the float64 twin),
 * and {@link #pushValues()} copies the values back. Flattened vectors for full-batch solvers
 * and checkpoints use the same order.
 */
public final class ParameterStore {
    private final Precision precision;
    private final Matrix values;
    private final Matrix gradients;
    /** The first size() elements of values and gradients, made once (no view per step). */
    private final Matrix liveValues;
    private final Matrix liveGradients;
    private final List<Parameter> parameters = new ArrayList<>();
    /** Made once: solvers ask for the list every step. */
    private final List<Parameter> readOnlyParameters = Collections.unmodifiableList(parameters);
    private final float[] values32;
    private final float[] gradients32;
    private final double[] values64;
    private final double[] gradients64;

    ParameterStore(Precision precision, int size) {
        this.precision = precision;
        this.values = Matrix.zeros(precision, 1, Math.max(size, 1));
        this.gradients = Matrix.zeros(precision, 1, Math.max(size, 1));
        boolean single = precision == Precision.FLOAT32;
        this.values32 = single ? new float[size] : null;
        this.gradients32 = single ? new float[size] : null;
        this.values64 = single ? null : new double[size];
        this.gradients64 = single ? null : new double[size];
        this.liveValues = values.view(0, 1, size);
        this.liveGradients = gradients.view(0, 1, size);
    }

    public Precision precision() {
        return precision;
    }

    /** Total number of learnable values. */
    public int size() {
        return values32 != null ? values32.length : values64.length;
    }

    /** The arrays in network order. */
    public List<Parameter> parameters() {
        return readOnlyParameters;
    }

    /** Copies the off-heap gradients into the heap array the optimizers read. */
    public void pullGradients() {
        Matrix live = liveGradients;
        if (gradients32 != null) {
            live.copyTo(gradients32, 0);
        } else {
            live.copyTo(gradients64, 0);
        }
    }

    /** Copies the heap values (after an optimizer step) to the off-heap block layers use. */
    public void pushValues() {
        Matrix live = liveValues;
        if (values32 != null) {
            live.copyFrom(values32, 0);
        } else {
            live.copyFrom(values64, 0);
        }
    }

    /** The off-heap block of all values (1 x size), which the layers read. */
    public Matrix offHeapValues() {
        return liveValues;
    }

    /** The off-heap block of all gradients (1 x size), which the layers write. */
    public Matrix offHeapGradients() {
        return liveGradients;
    }

    /**
     * Copies gradients {@code [from, from + length)} from off the heap into the heap array:
     * {@link #pullGradients()} for one slice, so a solver can pull, update and push a slice
     * while it is in the processor's cache. Float32 stores only.
     */
    public void pullGradients(int from, int length) {
        ((FloatMatrix) liveGradients).buffer().get(from, gradients32, from, length);
    }

    /** Copies values {@code [from, from + length)} to off the heap; float32 stores only. */
    public void pushValues(int from, int length) {
        ((FloatMatrix) liveValues).buffer().put(from, values32, from, length);
    }

    /** Copies the off-heap values into the heap array (after layers initialised them). */
    public void pullValues() {
        Matrix live = liveValues;
        if (values32 != null) {
            live.copyTo(values32, 0);
        } else {
            live.copyTo(values64, 0);
        }
    }

    /** Heap values in float32 networks; {@code null} for float64. */
    public float[] heapValues32() {
        return values32;
    }

    /** Heap gradients in float32 networks; {@code null} for float64. */
    public float[] heapGradients32() {
        return gradients32;
    }

    /** Heap values in float64 networks; {@code null} for float32. */
    public double[] heapValues64() {
        return values64;
    }

    /** Heap gradients in float64 networks; {@code null} for float32. */
    public double[] heapGradients64() {
        return gradients64;
    }

    /** All values as one double vector (a copy), in network order. */
    public double[] valuesAsDoubles() {
        double[] out = new double[size()];
        copyValuesInto(out);
        return out;
    }

    /** Copies all values into {@code out} (of {@link #size()} elements), in network order. */
    public void copyValuesInto(double[] out) {
        if (out.length != size()) {
            throw new IllegalArgumentException("parameter vector must have " + size()
                    + " values, got " + out.length);
        }
        pullValues();
        if (values64 != null) {
            System.arraycopy(values64, 0, out, 0, out.length);
            return;
        }
        // In chunks by a method of its own, which the JIT compiles within the first of the
        // trainer's once-an-epoch calls (see Trainer's allFinite).
        for (int from = 0; from < out.length; from += CHUNK) {
            widen(values32, out, from, Math.min(out.length, from + CHUNK));
        }
    }

    /** Values per call of the once-an-epoch loops over all values. */
    public static final int CHUNK = 4096;

    private static void widen(float[] from, double[] to, int start, int end) {
        for (int i = start; i < end; i++) {
            to[i] = from[i];
        }
    }

    /** Sets all values from a double vector in network order. */
    public void setValues(double[] vector) {
        if (vector.length != size()) {
            throw new IllegalArgumentException("parameter vector must have " + size()
                    + " values, got " + vector.length);
        }
        if (values64 != null) {
            System.arraycopy(vector, 0, values64, 0, vector.length);
        } else {
            for (int i = 0; i < vector.length; i++) {
                values32[i] = (float) vector[i];
            }
        }
        pushValues();
    }

    /** All gradients (as the last backward pass left them) as one double vector. */
    public double[] gradientsAsDoubles() {
        double[] out = new double[size()];
        liveGradients.copyTo(out, 0);
        return out;
    }

    /** Hands out consecutive views of the store to layers as they are built. */
    public final class Allocator {
        private int next;

        Allocator() {}

        /** A rows x cols parameter with its gradient. */
        public Parameter take(String name, int rows, int cols, double learnRateFactor,
                double l2Factor) {
            int offset = next;
            next += rows * cols;
            Parameter p = new Parameter(name, values.view(offset, rows, cols),
                    gradients.view(offset, rows, cols), offset, learnRateFactor, l2Factor);
            parameters.add(p);
            return p;
        }

        int used() {
            return next;
        }
    }

    Allocator allocator() {
        return new Allocator();
    }
}
