package dev.descent.nn;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;

/**
 * Half mean squared error: L = (1 / (2B)) sum_i sum_r (y_ir - t_ir)^2, divided by the number of
 * observations B, not by B times the number of responses (MATLAB regressionLayer). dL/dy =
 * (y - t) / B.
 */
final class RegressionOutputLayer extends OutputLayer {

    RegressionOutputLayer(String name, int size, Precision precision) {
        super(name, size, precision);
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec.RegressionOutput();
    }

    @Override
    public boolean isClassification() {
        return false;
    }

    @Override
    public double loss(Matrix y, Matrix t) {
        requireSameShape(y, t);
        double sum = 0;
        for (int i = 0, n = y.size(); i < n; i++) {
            double e = y.getFlat(i) - t.getFlat(i);
            sum += e * e;
        }
        return sum / (2.0 * y.rows());
    }

    @Override
    void writeLossGradient(Matrix y, Matrix t, Matrix out) {
        requireSameShape(y, t);
        double batch = y.rows();
        for (int i = 0, n = y.size(); i < n; i++) {
            out.setFlat(i, (y.getFlat(i) - t.getFlat(i)) / batch);
        }
    }
}
