package dev.descent.tensor;

import dev.descent.internal.blas.OpenBlas;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/** A float64 {@link Matrix} in a direct buffer. */
public final class DoubleMatrix extends Matrix {
    private final DoubleBuffer data;

    DoubleMatrix(int rows, int cols) {
        super(rows, cols);
        this.data = ByteBuffer.allocateDirect(bufferBytes(Precision.FLOAT64, rows, cols))
                .order(ByteOrder.nativeOrder())
                .asDoubleBuffer();
    }

    private DoubleMatrix(DoubleBuffer data, int rows, int cols) {
        super(rows, cols);
        this.data = data;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT64;
    }

    /** The storage, shared: position 0, capacity {@code size()}. */
    public DoubleBuffer buffer() {
        return data;
    }

    @Override
    public double getFlat(int i) {
        return data.get(i);
    }

    @Override
    public void setFlat(int i, double value) {
        data.put(i, value);
    }

    @Override
    public Matrix view(int offset, int viewRows, int viewCols) {
        int length = viewRows * viewCols;
        if (offset < 0 || offset + length > size()) {
            throw new IndexOutOfBoundsException("view of " + length + " elements at " + offset
                    + " exceeds " + size());
        }
        return new DoubleMatrix(data.slice(offset, length), viewRows, viewCols);
    }

    @Override
    public void copyFrom(Matrix source) {
        requireSameShape(source, "source");
        data.put(0, ((DoubleMatrix) source).data, 0, size());
    }

    @Override
    public void fill(double value) {
        for (int i = 0, n = size(); i < n; i++) {
            data.put(i, value);
        }
    }

    @Override
    void gemm(Matrix a, boolean transA, Matrix b, boolean transB, int m, int n, int k,
            double alpha, double beta) {
        OpenBlas.dgemm(transA, transB, m, n, k, alpha, ((DoubleMatrix) a).data, a.cols,
                ((DoubleMatrix) b).data, b.cols, beta, data, cols);
    }

    @Override
    public void gatherRows(float[] source, int[] order, int from, int count) {
        for (int r = 0; r < count; r++) {
            int src = order[from + r] * cols;
            int dst = r * cols;
            for (int j = 0; j < cols; j++) {
                data.put(dst + j, source[src + j]);
            }
        }
    }

    @Override
    public void copyTo(float[] destination, int offset) {
        for (int i = 0, n = size(); i < n; i++) {
            destination[offset + i] = (float) data.get(i);
        }
    }

    @Override
    public void copyTo(double[] destination, int offset) {
        data.get(0, destination, offset, size());
    }

    @Override
    public void copyFrom(float[] source, int offset) {
        for (int i = 0, n = size(); i < n; i++) {
            data.put(i, source[offset + i]);
        }
    }

    @Override
    public void copyFrom(double[] source, int offset) {
        data.put(0, source, offset, size());
    }
}
