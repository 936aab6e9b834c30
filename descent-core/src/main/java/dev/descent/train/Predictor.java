package dev.descent.train;

import dev.descent.data.LabeledData;
import dev.descent.nn.Network;
import dev.descent.tensor.Matrix;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prediction with a trained network (MATLAB {@code predict} and {@code classify}): inference
 * mode, in batches of 128, features checked to be finite first. Labels of test data are
 * matched to the network's classes by name, never by position.
 */
public final class Predictor {
    private static final int BATCH = 128;

    private Predictor() {}

    /**
     * The network's outputs for {@code rows} observations (row-major features), N x outputs.
     *
     * @throws IllegalArgumentException if the width or length is wrong or a value is not
     *     finite
     */
    public static float[] predict(Network network, float[] features, int rows, int cols) {
        if (cols != network.inputSize()) {
            throw new IllegalArgumentException("data has " + cols + " features but the network"
                    + " takes " + network.inputSize());
        }
        if (rows < 0 || (long) rows * cols != features.length) {
            throw new IllegalArgumentException("features must hold rows*cols = " + rows + "*"
                    + cols + " values, got " + features.length);
        }
        Features.requireFinite(features, rows, cols, "features");
        int outputs = network.outputSize();
        float[] out = new float[rows * outputs];
        Matrix x = Matrix.zeros(network.precision(), Math.max(1, Math.min(BATCH, rows)), cols);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int from = 0; from < rows; from += BATCH) {
            int count = Math.min(BATCH, rows - from);
            Matrix batch = count == x.rows() ? x : x.rowRange(0, count);
            batch.gatherRows(features, order, from, count);
            network.forward(batch, false).copyTo(out, from * outputs);
        }
        return out;
    }

    /** Classifies every row of {@code data} (its labels are ignored). */
    public static Classification classify(Network network, LabeledData data) {
        return classify(network, data.features(), data.rows(), data.cols());
    }

    /**
     * Classifies {@code rows} observations; the label is the first largest score.
     *
     * @throws IllegalStateException if a score is not finite (never a label from NaN scores)
     */
    public static Classification classify(Network network, float[] features, int rows,
            int cols) {
        if (!network.isClassification()) {
            throw new IllegalArgumentException("classify needs a classification network; this"
                    + " one ends in a regression output (use predict)");
        }
        float[] scores = predict(network, features, rows, cols);
        int k = network.outputSize();
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            requireFiniteScores(scores, i, k);
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (scores[i * k + j] > scores[i * k + best]) {
                    best = j;
                }
            }
            labels[i] = best;
        }
        return new Classification(network.classes(), labels, scores);
    }

    private static void requireFiniteScores(float[] scores, int row, int k) {
        for (int j = 0; j < k; j++) {
            if (!Float.isFinite(scores[row * k + j])) {
                throw new IllegalStateException("the network's score for class " + (j + 1)
                        + " of observation " + (row + 1) + " is " + scores[row * k + j]
                        + "; its weights have diverged, retrain with a smaller learning rate");
            }
        }
    }

    /**
     * The true labels of {@code data} as indices into {@code classes}, matched by name.
     *
     * @throws IllegalArgumentException if {@code data} has a class the network does not know
     */
    public static int[] labelsIn(List<String> classes, LabeledData data) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            index.put(classes.get(k), k);
        }
        int[] mapped = new int[data.classes().size()];
        for (int k = 0; k < mapped.length; k++) {
            Integer target = index.get(data.classes().get(k));
            if (target == null) {
                throw new IllegalArgumentException("class \"" + data.classes().get(k)
                        + "\" of the data is not one of the network's classes " + classes);
            }
            mapped[k] = target;
        }
        int[] labels = new int[data.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = mapped[data.labels()[i]];
        }
        return labels;
    }

    /**
     * Percent of observations whose predicted class name equals the true one.
     *
     * @throws IllegalStateException for an empty test set (accuracy is undefined)
     */
    public static double accuracy(Classification predicted, LabeledData truth) {
        if (truth.rows() == 0) {
            throw new IllegalStateException("accuracy of an empty test set is undefined");
        }
        int[] expected = labelsIn(predicted.classes(), truth);
        int correct = 0;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == predicted.labels()[i]) {
                correct++;
            }
        }
        return 100.0 * correct / expected.length;
    }

    /** {@code data} relabelled to the class list {@code classes} (matched by name). */
    public static LabeledData withClasses(LabeledData data, List<String> classes) {
        if (data.classes().equals(classes)) {
            return data;
        }
        return new LabeledData(data.features(), data.rows(), data.cols(),
                labelsIn(classes, data), classes, data.imageHeight(), data.imageWidth());
    }
}
