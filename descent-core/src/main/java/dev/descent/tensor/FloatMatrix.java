package dev.descent.tensor;

import dev.descent.internal.blas.OpenBlas;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** A float32 {@link Matrix} in a direct buffer. */
public final class FloatMatrix extends Matrix {
    private final FloatBuffer data;

    FloatMatrix(int rows, int cols) {
        super(rows, cols);
        this.data = ByteBuffer.allocateDirect(Math.multiplyExact(rows * cols, Float.BYTES))
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    private FloatMatrix(FloatBuffer data, int rows, int cols) {
        super(rows, cols);
        this.data = data;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT32;
    }

    /** The storage, shared: position 0, capacity {@code size()}. */
    public FloatBuffer buffer() {
        return data;
    }

    @Override
    public double getFlat(int i) {
        return data.get(i);
    }

    @Override
    public void setFlat(int i, double value) {
        data.put(i, (float) value);
    }

    @Override
    public Matrix view(int offset, int viewRows, int viewCols) {
        int length = viewRows * viewCols;
        if (offset < 0 || offset + length > size()) {
            throw new IndexOutOfBoundsException("view of " + length + " elements at " + offset
                    + " exceeds " + size());
        }
        return new FloatMatrix(data.slice(offset, length), viewRows, viewCols);
    }

    @Override
    public void copyFrom(Matrix source) {
        requireSameShape(source, "source");
        data.put(0, ((FloatMatrix) source).data, 0, size());
    }

    @Override
    public void fill(double value) {
        float v = (float) value;
        for (int i = 0, n = size(); i < n; i++) {
            data.put(i, v);
        }
    }

    @Override
    void gemm(Matrix a, boolean transA, Matrix b, boolean transB, int m, int n, int k,
            double alpha, double beta) {
        OpenBlas.sgemm(transA, transB, m, n, k, (float) alpha, ((FloatMatrix) a).data, a.cols,
                ((FloatMatrix) b).data, b.cols, (float) beta, data, cols);
    }

    @Override
    public void addRowVector(Matrix rowVector) {
        requireShape(rowVector, 1, cols, "row vector");
        int n = size();
        float[] x = stage(0, this);
        float[] b = stage(1, rowVector);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                x[base + j] += b[j];
            }
        }
        data.put(0, x, 0, n);
    }

    @Override
    public void sumColumnsInto(Matrix out) {
        requireShape(out, 1, cols, "column sums");
        float[] x = stage(0, this);
        float[] sums = Scratch.floats(1, cols);
        java.util.Arrays.fill(sums, 0, cols, 0f);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                sums[j] += x[base + j];
            }
        }
        ((FloatMatrix) out).data.put(0, sums, 0, cols);
    }

    @Override
    public void activate(ActivationFunction function, double scale, Matrix out) {
        if (function != ActivationFunction.RELU && function != ActivationFunction.LEAKY_RELU) {
            super.activate(function, scale, out);
            return;
        }
        requireSameShape(out, "activation output");
        int n = size();
        float[] z = stage(0, this);
        if (function == ActivationFunction.RELU) {
            // Not max + 0 * min: 0 * -Inf would turn relu(-Inf) into NaN (float64 gives 0).
            for (int i = 0; i < n; i++) {
                z[i] = Math.max(z[i], 0f);
            }
        } else {
            float s = (float) scale;
            for (int i = 0; i < n; i++) {
                z[i] = Math.max(z[i], 0f) + s * Math.min(z[i], 0f);
            }
        }
        ((FloatMatrix) out).data.put(0, z, 0, n);
    }

    /**
     * ReLU and leaky ReLU vectorized: the step z &gt; 0 is min(max(z * MAX_VALUE, 0), 1),
     * which is exact except for positive subnormal z (slope below 1 there) and passes NaN on.
     */
    @Override
    public void activationGradient(ActivationFunction function, double scale, Matrix a,
            Matrix grad, Matrix out) {
        if (function != ActivationFunction.RELU && function != ActivationFunction.LEAKY_RELU) {
            super.activationGradient(function, scale, a, grad, out);
            return;
        }
        requireSameShape(out, "activation gradient");
        int n = size();
        float[] z = stage(0, this);
        float[] g = stage(1, grad);
        float s = function == ActivationFunction.RELU ? 0f : (float) scale;
        for (int i = 0; i < n; i++) {
            float step = Math.min(Math.max(z[i] * Float.MAX_VALUE, 0f), 1f);
            g[i] *= step + s * (1f - step);
        }
        ((FloatMatrix) out).data.put(0, g, 0, n);
    }

    @Override
    public void multiplyElementwise(float[] factors, Matrix out) {
        requireSameShape(out, "product");
        int n = size();
        float[] x = stage(0, this);
        for (int i = 0; i < n; i++) {
            x[i] *= factors[i];
        }
        ((FloatMatrix) out).data.put(0, x, 0, n);
    }

    /** Copies {@code m} into scratch array {@code slot}. */
    private static float[] stage(int slot, Matrix m) {
        float[] array = Scratch.floats(slot, m.size());
        ((FloatMatrix) m).data.get(0, array, 0, m.size());
        return array;
    }

    @Override
    public void gatherRows(float[] source, int[] order, int from, int count) {
        for (int r = 0; r < count; r++) {
            data.put(r * cols, source, order[from + r] * cols, cols);
        }
    }

    @Override
    public void copyTo(float[] destination, int offset) {
        data.get(0, destination, offset, size());
    }

    @Override
    public void copyTo(double[] destination, int offset) {
        for (int i = 0, n = size(); i < n; i++) {
            destination[offset + i] = data.get(i);
        }
    }

    @Override
    public void copyFrom(float[] source, int offset) {
        data.put(0, source, offset, size());
    }

    @Override
    public void copyFrom(double[] source, int offset) {
        for (int i = 0, n = size(); i < n; i++) {
            data.put(i, (float) source[offset + i]);
        }
    }
}
