package dev.descent.data;

import java.util.List;
import java.util.Objects;

/**
 * Observations as rows: an N-by-F feature matrix (row-major {@code float}s) with one class label
 * per row. Labels are indices into {@link #classes()}, which are in MATLAB categorical order
 * (sorted by character code, so "1" &lt; "10" &lt; "2"). Images are flattened row by row.
 *
 * <p>Instances are immutable in intent: the arrays are shared, not copied, so callers must not
 * change them after construction.
 */
public final class LabeledData {
    private final float[] features;
    private final int rows;
    private final int cols;
    private final int[] labels;
    private final List<String> classes;
    private final int imageHeight;
    private final int imageWidth;

    /**
     * @param features row-major values, {@code rows * cols} of them
     * @param labels one class index per row, each in [0, classes.size())
     * @param imageHeight height of the images the rows came from, or 0 for tabular data
     * @param imageWidth width of those images, or 0
     * @throws IllegalArgumentException if the sizes disagree or a label is out of range
     */
    public LabeledData(float[] features, int rows, int cols, int[] labels, List<String> classes,
            int imageHeight, int imageWidth) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        this.classes = List.copyOf(classes);
        if ((long) rows * cols != features.length) {
            throw new IllegalArgumentException("features must hold rows*cols = " + rows + "*"
                    + cols + " values, got " + features.length);
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException(
                    "labels must hold one entry per row (" + rows + "), got " + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= this.classes.size()) {
                throw new IllegalArgumentException("label of row " + (i + 1) + " is " + labels[i]
                        + ", expected a class index in [0, " + this.classes.size() + ")");
            }
        }
        if (imageHeight * imageWidth != 0 && imageHeight * imageWidth != cols) {
            throw new IllegalArgumentException("image size " + imageHeight + "x" + imageWidth
                    + " does not match " + cols + " features");
        }
        this.features = features;
        this.rows = rows;
        this.cols = cols;
        this.labels = labels;
        this.imageHeight = imageHeight;
        this.imageWidth = imageWidth;
    }

    /** Tabular data: no image shape. */
    public LabeledData(float[] features, int rows, int cols, int[] labels, List<String> classes) {
        this(features, rows, cols, labels, classes, 0, 0);
    }

    /** The row-major feature values (shared, not copied). */
    public float[] features() {
        return features;
    }

    /** Number of observations N. */
    public int rows() {
        return rows;
    }

    /** Number of features F. */
    public int cols() {
        return cols;
    }

    /** Class index of each row (shared, not copied). */
    public int[] labels() {
        return labels;
    }

    /** Class names in categorical order; label {@code k} names {@code classes().get(k)}. */
    public List<String> classes() {
        return classes;
    }

    /** The class name of row {@code i}. */
    public String labelName(int i) {
        return classes.get(labels[i]);
    }

    public int imageHeight() {
        return imageHeight;
    }

    public int imageWidth() {
        return imageWidth;
    }

    public boolean isImages() {
        return imageHeight > 0;
    }

    /** The rows at {@code indices}, in that order, with the same class list. */
    public LabeledData select(int[] indices) {
        float[] picked = new float[indices.length * cols];
        int[] pickedLabels = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            Objects.checkIndex(indices[r], rows);
            System.arraycopy(features, indices[r] * cols, picked, r * cols, cols);
            pickedLabels[r] = labels[indices[r]];
        }
        return new LabeledData(picked, indices.length, cols, pickedLabels, classes, imageHeight,
                imageWidth);
    }

    /** Number of rows of each class, in class order. */
    public int[] countEachLabel() {
        int[] counts = new int[classes.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
