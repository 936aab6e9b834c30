package dev.descent.nn;

import dev.descent.internal.parallel.Workers;
import dev.descent.tensor.Blas;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;

/**
 * Row-wise softmax p_k = exp(z_k - m) / sum_j exp(z_j - m), m the row maximum, so no exp
 * overflows. Backward applies the full Jacobian: dL/dz_k = p_k (g_k - sum_j g_j p_j).
 */
final class SoftmaxLayer extends Layer {
    private final RowBuffer output;
    private final RowBuffer inputGrad;
    private Matrix p;
    private float[] logits = new float[0];
    private float[] probabilities = new float[0];
    /** Per logit of the last float32 forward: its row's maximum, and exp(z - max). */
    private double[] shifts = new double[0];
    private double[] exps = new double[0];
    /** Per row of the last float32 forward: the maximum logit and the sum of exp(z - max). */
    private double[] rowMax = new double[0];
    private double[] rowSum = new double[0];
    /** The rows that rowMax and rowSum hold, or -1 (float64, or a row with a +Inf logit). */
    private int summedRows = -1;

    SoftmaxLayer(String name, int size, Precision precision) {
        super(name, size, size, precision);
        this.output = new RowBuffer(precision, size);
        this.inputGrad = new RowBuffer(precision, size);
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec.Softmax();
    }

    @Override
    public Matrix forward(Matrix z, boolean training) {
        int parts = Math.min(Blas.threads(), z.size() / PARALLEL_LOGITS);
        return forward(z, parts > 1 && Workers.awake(parts) ? parts : 1);
    }

    /** {@link #forward(Matrix, boolean)} with float32 rows taken in {@code parts} ranges. */
    Matrix forward(Matrix z, int parts) {
        p = output.rows(z.rows());
        summedRows = -1;
        if (z.precision() == Precision.FLOAT32) {
            forward32(z, parts);
            return p;
        }
        int k = z.cols();
        for (int r = 0; r < z.rows(); r++) {
            int base = r * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z.getFlat(base + j));
            }
            if (max == Double.POSITIVE_INFINITY) {
                spreadOverInfinities(z, base, k);
                continue;
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp(z.getFlat(base + j) - max);
                p.setFlat(base + j, e);
                sum += e;
            }
            for (int j = 0; j < k; j++) {
                p.setFlat(base + j, p.getFlat(base + j) / sum);
            }
        }
        return p;
    }

    /**
     * The same arithmetic as the general loop (double sums of the exps, each exp rounded to
     * float before its quotient) on heap copies, in three flat passes over a range of rows:
     * row maxima, all their exps in one loop, then row sums and quotients. The JIT compiles one
     * long exp loop far better than one short loop per row: a batch of 1024 rows of 10 took
     * 180 microseconds with a loop per row, 80 flat (same bits).
     */
    private void forward32(Matrix z, int parts) {
        int k = z.cols();
        int n = z.size();
        int rows = z.rows();
        if (logits.length < n) {
            logits = new float[n];
            probabilities = new float[n];
            shifts = new double[n];
            exps = new double[n];
        }
        if (rowMax.length < rows) {
            rowMax = new double[rows];
            rowSum = new double[rows];
        }
        z.copyTo(logits, 0);
        if (parts > 1) {
            rowsTask.rows = rows;
            rowsTask.k = k;
            Workers.run(rowsTask, parts);
        } else {
            forwardRows(0, rows, k);
        }
        boolean finite = true;
        for (int r = 0; r < rows; r++) {
            finite &= rowMax[r] != Double.POSITIVE_INFINITY;
        }
        summedRows = finite ? rows : -1;
        p.copyFrom(probabilities, 0);
    }

    /** {@link #forward32} of rows [first, end) of k logits, heap copy to heap copy. */
    private void forwardRows(int first, int end, int k) {
        float[] in = logits;
        float[] out = probabilities;
        double[] shift = shifts;
        double[] e = exps;
        int from = first * k;
        int to = end * k;
        for (int base = from, r = first; base < to; base += k, r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, in[base + j]);
            }
            rowMax[r] = max;
            for (int j = 0; j < k; j++) {
                shift[base + j] = max;
            }
        }
        for (int i = from; i < to; i++) {
            e[i] = Math.exp(in[i] - shift[i]);
        }
        for (int base = from, r = first; base < to; base += k, r++) {
            if (rowMax[r] == Double.POSITIVE_INFINITY) {
                int count = 0;
                for (int j = 0; j < k; j++) {
                    count += in[base + j] == Float.POSITIVE_INFINITY ? 1 : 0;
                }
                for (int j = 0; j < k; j++) {
                    out[base + j] = in[base + j] == Float.POSITIVE_INFINITY
                            ? (float) (1.0 / count) : 0f;
                }
                continue;
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += e[base + j];
            }
            for (int j = 0; j < k; j++) {
                out[base + j] = (float) ((float) e[base + j] / sum);
            }
            rowSum[r] = sum;
        }
    }

    /**
     * Batches with at least this many logits per thread are taken in row ranges on
     * {@link Blas#threads()} threads while the workers are still awake from the product before
     * (the output layer's, split from 2^21 multiply-adds): a batch of 1024 rows of 10 took
     * about 85 us on one thread. Every row's values are the same wherever they are computed,
     * so the timing-dependent choice changes no value.
     */
    static final int PARALLEL_LOGITS = 1 << 12;

    /** The row ranges on the workers, kept so that a forward allocates nothing. */
    private final RowsTask rowsTask = new RowsTask();

    private final class RowsTask implements Workers.Task {
        int rows;
        int k;

        @Override
        public void run(int part, int parts) {
            forwardRows(Workers.start(part, parts, rows, 1), Workers.start(part + 1, parts,
                    rows, 1), k);
        }
    }

    /** Whether the last forward was float32 over {@code rows} rows with finite maxima. */
    boolean keptRowSums(int rows) {
        return summedRows == rows;
    }

    /**
     * The cross-entropy of the last forward against targets {@code t} (one row of k per
     * forward row), from its row maxima and sums: the same double arithmetic as
     * {@link ClassificationOutputLayer#lossFromLogits} without a second exp per logit. Only
     * after {@link #keptRowSums} said yes.
     */
    double crossEntropy(float[] t) {
        int k = inputSize();
        double total = 0;
        for (int r = 0, base = 0; r < summedRows; r++, base += k) {
            double logSum = Math.log(rowSum[r]);
            for (int j = 0; j < k; j++) {
                double tj = t[base + j];
                if (tj != 0) {
                    total += tj * ((rowMax[r] - logits[base + j]) + logSum);
                }
            }
        }
        return total / summedRows;
    }

    /** With +Inf logits the limit of softmax shares the mass among them equally. */
    private void spreadOverInfinities(Matrix z, int base, int k) {
        int count = 0;
        for (int j = 0; j < k; j++) {
            count += z.getFlat(base + j) == Double.POSITIVE_INFINITY ? 1 : 0;
        }
        for (int j = 0; j < k; j++) {
            p.setFlat(base + j, z.getFlat(base + j) == Double.POSITIVE_INFINITY ? 1.0 / count : 0);
        }
    }

    @Override
    public Matrix backward(Matrix g) {
        Matrix dz = inputGrad.rows(g.rows());
        int k = g.cols();
        for (int r = 0; r < g.rows(); r++) {
            int base = r * k;
            double dot = 0;
            for (int j = 0; j < k; j++) {
                dot += g.getFlat(base + j) * p.getFlat(base + j);
            }
            for (int j = 0; j < k; j++) {
                dz.setFlat(base + j, p.getFlat(base + j) * (g.getFlat(base + j) - dot));
            }
        }
        return dz;
    }
}
