package dev.descent.tensor;

import dev.descent.internal.blas.OpenBlas;
import dev.descent.internal.parallel.Workers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/** A float32 {@link Matrix} in a direct buffer. */
public final class FloatMatrix extends Matrix {
    private final FloatBuffer data;
    /** Duplicates of the storage for products split in parts, made once per part count. */
    private FloatBuffer[] duplicates = new FloatBuffer[0];

    FloatMatrix(int rows, int cols) {
        super(rows, cols);
        this.data = ByteBuffer.allocateDirect(bufferBytes(Precision.FLOAT32, rows, cols))
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
        FloatMatrix left = (FloatMatrix) a;
        FloatMatrix right = (FloatMatrix) b;
        int parts = OpenBlas.partsFor(m, n, k);
        if (parts == 1 || left == right) {
            OpenBlas.sgemm(transA, transB, m, n, k, (float) alpha, left.data, a.cols,
                    right.data, b.cols, (float) beta, data, cols);
        } else {
            OpenBlas.sgemm(parts, transA, transB, m, n, k, (float) alpha,
                    left.duplicates(parts), a.cols, right.duplicates(parts), b.cols,
                    (float) beta, duplicates(parts), cols);
        }
    }

    private FloatBuffer[] duplicates(int parts) {
        if (duplicates.length < parts) {
            FloatBuffer[] more = Arrays.copyOf(duplicates, parts);
            for (int i = duplicates.length; i < parts; i++) {
                more[i] = data.duplicate();
            }
            duplicates = more;
        }
        return duplicates;
    }

    /**
     * Elements per pass of the kernels below: they copy that many from the buffer into a heap
     * array, where the JIT vectorizes the loop, and back. Small enough that the copy stays in
     * the first-level cache, so each kernel crosses memory once however large the matrix.
     */
    static final int CHUNK = 4096;

    /** Whole rows per chunk: at least one. */
    private int rowsPerChunk() {
        return Math.max(1, CHUNK / Math.max(cols, 1));
    }

    /**
     * Matrices of at least this many elements run the kernels below on {@link Blas#threads()}
     * threads: 2^17, so the batch-1024 layers of the lesson's network do and its batch-64
     * ones (at most 64 x 1024) do not.
     */
    static final int PARALLEL_ELEMENTS = 1 << 17;

    private static int partsFor(int size) {
        return size < PARALLEL_ELEMENTS ? 1 : Math.min(Blas.threads(), size / CHUNK);
    }

    /**
     * One element-wise kernel split in ranges of whole chunks (whole rows for the bias) over
     * the workers; the ranges are disjoint, so the values are those of one thread. Reused
     * under its lock, so no garbage.
     */
    private static final class ElementwiseTask implements Workers.Task {
        static final int ADD_ROW = 0;
        static final int RECTIFY = 1;
        static final int RECTIFY_GRADIENT = 2;
        static final int DROPOUT = 3;
        static final int GATHER = 4;
        static final int SUM_COLUMNS = 5;
        static final int BIAS_RECTIFY_DROPOUT = 6;
        static final int KEPT_GRADIENT = 7;
        /** {@link #BIAS_RECTIFY_DROPOUT} without storing z. */
        static final int BIAS_RECTIFY_DROPOUT_ONLY = 8;
        private static final ElementwiseTask TASK = new ElementwiseTask();

        private int kind;
        private FloatMatrix self;
        private FloatMatrix other;
        private FloatMatrix out;
        private ActivationFunction function;
        private double value;
        private double probability;
        private long key;
        private float[] source;
        private int[] order;
        private int from;
        private int count;

        static void gather(FloatMatrix self, float[] source, int[] order, int from, int count,
                int parts) {
            synchronized (TASK) {
                TASK.source = source;
                TASK.order = order;
                TASK.from = from;
                TASK.count = count;
                TASK.execute(GATHER, self, parts);
            }
        }

        static void run(int kind, FloatMatrix self, FloatMatrix other, FloatMatrix out,
                ActivationFunction function, double value, long key, int parts) {
            run(kind, self, other, out, function, value, value, key, parts);
        }

        /** A kernel with both an activation's scale and a dropout probability. */
        static void run(int kind, FloatMatrix self, FloatMatrix other, FloatMatrix out,
                ActivationFunction function, double scale, double probability, long key,
                int parts) {
            synchronized (TASK) {
                TASK.other = other;
                TASK.out = out;
                TASK.function = function;
                TASK.value = scale;
                TASK.probability = probability;
                TASK.key = key;
                TASK.execute(kind, self, parts);
            }
        }

        /** Runs this kernel on the workers, then drops the references it held. */
        private void execute(int kernel, FloatMatrix matrix, int parts) {
            kind = kernel;
            self = matrix;
            try {
                Workers.run(this, parts);
            } finally {
                self = null;
                other = null;
                out = null;
                source = null;
                order = null;
            }
        }

        @Override
        public void run(int part, int parts) {
            if (kind == GATHER) {
                self.gatherRows(source, order, from, Workers.start(part, parts, count, 1),
                        Workers.start(part + 1, parts, count, 1));
                return;
            }
            if (kind == SUM_COLUMNS) {
                self.sumColumnsInto(out, Workers.start(part, parts, self.cols, 16),
                        Workers.start(part + 1, parts, self.cols, 16));
                return;
            }
            if (kind == BIAS_RECTIFY_DROPOUT || kind == BIAS_RECTIFY_DROPOUT_ONLY) {
                int rows = self.rows();
                self.biasRectifyDropout(other, function, value, probability, key, out,
                        kind == BIAS_RECTIFY_DROPOUT, Workers.start(part, parts, rows, 1),
                        Workers.start(part + 1, parts, rows, 1));
                return;
            }
            if (kind == ADD_ROW) {
                int rows = self.rows();
                self.addRowVector(other, Workers.start(part, parts, rows, 1),
                        Workers.start(part + 1, parts, rows, 1));
                return;
            }
            int start = Workers.start(part, parts, self.size(), CHUNK);
            int end = Workers.start(part + 1, parts, self.size(), CHUNK);
            switch (kind) {
                case RECTIFY -> self.rectify(function, value, out, start, end);
                case RECTIFY_GRADIENT -> self.rectifyGradient(function, value, other,
                        probability, key, out, start, end);
                case KEPT_GRADIENT -> self.keptRectifierGradient(other, (float) value, out,
                        start, end);
                default -> self.dropout(value, key, out, start, end);
            }
        }
    }

    @Override
    public void addRowVector(Matrix rowVector) {
        requireShape(rowVector, 1, cols, "row vector");
        int parts = partsFor(size());
        if (parts == 1) {
            addRowVector((FloatMatrix) rowVector, 0, rows);
        } else {
            ElementwiseTask.run(ElementwiseTask.ADD_ROW, this, (FloatMatrix) rowVector, null,
                    null, 0, 0, parts);
        }
    }

    /**
     * Rows [rowFrom, rowTo) of {@link #addRowVector(Matrix)}. The row vector is repeated over a
     * whole chunk first, so that the loop indexes both arrays alike: with an offset on one of
     * them (x[base + j] += b[j]) the JIT (JDK 17) does not vectorize, and the bias of a
     * 1024 x 1024 batch took 470 microseconds instead of about 60.
     */
    private void addRowVector(FloatMatrix rowVector, int rowFrom, int rowTo) {
        int step = rowsPerChunk();
        float[] b = tiled(rowVector, step);
        float[] x = Scratch.floats(0, step * cols);
        for (int r0 = rowFrom; r0 < rowTo; r0 += step) {
            int n = Math.min(step, rowTo - r0) * cols;
            data.get(r0 * cols, x, 0, n);
            for (int i = 0; i < n; i++) {
                x[i] += b[i];
            }
            data.put(r0 * cols, x, 0, n);
        }
    }

    /** Scratch slot 1 holding {@code row} (1 x cols) {@code times} times over. */
    private float[] tiled(FloatMatrix row, int times) {
        float[] b = Scratch.floats(1, times * cols);
        row.data.get(0, b, 0, cols);
        for (int r = 1; r < times; r++) {
            System.arraycopy(b, 0, b, r * cols, cols);
        }
        return b;
    }

    private static boolean rectifier(ActivationFunction function) {
        return function == ActivationFunction.RELU || function == ActivationFunction.LEAKY_RELU;
    }

    @Override
    public void addBiasActivateDropout(Matrix bias, ActivationFunction function, double scale,
            double probability, long key, Matrix out, boolean keepSum) {
        if (!rectifier(function)) {
            super.addBiasActivateDropout(bias, function, scale, probability, key, out, keepSum);
            return;
        }
        requireShape(bias, 1, cols, "row vector");
        requireSameShape(out, "activation output");
        int parts = partsFor(size());
        if (parts == 1) {
            biasRectifyDropout((FloatMatrix) bias, function, scale, probability, key,
                    (FloatMatrix) out, keepSum, 0, rows);
        } else {
            ElementwiseTask.run(keepSum ? ElementwiseTask.BIAS_RECTIFY_DROPOUT
                    : ElementwiseTask.BIAS_RECTIFY_DROPOUT_ONLY, this, (FloatMatrix) bias,
                    (FloatMatrix) out, function, scale, probability, key, parts);
        }
    }

    /**
     * Rows [rowFrom, rowTo) of {@link #addBiasActivateDropout}: per chunk the arithmetic of
     * addRowVector, rectify and dropout in turn, while the chunk is in the first-level cache.
     */
    private void biasRectifyDropout(FloatMatrix bias, ActivationFunction function,
            double scale, double probability, long key, FloatMatrix out, boolean keepSum,
            int rowFrom, int rowTo) {
        int step = rowsPerChunk();
        float[] b = tiled(bias, step);
        float[] x = Scratch.floats(0, step * cols);
        float[] mask = Scratch.floats(2, step * cols);
        float s = (float) scale;
        boolean relu = function == ActivationFunction.RELU;
        for (int r0 = rowFrom; r0 < rowTo; r0 += step) {
            int from = r0 * cols;
            int n = Math.min(step, rowTo - r0) * cols;
            data.get(from, x, 0, n);
            for (int i = 0; i < n; i++) {
                x[i] += b[i];
            }
            if (keepSum) {
                data.put(from, x, 0, n);
            }
            rectify(x, n, relu, s);
            if (probability > 0) {
                DropoutMask.fill(mask, from, n, probability, key);
                for (int i = 0; i < n; i++) {
                    x[i] *= mask[i];
                }
            }
            out.data.put(from, x, 0, n);
        }
    }

    @Override
    public void dropoutActivationGradient(ActivationFunction function, double scale,
            Matrix grad, double probability, long key, Matrix out) {
        if (!rectifier(function)) {
            super.dropoutActivationGradient(function, scale, grad, probability, key, out);
            return;
        }
        requireSameShape(grad, "gradient");
        rectifierGradient(function, scale, (FloatMatrix) grad, probability, key, out);
    }

    @Override
    public void keptRectifierGradient(Matrix grad, double probability, Matrix out) {
        requireSameShape(grad, "gradient");
        requireSameShape(out, "activation gradient");
        float scale = DropoutMask.scale(probability);
        int parts = partsFor(size());
        if (parts == 1) {
            keptRectifierGradient((FloatMatrix) grad, scale, (FloatMatrix) out, 0, size());
        } else {
            ElementwiseTask.run(ElementwiseTask.KEPT_GRADIENT, this, (FloatMatrix) grad,
                    (FloatMatrix) out, null, scale, 0, parts);
        }
    }

    /**
     * Elements [start, end) of {@link #keptRectifierGradient(Matrix, double, Matrix)}: the
     * gradient times the mask's scale, then times the step of y (the bits of
     * {@link #rectifyGradient} where the mask kept z &gt; 0 and of 0 elsewhere).
     */
    private void keptRectifierGradient(FloatMatrix grad, float scale, FloatMatrix out,
            int start, int end) {
        float[] y = Scratch.floats(0, CHUNK);
        float[] g = Scratch.floats(1, CHUNK);
        for (int from = start; from < end; from += CHUNK) {
            int n = Math.min(CHUNK, end - from);
            data.get(from, y, 0, n);
            grad.data.get(from, g, 0, n);
            for (int i = 0; i < n; i++) {
                // 1 where y > 0 (y is at least the smallest normal float there), else 0.
                g[i] = g[i] * scale * Math.min(Math.max(y[i] * Float.MAX_VALUE, 0f), 1f);
            }
            out.data.put(from, g, 0, n);
        }
    }

    @Override
    public void sumColumnsInto(Matrix out) {
        requireShape(out, 1, cols, "column sums");
        int parts = size() < PARALLEL_ELEMENTS ? 1
                : Math.min(Blas.threads(), Math.max(1, cols / SUM_COLUMNS_PER_PART));
        if (parts == 1) {
            sumColumnsInto((FloatMatrix) out, 0, cols);
        } else {
            ElementwiseTask.run(ElementwiseTask.SUM_COLUMNS, this, null, (FloatMatrix) out,
                    null, 0, 0, parts);
        }
    }

    /** Columns per part at least, when column sums are split over threads. */
    private static final int SUM_COLUMNS_PER_PART = 64;

    /**
     * Columns [first, end) of {@link #sumColumnsInto(Matrix)}, each summed from row 0 down, so
     * that any split by columns gives the bits of one thread. Wide rows are read one at a time
     * and summed with the same index on both arrays (an offset on one stops the JIT from
     * vectorizing, see {@link #addRowVector(FloatMatrix, int, int)}); narrow ones in chunks.
     */
    private void sumColumnsInto(FloatMatrix out, int first, int end) {
        int width = end - first;
        float[] sums = Scratch.floats(1, width);
        java.util.Arrays.fill(sums, 0, width, 0f);
        if (width >= SUM_COLUMNS_PER_PART) {
            float[] x = Scratch.floats(0, width);
            for (int r = 0; r < rows; r++) {
                data.get(r * cols + first, x, 0, width);
                for (int j = 0; j < width; j++) {
                    sums[j] += x[j];
                }
            }
        } else {
            int step = rowsPerChunk();
            float[] x = Scratch.floats(0, step * cols);
            for (int r0 = 0; r0 < rows; r0 += step) {
                int n = Math.min(step, rows - r0) * cols;
                data.get(r0 * cols, x, 0, n);
                for (int base = first; base < n; base += cols) {
                    for (int j = 0; j < width; j++) {
                        sums[j] += x[base + j];
                    }
                }
            }
        }
        out.data.put(first, sums, 0, width);
    }

    @Override
    public void activate(ActivationFunction function, double scale, Matrix out) {
        if (function != ActivationFunction.RELU && function != ActivationFunction.LEAKY_RELU) {
            super.activate(function, scale, out);
            return;
        }
        requireSameShape(out, "activation output");
        int parts = partsFor(size());
        if (parts == 1) {
            rectify(function, scale, (FloatMatrix) out, 0, size());
        } else {
            ElementwiseTask.run(ElementwiseTask.RECTIFY, this, null, (FloatMatrix) out, function,
                    scale, 0, parts);
        }
    }

    /** Elements [start, end) of ReLU or leaky ReLU into {@code out}. */
    private void rectify(ActivationFunction function, double scale, FloatMatrix out, int start,
            int end) {
        FloatBuffer target = out.data;
        float[] z = Scratch.floats(0, CHUNK);
        float s = (float) scale;
        boolean relu = function == ActivationFunction.RELU;
        for (int from = start; from < end; from += CHUNK) {
            int n = Math.min(CHUNK, end - from);
            data.get(from, z, 0, n);
            rectify(z, n, relu, s);
            target.put(from, z, 0, n);
        }
    }

    /** ReLU (relu) or leaky ReLU with slope {@code s} of x[0..n) in place. */
    private static void rectify(float[] x, int n, boolean relu, float s) {
        if (relu) {
            // Not max + 0 * min: 0 * -Inf would turn relu(-Inf) into NaN (float64 gives 0).
            for (int i = 0; i < n; i++) {
                x[i] = Math.max(x[i], 0f);
            }
        } else {
            for (int i = 0; i < n; i++) {
                x[i] = Math.max(x[i], 0f) + s * Math.min(x[i], 0f);
            }
        }
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
        rectifierGradient(function, scale, (FloatMatrix) grad, 0, 0, out);
    }

    /**
     * The rectifier's gradient at this z of {@code grad}, after a dropout mask of {@code key}
     * where {@code probability > 0}, split over the workers when large.
     */
    private void rectifierGradient(ActivationFunction function, double scale, FloatMatrix grad,
            double probability, long key, Matrix out) {
        requireSameShape(out, "activation gradient");
        int parts = partsFor(size());
        if (parts == 1) {
            rectifyGradient(function, scale, grad, probability, key, (FloatMatrix) out, 0,
                    size());
        } else {
            ElementwiseTask.run(ElementwiseTask.RECTIFY_GRADIENT, this, grad, (FloatMatrix) out,
                    function, scale, probability, key, parts);
        }
    }

    /**
     * Elements [start, end) of {@link #rectifierGradient}: the gradient times the dropout mask
     * (where masked), then times the slope, per chunk.
     */
    private void rectifyGradient(ActivationFunction function, double scale, FloatMatrix grad,
            double probability, long key, FloatMatrix out, int start, int end) {
        float[] z = Scratch.floats(0, CHUNK);
        float[] g = Scratch.floats(1, CHUNK);
        float[] mask = probability > 0 ? Scratch.floats(2, CHUNK) : null;
        float s = function == ActivationFunction.RELU ? 0f : (float) scale;
        for (int from = start; from < end; from += CHUNK) {
            int n = Math.min(CHUNK, end - from);
            data.get(from, z, 0, n);
            grad.data.get(from, g, 0, n);
            if (mask != null) {
                DropoutMask.fill(mask, from, n, probability, key);
                for (int i = 0; i < n; i++) {
                    g[i] *= mask[i];
                }
            }
            for (int i = 0; i < n; i++) {
                float step = Math.min(Math.max(z[i] * Float.MAX_VALUE, 0f), 1f);
                g[i] *= step + s * (1f - step);
            }
            out.data.put(from, g, 0, n);
        }
    }

    @Override
    public void multiplyElementwise(float[] factors, Matrix out) {
        requireSameShape(out, "product");
        FloatBuffer target = ((FloatMatrix) out).data;
        float[] x = Scratch.floats(0, CHUNK);
        for (int from = 0, size = size(); from < size; from += CHUNK) {
            int n = Math.min(CHUNK, size - from);
            data.get(from, x, 0, n);
            for (int i = 0; i < n; i++) {
                x[i] *= factors[from + i];
            }
            target.put(from, x, 0, n);
        }
    }

    @Override
    public void dropout(double probability, long key, Matrix out) {
        requireSameShape(out, "dropout output");
        int parts = partsFor(size());
        if (parts == 1) {
            dropout(probability, key, (FloatMatrix) out, 0, size());
        } else {
            ElementwiseTask.run(ElementwiseTask.DROPOUT, this, null, (FloatMatrix) out, null,
                    probability, key, parts);
        }
    }

    /** Elements [start, end) of {@link #dropout(double, long, Matrix)}. */
    private void dropout(double probability, long key, FloatMatrix out, int start, int end) {
        FloatBuffer target = out.data;
        float[] x = Scratch.floats(0, CHUNK);
        float[] mask = Scratch.floats(1, CHUNK);
        for (int from = start; from < end; from += CHUNK) {
            int n = Math.min(CHUNK, end - from);
            DropoutMask.fill(mask, from, n, probability, key);
            data.get(from, x, 0, n);
            for (int i = 0; i < n; i++) {
                x[i] *= mask[i];
            }
            target.put(from, x, 0, n);
        }
    }

    @Override
    public void gatherRows(float[] source, int[] order, int from, int count) {
        int size = count * cols;
        int threads = Math.min(Blas.threads(), count);
        boolean split = size >= PARALLEL_ELEMENTS
                || (size >= PARALLEL_GATHER && Workers.awake(threads));
        int parts = split ? threads : 1;
        if (parts == 1) {
            gatherRows(source, order, from, 0, count);
        } else {
            ElementwiseTask.gather(this, source, order, from, count, parts);
        }
    }

    /**
     * Batches of at least {@link #PARALLEL_ELEMENTS} values are gathered on
     * {@link Blas#threads()} threads, and of at least this many when the workers are still
     * awake from the step's last split work: the copy is bound by memory latency (rows
     * scattered over a large array), which two cores overlap, but waking a parked worker
     * costs more than the copy of one batch of 64 rows. 2^15, about 42 rows of 784. A copy's
     * values do not depend on the split, so this timing-dependent choice changes no value.
     * Measured: digits 784-64-10 on two threads, where the gather was the only split work
     * and the worker parked between batches, took 0.051-0.060 s an epoch against 0.034-0.036
     * on one.
     */
    static final int PARALLEL_GATHER = 1 << 15;

    /** Rows [first, end) of {@link #gatherRows(float[], int[], int, int)}. */
    private void gatherRows(float[] source, int[] order, int from, int first, int end) {
        for (int r = first; r < end; r++) {
            data.put(r * cols, source, order[from + r] * cols, cols);
        }
    }

    /**
     * The scan and the subset copies below run on {@link Blas#threads()} threads as the batch
     * gather does: from {@link #PARALLEL_ELEMENTS} values, and from {@link #PARALLEL_GATHER}
     * while the workers are awake from the step's last split work. Their values do not depend
     * on the split.
     */
    private static int subsetParts(long values) {
        int threads = Blas.threads();
        boolean split = values >= PARALLEL_ELEMENTS
                || (values >= PARALLEL_GATHER && Workers.awake(threads));
        return threads > 1 && split ? threads : 1;
    }

    @Override
    public int nonzeroColumns(int firstRows, int[] columns) {
        // The calling thread's own array: each part of a split scan writes its columns there.
        float[] largest = Scratch.floats(3, cols);
        int parts = subsetParts((long) firstRows * cols);
        if (parts == 1) {
            largestMagnitudes(firstRows, largest, 0, cols);
        } else {
            SubsetTask.scan(this, firstRows, largest, parts);
        }
        int count = 0;
        for (int j = 0; j < cols; j++) {
            if (largest[j] != 0) { // true for NaN too
                columns[count++] = j;
            }
        }
        return count;
    }

    /**
     * The largest |value| of each column [first, end) over the first rows, into
     * {@code largest}; uses scratch slots 0 and 1 of the running thread.
     */
    private void largestMagnitudes(int firstRows, float[] largest, int first, int end) {
        int width = end - first;
        float[] row = Scratch.floats(0, width);
        float[] most = Scratch.floats(1, width);
        Arrays.fill(most, 0, width, 0f);
        for (int r = 0; r < firstRows; r++) {
            data.get(r * cols + first, row, 0, width);
            for (int j = 0; j < width; j++) {
                most[j] = Math.max(most[j], Math.abs(row[j]));
            }
        }
        System.arraycopy(most, 0, largest, first, width);
    }

    /** Array copies, one per run of consecutive columns in each row. */
    @Override
    public void gatherColumns(int[] columns, int count, Matrix out) {
        requireShape(out, rows, count, "column subset");
        requirePrecision(out, "column subset");
        int parts = Math.min(subsetParts((long) rows * cols), rows);
        if (parts == 1) {
            gatherColumns(columns, count, (FloatMatrix) out, 0, rows);
        } else {
            SubsetTask.run(SubsetTask.COLUMNS, this, columns, (FloatMatrix) out, count,
                    parts);
        }
    }

    /** Rows [rowFrom, rowTo) of {@link #gatherColumns(int[], int, Matrix)}. */
    private void gatherColumns(int[] columns, int count, FloatMatrix out, int rowFrom,
            int rowTo) {
        int[] runs = Scratch.ints(2 * count);
        int runCount = 0;
        for (int t = 0; t < count; ) {
            int run = runLength(columns, t, count);
            runs[2 * runCount] = columns[t];
            runs[2 * runCount + 1] = run;
            runCount++;
            t += run;
        }
        int step = rowsPerChunk();
        float[] x = Scratch.floats(0, step * cols);
        float[] subset = Scratch.floats(1, step * count);
        for (int r0 = rowFrom; r0 < rowTo; r0 += step) {
            int n = Math.min(step, rowTo - r0);
            data.get(r0 * cols, x, 0, n * cols);
            int to = 0;
            for (int r = 0; r < n; r++) {
                int base = r * cols;
                for (int i = 0; i < runCount; i++) {
                    int run = runs[2 * i + 1];
                    System.arraycopy(x, base + runs[2 * i], subset, to, run);
                    to += run;
                }
            }
            out.data.put(r0 * count, subset, 0, n * count);
        }
    }

    /** Bulk copies, one per run of consecutive indices. */
    @Override
    public void gatherRows(int[] indices, int count, Matrix out) {
        requireShape(out, count, cols, "row subset");
        requirePrecision(out, "row subset");
        int parts = Math.min(subsetParts((long) count * cols), count);
        if (parts == 1) {
            gatherRows(indices, (FloatMatrix) out, 0, count);
        } else {
            SubsetTask.run(SubsetTask.ROWS, this, indices, (FloatMatrix) out, count, parts);
        }
    }

    /** Subset rows [first, end) of {@link #gatherRows(int[], int, Matrix)}. */
    private void gatherRows(int[] indices, FloatMatrix out, int first, int end) {
        for (int t = first; t < end; ) {
            int run = runLength(indices, t, end);
            out.data.put(t * cols, data, indices[t] * cols, run * cols);
            t += run;
        }
    }

    /** Bulk copies and fills, one per run of consecutive indices and per gap between them. */
    @Override
    public void scatterRows(int[] indices, int count, Matrix subset) {
        requireShape(subset, count, cols, "row subset");
        requirePrecision(subset, "row subset");
        int parts = Math.min(subsetParts((long) rows * cols), rows);
        if (parts == 1) {
            scatterRows(indices, count, (FloatMatrix) subset, 0, rows);
        } else {
            SubsetTask.run(SubsetTask.SCATTER, this, indices, (FloatMatrix) subset, count,
                    parts);
        }
    }

    /** Rows [rowFrom, rowTo) of this matrix in {@link #scatterRows(int[], int, Matrix)}. */
    private void scatterRows(int[] indices, int count, FloatMatrix subset, int rowFrom,
            int rowTo) {
        int t = 0;
        while (t < count && indices[t] < rowFrom) {
            t++;
        }
        int next = rowFrom;
        while (t < count && indices[t] < rowTo) {
            int run = runLength(indices, t, count);
            run = Math.min(run, rowTo - indices[t]);
            clear(next * cols, indices[t] * cols);
            data.put(indices[t] * cols, subset.data, t * cols, run * cols);
            next = indices[t] + run;
            t += run;
        }
        clear(next * cols, rowTo * cols);
    }

    /**
     * The subset copies and the scan above split over the workers; reused under its lock,
     * which also covers every array it is handed.
     */
    private static final class SubsetTask implements Workers.Task {
        static final int SCAN = 0;
        static final int COLUMNS = 1;
        static final int ROWS = 2;
        static final int SCATTER = 3;
        private static final SubsetTask TASK = new SubsetTask();

        private int kind;
        private FloatMatrix self;
        private int[] indices;
        private FloatMatrix other;
        private int count;
        /** Where the parts of a scan leave their column maxima: the caller's array. */
        private float[] largest;

        static void scan(FloatMatrix self, int firstRows, float[] largest, int parts) {
            synchronized (TASK) {
                TASK.largest = largest;
                try {
                    run(SCAN, self, null, null, firstRows, parts);
                } finally {
                    TASK.largest = null;
                }
            }
        }

        static void run(int kind, FloatMatrix self, int[] indices, FloatMatrix other,
                int count, int parts) {
            synchronized (TASK) {
                TASK.kind = kind;
                TASK.self = self;
                TASK.indices = indices;
                TASK.other = other;
                TASK.count = count;
                try {
                    Workers.run(TASK, parts);
                } finally {
                    TASK.self = null;
                    TASK.indices = null;
                    TASK.other = null;
                }
            }
        }

        @Override
        public void run(int part, int parts) {
            switch (kind) {
                case SCAN -> self.largestMagnitudes(count, largest,
                        Workers.start(part, parts, self.cols, 16),
                        Workers.start(part + 1, parts, self.cols, 16));
                case COLUMNS -> self.gatherColumns(indices, other.cols, other,
                        Workers.start(part, parts, self.rows, 1),
                        Workers.start(part + 1, parts, self.rows, 1));
                case ROWS -> self.gatherRows(indices, other,
                        Workers.start(part, parts, count, 8),
                        Workers.start(part + 1, parts, count, 8));
                default -> self.scatterRows(indices, count, other,
                        Workers.start(part, parts, self.rows, 8),
                        Workers.start(part + 1, parts, self.rows, 8));
            }
        }
    }

    /** How many of {@code indices[t..count)} follow each other by 1 from {@code indices[t]}. */
    private static int runLength(int[] indices, int t, int count) {
        int run = 1;
        while (t + run < count && indices[t + run] == indices[t] + run) {
            run++;
        }
        return run;
    }

    private static final float[] ZEROS = new float[CHUNK];

    /** Sets elements [start, end) to 0. */
    private void clear(int start, int end) {
        for (int from = start; from < end; from += CHUNK) {
            data.put(from, ZEROS, 0, Math.min(CHUNK, end - from));
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
