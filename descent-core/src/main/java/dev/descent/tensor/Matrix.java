package dev.descent.tensor;

import java.util.Locale;

/**
 * A dense row-major matrix of float32 or float64 values, stored off the Java heap so that
 * OpenBLAS reads the operands of products in place.
 *
 * <p>Shapes are batch-major: a mini-batch of B observations with F features is a B x F matrix,
 * one observation per row. Views ({@link #rowRange}, {@link #view}) share storage with their
 * parent. Element-wise work is written once here against {@link #getFlat}/{@link #setFlat};
 * only storage and products differ by precision. Not thread safe.
 */
public abstract sealed class Matrix permits FloatMatrix, DoubleMatrix {
    protected final int rows;
    protected final int cols;

    Matrix(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix size must be at least 0, got " + rows + "x"
                    + cols);
        }
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * The most elements one matrix of {@code precision} can hold: its storage is one direct
     * buffer, whose size in bytes is an {@code int}.
     */
    public static long maxElements(Precision precision) {
        return Integer.MAX_VALUE / precision.bytes();
    }

    /**
     * The bytes of a {@code rows x cols} buffer.
     *
     * @throws IllegalArgumentException if it holds more than {@link #maxElements} elements
     */
    static int bufferBytes(Precision precision, int rows, int cols) {
        long elements = (long) rows * cols;
        if (elements > maxElements(precision)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a %dx%d matrix has %,d elements, more than the %,d a %s matrix can hold",
                    rows, cols, elements, maxElements(precision),
                    precision.name().toLowerCase(Locale.ROOT)));
        }
        return (int) elements * precision.bytes();
    }

    /** A zero matrix of the given precision and shape. */
    public static Matrix zeros(Precision precision, int rows, int cols) {
        return switch (precision) {
            case FLOAT32 -> new FloatMatrix(rows, cols);
            case FLOAT64 -> new DoubleMatrix(rows, cols);
        };
    }

    /** A matrix holding {@code values} in row-major order. */
    public static Matrix of(Precision precision, int rows, int cols, double... values) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix needs "
                    + (long) rows * cols + " values, got " + values.length);
        }
        Matrix m = zeros(precision, rows, cols);
        for (int i = 0; i < values.length; i++) {
            m.setFlat(i, values[i]);
        }
        return m;
    }

    public abstract Precision precision();

    public final int rows() {
        return rows;
    }

    public final int cols() {
        return cols;
    }

    /** rows * cols. */
    public final int size() {
        return rows * cols;
    }

    /** Element {@code i} in row-major order. */
    public abstract double getFlat(int i);

    /** Sets element {@code i} in row-major order (rounded to float for float32). */
    public abstract void setFlat(int i, double value);

    public final double get(int row, int col) {
        return getFlat(index(row, col));
    }

    public final void set(int row, int col, double value) {
        setFlat(index(row, col), value);
    }

    private int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException(
                    "(" + row + ", " + col + ") is outside a " + rows + "x" + cols + " matrix");
        }
        return row * cols + col;
    }

    /** Rows {@code from .. from+count-1} as a view sharing storage. */
    public final Matrix rowRange(int from, int count) {
        if (from < 0 || count < 0 || from + count > rows) {
            throw new IndexOutOfBoundsException("rows " + from + ".." + (from + count - 1)
                    + " are outside a matrix of " + rows + " rows");
        }
        return view(from * cols, count, cols);
    }

    /**
     * A {@code rows x cols} view of this matrix's storage starting at flat element
     * {@code offset}; used to lay parameters out in one contiguous block.
     */
    public abstract Matrix view(int offset, int rows, int cols);

    /** A new matrix with the same precision, shape and values. */
    public final Matrix copy() {
        Matrix c = zeros(precision(), rows, cols);
        c.copyFrom(this);
        return c;
    }

    /** Copies {@code source}, which must have this shape and precision. */
    public abstract void copyFrom(Matrix source);

    public abstract void fill(double value);

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c} through OpenBLAS (gemm).
     *
     * @throws IllegalArgumentException if shapes or precisions do not match
     */
    public static void multiply(Matrix a, Transpose transA, Matrix b, Transpose transB,
            double alpha, double beta, Matrix c) {
        int m = transA == Transpose.YES ? a.cols : a.rows;
        int k = transA == Transpose.YES ? a.rows : a.cols;
        int kb = transB == Transpose.YES ? b.cols : b.rows;
        int n = transB == Transpose.YES ? b.rows : b.cols;
        if (k != kb) {
            throw new IllegalArgumentException("cannot multiply " + m + "x" + k + " by " + kb
                    + "x" + n + ": inner dimensions " + k + " and " + kb + " differ");
        }
        if (c.rows != m || c.cols != n) {
            throw new IllegalArgumentException("product is " + m + "x" + n + " but the output is "
                    + c.rows + "x" + c.cols);
        }
        if (a.precision() != c.precision() || b.precision() != c.precision()) {
            throw new IllegalArgumentException("cannot multiply " + a.precision() + " by "
                    + b.precision() + " into " + c.precision());
        }
        if (m == 0 || n == 0) {
            return;
        }
        c.gemm(a, transA == Transpose.YES, b, transB == Transpose.YES, m, n, k, alpha, beta);
    }

    /**
     * The same product as {@link #multiply} in plain Java (triple loop, double accumulation):
     * slow, independent of OpenBLAS, for checking it.
     */
    public static void multiplyPlain(Matrix a, Transpose transA, Matrix b, Transpose transB,
            double alpha, double beta, Matrix c) {
        boolean ta = transA == Transpose.YES;
        boolean tb = transB == Transpose.YES;
        int m = ta ? a.cols : a.rows;
        int k = ta ? a.rows : a.cols;
        int n = tb ? b.rows : b.cols;
        if ((tb ? b.cols : b.rows) != k || c.rows != m || c.cols != n) {
            throw new IllegalArgumentException("shapes do not match for a product");
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (ta ? a.get(p, i) : a.get(i, p)) * (tb ? b.get(j, p) : b.get(p, j));
                }
                double old = beta == 0 ? 0 : beta * c.get(i, j);
                c.set(i, j, alpha * sum + old);
            }
        }
    }

    abstract void gemm(Matrix a, boolean transA, Matrix b, boolean transB, int m, int n, int k,
            double alpha, double beta);

    /** Adds {@code rowVector} (1 x cols) to every row. */
    public void addRowVector(Matrix rowVector) {
        requireShape(rowVector, 1, cols, "row vector");
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                setFlat(base + j, getFlat(base + j) + rowVector.getFlat(j));
            }
        }
    }

    /** Writes the sum of each column into {@code out} (1 x cols). */
    public void sumColumnsInto(Matrix out) {
        requireShape(out, 1, cols, "column sums");
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += getFlat(r * cols + j);
            }
            out.setFlat(j, sum);
        }
    }

    /** Writes f(this) element-wise into {@code out} (same shape); {@code scale} is leaky ReLU's. */
    public void activate(ActivationFunction function, double scale, Matrix out) {
        requireSameShape(out, "activation output");
        for (int i = 0, n = size(); i < n; i++) {
            out.setFlat(i, function.apply(getFlat(i), scale));
        }
    }

    /**
     * With this matrix as the input z of an activation and {@code a} = f(z) its output, writes
     * {@code grad * f'(z)} element-wise into {@code out}.
     */
    public void activationGradient(ActivationFunction function, double scale, Matrix a,
            Matrix grad, Matrix out) {
        requireSameShape(out, "activation gradient");
        for (int i = 0, n = size(); i < n; i++) {
            out.setFlat(i, grad.getFlat(i) * function.derivative(getFlat(i), a.getFlat(i), scale));
        }
    }

    /** Writes {@code this[i] * factors[i]} into {@code out} (a dropout mask, for example). */
    public void multiplyElementwise(float[] factors, Matrix out) {
        requireSameShape(out, "product");
        for (int i = 0, n = size(); i < n; i++) {
            out.setFlat(i, getFlat(i) * factors[i]);
        }
    }

    /**
     * Inverted dropout: writes {@code this[i] * mask[i]} into {@code out}, the mask being
     * {@link DropoutMask}'s for drop probability {@code probability} and batch key
     * {@code key}. The mask is made piece by piece as it is used, never stored: the backward
     * pass calls this again with the same key on the gradient.
     */
    public void dropout(double probability, long key, Matrix out) {
        requireSameShape(out, "dropout output");
        float[] mask = Scratch.floats(2, 4096);
        for (int from = 0, size = size(); from < size; from += 4096) {
            int n = Math.min(4096, size - from);
            DropoutMask.fill(mask, from, n, probability, key);
            for (int i = 0; i < n; i++) {
                out.setFlat(from + i, getFlat(from + i) * mask[i]);
            }
        }
    }

    /**
     * A bias, an activation and an inverted dropout in one pass: {@code out} gets f(z) for
     * z = x W + b (this matrix a product x W, {@code bias} a 1 x cols row) times the
     * {@link #dropout} mask of {@code probability} and {@code key}, or f(z) alone where
     * {@code probability} is 0: the values of {@link #addRowVector}, {@link #activate} and
     * {@link #dropout} one after the other. With {@code keepSum} this matrix becomes z in
     * place; without, its values afterwards are unspecified (for a caller that needs only
     * {@code out}, which saves a pass over memory).
     */
    public void addBiasActivateDropout(Matrix bias, ActivationFunction function, double scale,
            double probability, long key, Matrix out, boolean keepSum) {
        addRowVector(bias);
        activate(function, scale, out);
        if (probability > 0) {
            out.dropout(probability, key, out);
        }
    }

    /**
     * The backward pass of an inverted dropout and of the ReLU or leaky ReLU below it in one:
     * with this matrix as the activation's input z, writes grad * mask * f'(z) into
     * {@code out}. The values of {@link #dropout} on {@code grad} and then
     * {@link #activationGradient}.
     */
    public void dropoutActivationGradient(ActivationFunction function, double scale,
            Matrix grad, double probability, long key, Matrix out) {
        grad.dropout(probability, key, out);
        // The derivatives of the rectifiers need z alone, so z stands in for a = f(z).
        activationGradient(function, scale, this, out, out);
    }

    /**
     * The backward pass of an inverted dropout and the ReLU below it from the forward's output
     * alone: with this matrix as y = max(z, 0) times the {@link #dropout} mask of
     * {@code probability}, writes grad * mask * f'(z) into {@code out}, which is grad times
     * the mask's scale where y &gt; 0 and 0 elsewhere (y &gt; 0 exactly where z &gt; 0 and
     * the element was kept). No mask is drawn and z is not read.
     */
    public void keptRectifierGradient(Matrix grad, double probability, Matrix out) {
        requireSameShape(grad, "gradient");
        requireSameShape(out, "activation gradient");
        double scale = DropoutMask.scale(probability);
        for (int i = 0, n = size(); i < n; i++) {
            out.setFlat(i, grad.getFlat(i) * scale * (getFlat(i) > 0 ? 1 : 0));
        }
    }

    /** Multiplies every element by {@code factor}. */
    public void scale(double factor) {
        for (int i = 0, n = size(); i < n; i++) {
            setFlat(i, getFlat(i) * factor);
        }
    }

    /** The index of the largest element of row {@code row} (first on ties; NaN never wins). */
    public int argmaxRow(int row) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        int base = row * cols;
        for (int j = 0; j < cols; j++) {
            double v = getFlat(base + j);
            if (v > bestValue) {
                bestValue = v;
                best = j;
            }
        }
        return best;
    }

    /** Whether every element is finite. */
    public boolean isFinite() {
        for (int i = 0, n = size(); i < n; i++) {
            if (!Double.isFinite(getFlat(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes into {@code columns} the indices, in increasing order, of the columns that hold a
     * value other than 0 (NaN counts as such) in the first {@code firstRows} rows, and returns
     * how many there are. -0 counts as 0.
     */
    public int nonzeroColumns(int firstRows, int[] columns) {
        int count = 0;
        for (int j = 0; j < cols; j++) {
            for (int r = 0; r < firstRows; r++) {
                if (getFlat(r * cols + j) != 0) { // true for NaN too
                    columns[count++] = j;
                    break;
                }
            }
        }
        return count;
    }

    /** Writes columns {@code columns[0..count)} of this matrix into {@code out} (rows x count). */
    public void gatherColumns(int[] columns, int count, Matrix out) {
        requireShape(out, rows, count, "column subset");
        requirePrecision(out, "column subset");
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < count; t++) {
                out.setFlat(r * count + t, getFlat(r * cols + columns[t]));
            }
        }
    }

    /** Writes rows {@code indices[0..count)} of this matrix into {@code out} (count x cols). */
    public void gatherRows(int[] indices, int count, Matrix out) {
        requireShape(out, count, cols, "row subset");
        requirePrecision(out, "row subset");
        for (int t = 0; t < count; t++) {
            for (int j = 0; j < cols; j++) {
                out.setFlat(t * cols + j, getFlat(indices[t] * cols + j));
            }
        }
    }

    /**
     * The reverse of {@link #gatherRows(int[], int, Matrix)} into a zero matrix: row
     * {@code indices[t]} of this matrix becomes row t of {@code subset} (count x cols), every
     * other row 0. {@code indices} must increase.
     */
    public void scatterRows(int[] indices, int count, Matrix subset) {
        requireShape(subset, count, cols, "row subset");
        requirePrecision(subset, "row subset");
        fill(0);
        for (int t = 0; t < count; t++) {
            for (int j = 0; j < cols; j++) {
                setFlat(indices[t] * cols + j, subset.getFlat(t * cols + j));
            }
        }
    }

    /**
     * Fills the first {@code count} rows with rows {@code order[from..from+count-1]} of a
     * row-major source with {@code cols} columns.
     */
    public abstract void gatherRows(float[] source, int[] order, int from, int count);

    /** Copies all elements, row-major, into {@code destination} from {@code offset}. */
    public abstract void copyTo(float[] destination, int offset);

    /** Copies all elements, row-major, into {@code destination} from {@code offset}. */
    public abstract void copyTo(double[] destination, int offset);

    /** Sets all elements, row-major, from {@code source} starting at {@code offset}. */
    public abstract void copyFrom(float[] source, int offset);

    /** Sets all elements, row-major, from {@code source} starting at {@code offset}. */
    public abstract void copyFrom(double[] source, int offset);

    /** All elements, row-major, as doubles. */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        copyTo(out, 0);
        return out;
    }

    /** All elements, row-major, as floats (rounded for float64). */
    public float[] toFloatArray() {
        float[] out = new float[size()];
        copyTo(out, 0);
        return out;
    }

    void requireSameShape(Matrix other, String what) {
        requireShape(other, rows, cols, what);
        requirePrecision(other, what);
    }

    void requirePrecision(Matrix other, String what) {
        if (other.precision() != precision()) {
            throw new IllegalArgumentException(what + " must be " + precision() + ", got "
                    + other.precision());
        }
    }

    static void requireShape(Matrix m, int rows, int cols, String what) {
        if (m.rows != rows || m.cols != cols) {
            throw new IllegalArgumentException(what + " must be " + rows + "x" + cols + ", got "
                    + m.rows + "x" + m.cols);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(rows + "x" + cols + " " + precision() + " [");
        int shown = Math.min(size(), 12);
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", getFlat(i)));
        }
        return text.append(shown < size() ? ", ...]" : "]").toString();
    }
}
