package dev.descent.train;

import dev.descent.nn.Network;
import dev.descent.tensor.Matrix;

/**
 * Loss and accuracy of a network over a whole data set, in prediction mode (no dropout), in
 * batches so memory stays bounded. Loss is the sum over observations divided by their number.
 */
final class Evaluation {
    private final Network network;
    private final int batchSize;
    private Matrix batchX;
    private Matrix batchT;
    private int[] identity = new int[0];

    /** Loss (mean over observations) and accuracy in percent ({@code NaN} for regression). */
    record Score(double loss, double accuracy) {}

    Evaluation(Network network, int batchSize) {
        this.network = network;
        this.batchSize = batchSize;
    }

    Score evaluate(Examples data) {
        int n = data.rows();
        int size = Math.min(batchSize, n);
        if (batchX == null || batchX.rows() < size) {
            batchX = Matrix.zeros(network.precision(), size, data.cols());
            batchT = Matrix.zeros(network.precision(), size, data.targetCols());
        }
        if (identity.length < n) {
            identity = new int[n];
            for (int i = 0; i < n; i++) {
                identity[i] = i;
            }
        }
        double lossSum = 0;
        double correct = 0;
        for (int from = 0; from < n; from += size) {
            int count = Math.min(size, n - from);
            Matrix x = count == batchX.rows() ? batchX : batchX.rowRange(0, count);
            Matrix t = count == batchT.rows() ? batchT : batchT.rowRange(0, count);
            data.copyBatch(identity, from, count, x, t);
            Matrix prediction = network.forward(x, false);
            lossSum += network.loss(t) * count;
            correct += accuracy(prediction, t, data.isClassification()) * count;
        }
        return new Score(lossSum / n, data.isClassification() ? correct / n : Double.NaN);
    }

    /** Percent of rows whose largest prediction is at the target's class; NaN for regression. */
    static double accuracy(Matrix prediction, Matrix target, boolean classification) {
        if (!classification) {
            return Double.NaN;
        }
        int correct = 0;
        for (int r = 0; r < prediction.rows(); r++) {
            if (prediction.argmaxRow(r) == target.argmaxRow(r)) {
                correct++;
            }
        }
        return 100.0 * correct / prediction.rows();
    }
}
