package dev.descent.train;

import java.util.List;

/**
 * Predicted labels and scores for N observations: {@code labels[i]} indexes {@link #classes()}
 * and row i of {@code scores} (N x K, row-major) holds the softmax outputs in class order.
 */
public record Classification(List<String> classes, int[] labels, float[] scores) {

    public int size() {
        return labels.length;
    }

    /** The predicted class name of observation {@code i}. */
    public String labelName(int i) {
        return classes.get(labels[i]);
    }

    /** The score of class {@code k} for observation {@code i}. */
    public float score(int i, int k) {
        return scores[i * classes.size() + k];
    }
}
