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
