package dev.descent.train;

import dev.descent.data.LabeledData;
import dev.descent.tensor.Matrix;
import java.util.List;

/**
 * Training or validation observations as the trainer reads them: row-major features and, per
 * row, either a class (one-hot target) or a vector of responses. Features are checked to be
 * finite when the object is made, so training never starts on NaN input.
 */
public final class Examples {
    private final float[] features;
    private final int rows;
    private final int cols;
    private final int[] labels;
    private final List<String> classes;
    private final float[] responses;
    private final int responseCount;

    private Examples(float[] features, int rows, int cols, int[] labels, List<String> classes,
            float[] responses, int responseCount) {
        this.features = features;
        this.rows = rows;
        this.cols = cols;
        this.labels = labels;
        this.classes = classes;
        this.responses = responses;
        this.responseCount = responseCount;
    }

    /**
     * Classification examples.
     *
     * @throws IllegalArgumentException naming the observation and feature of a non-finite value
     */
    public static Examples classification(LabeledData data) {
        Features.requireFinite(data.features(), data.rows(), data.cols(), "features");
        return new Examples(data.features(), data.rows(), data.cols(), data.labels(),
                data.classes(), null, data.classes().size());
    }

    /**
     * Regression examples: {@code responses} holds {@code responseCount} values per row.
     *
     * @throws IllegalArgumentException if sizes disagree or a value is not finite
     */
    public static Examples regression(float[] features, int rows, int cols, float[] responses,
            int responseCount) {
        if ((long) rows * cols != features.length) {
            throw new IllegalArgumentException("features must hold " + rows + "x" + cols
                    + " values, got " + features.length);
        }
        if ((long) rows * responseCount != responses.length) {
            throw new IllegalArgumentException("responses must hold " + rows + "x"
                    + responseCount + " values, got " + responses.length);
        }
        Features.requireFinite(features, rows, cols, "features");
        Features.requireFinite(responses, rows, responseCount, "responses");
        return new Examples(features, rows, cols, null, List.of(), responses, responseCount);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Width of a target row: the number of classes, or of responses. */
    public int targetCols() {
        return responseCount;
    }

    public boolean isClassification() {
        return labels != null;
    }

    /** Class names (empty for regression). */
    public List<String> classes() {
        return classes;
    }

    /** The class of each row (classification only; shared array). */
    public int[] labels() {
        return labels;
    }

    /** Copies rows {@code order[from..from+count)} into {@code x} and their targets into {@code t}. */
    public void copyBatch(int[] order, int from, int count, Matrix x, Matrix t) {
        x.gatherRows(features, order, from, count);
        if (labels != null) {
            t.fill(0);
            for (int r = 0; r < count; r++) {
                t.set(r, labels[order[from + r]], 1.0);
            }
        } else {
            t.gatherRows(responses, order, from, count);
        }
    }
}
