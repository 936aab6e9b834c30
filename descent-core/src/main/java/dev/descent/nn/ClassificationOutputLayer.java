package dev.descent.nn;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;

/**
 * Cross-entropy for mutually exclusive classes: L = -(1/B) sum_i sum_k t_ik ln y_ik.
 *
 * <p>After a softmax layer the network calls {@link #lossFromLogits} and
 * {@link #gradientFromLogits} instead, which work on the softmax input z by log-sum-exp:
 * L_i = sum_k t_ik ((m - z_ik) + ln sum_j exp(z_ij - m)), and dL/dz = (p - t) / B.
 * These are exact for any finite logits (no NaN, no infinite loss). Without a softmax before
 * it, probabilities are floored at the precision's machine epsilon before the log, as MATLAB
 * does.
 */
final class ClassificationOutputLayer extends OutputLayer {
    private float[] stageA = new float[0];
    private float[] stageB = new float[0];

    ClassificationOutputLayer(String name, int size, Precision precision) {
        super(name, size, precision);
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec.ClassificationOutput();
    }

    @Override
    public boolean isClassification() {
        return true;
    }

    private double floor() {
        return precision() == Precision.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
    }

    @Override
    public double loss(Matrix y, Matrix t) {
        requireSameShape(y, t);
        double sum = 0;
        for (int i = 0, n = y.size(); i < n; i++) {
            double target = t.getFlat(i);
            if (target != 0) {
                sum -= target * Math.log(Math.max(y.getFlat(i), floor()));
            }
        }
        return sum / y.rows();
    }

    @Override
    void writeLossGradient(Matrix y, Matrix t, Matrix out) {
        requireSameShape(y, t);
        double batch = y.rows();
        for (int i = 0, n = y.size(); i < n; i++) {
            out.setFlat(i, -t.getFlat(i) / Math.max(y.getFlat(i), floor()) / batch);
        }
    }

    /** The loss computed from the logits z that a softmax turned into {@code y}. */
    public double lossFromLogits(Matrix z, Matrix t) {
        requireSameShape(z, t);
        if (z.precision() == Precision.FLOAT32) {
            return lossFromLogits32(z, t);
        }
        int k = z.cols();
        double total = 0;
        for (int r = 0; r < z.rows(); r++) {
            int base = r * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z.getFlat(base + j));
            }
            double sumExp = 0;
            for (int j = 0; j < k; j++) {
                sumExp += Math.exp(z.getFlat(base + j) - max);
            }
            // Sum of t_k (lse - z_k) with lse - z_k = (m - z_k) + ln sum exp(z - m): no
            // cancellation between a huge lse and a huge z_k.
            double logSum = Math.log(sumExp);
            for (int j = 0; j < k; j++) {
                double tj = t.getFlat(base + j);
                if (tj != 0) {
                    total += tj * ((max - z.getFlat(base + j)) + logSum);
                }
            }
        }
        return total / z.rows();
    }

    /**
     * {@link #lossFromLogits(Matrix, Matrix)} where {@code softmax} turned {@code z} into the
     * predictions in its last forward: from the row sums it kept when it has them.
     */
    double lossFromLogits(Matrix z, Matrix t, SoftmaxLayer softmax) {
        if (z.precision() != Precision.FLOAT32 || !softmax.keptRowSums(z.rows())) {
            return lossFromLogits(z, t);
        }
        requireSameShape(z, t);
        float[] ts = stageB(t.size());
        t.copyTo(ts, 0);
        return softmax.crossEntropy(ts);
    }

    /** As the general loop, on heap copies of z and t (the same double arithmetic). */
    private double lossFromLogits32(Matrix z, Matrix t) {
        int k = z.cols();
        int n = z.size();
        float[] zs = stageA(n);
        float[] ts = stageB(n);
        z.copyTo(zs, 0);
        t.copyTo(ts, 0);
        double total = 0;
        for (int base = 0; base < n; base += k) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, zs[base + j]);
            }
            double sumExp = 0;
            for (int j = 0; j < k; j++) {
                sumExp += Math.exp(zs[base + j] - max);
            }
            double logSum = Math.log(sumExp);
            for (int j = 0; j < k; j++) {
                double tj = ts[base + j];
                if (tj != 0) {
                    total += tj * ((max - zs[base + j]) + logSum);
                }
            }
        }
        return total / z.rows();
    }

    private float[] stageA(int n) {
        if (stageA.length < n) {
            stageA = new float[n];
        }
        return stageA;
    }

    private float[] stageB(int n) {
        if (stageB.length < n) {
            stageB = new float[n];
        }
        return stageB;
    }

    /** dL/dz = (p - t) / B, given the softmax output p; in float32 in float arithmetic. */
    public Matrix gradientFromLogits(Matrix p, Matrix t) {
        requireSameShape(p, t);
        Matrix out = gradientBuffer(p.rows());
        double batch = p.rows();
        if (p.precision() == Precision.FLOAT32) {
            int n = p.size();
            float[] ps = stageA(n);
            float[] ts = stageB(n);
            p.copyTo(ps, 0);
            t.copyTo(ts, 0);
            // In float arithmetic, so that the loop vectorizes (JDK 17 vectorizes no float to
            // double conversion): two roundings instead of one, 9 times faster.
            float rows = p.rows();
            for (int i = 0; i < n; i++) {
                ps[i] = (ps[i] - ts[i]) / rows;
            }
            out.copyFrom(ps, 0);
            return out;
        }
        for (int i = 0, n = p.size(); i < n; i++) {
            out.setFlat(i, (p.getFlat(i) - t.getFlat(i)) / batch);
        }
        return out;
    }
}
