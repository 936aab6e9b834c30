package dev.descent.cli;

import dev.descent.data.GreyImages;
import dev.descent.data.LabeledData;
import dev.descent.train.Classification;
import dev.descent.util.Rng;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code predictions.png}: up to 25 randomly chosen test images in a 5 x 5 grid, each titled
 * "Pred: a" in green when the prediction is right, or "Pred: a (T: b)" in red when it is wrong.
 */
final class PredictionGrid {
    static final String FILE_NAME = "predictions.png";
    static final Color RIGHT = new Color(0, 128, 0);
    static final Color WRONG = new Color(200, 0, 0);
    private static final int SIDE = 5;
    private static final int CELL = 150;
    private static final int TITLE = 26;
    private static final int IMAGE = 112;

    private PredictionGrid() {}

    /**
     * The rows shown: {@code min(25, rows)} distinct rows drawn with {@code rng}, in ascending
     * order.
     */
    static int[] choose(int rows, Rng rng) {
        int[] order = rng.permutation(rows);
        int[] chosen = Arrays.copyOf(order, Math.min(SIDE * SIDE, rows));
        Arrays.sort(chosen);
        return chosen;
    }

    /** The title of row {@code i}. */
    static String title(Classification predicted, LabeledData truth, int i) {
        String label = predicted.labelName(i);
        String actual = truth.labelName(i);
        return label.equals(actual) ? "Pred: " + label : "Pred: " + label + " (T: " + actual + ")";
    }

    /**
     * Writes the grid of {@code truth}'s images chosen by {@code rows}.
     *
     * @throws IllegalArgumentException if {@code truth} holds no images
     */
    static void write(Path file, LabeledData truth, Classification predicted, int[] rows)
            throws IOException {
        if (!truth.isImages()) {
            throw new IllegalArgumentException("the prediction grid needs image data");
        }
        int width = SIDE * CELL;
        int height = ((rows.length + SIDE - 1) / SIDE) * CELL;
        Pictures.write(file, width, Math.max(height, CELL), g -> paint(g, truth, predicted, rows));
    }

    private static void paint(Graphics2D g, LabeledData truth, Classification predicted,
            int[] rows) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        FontMetrics metrics = g.getFontMetrics();
        int h = truth.imageHeight();
        int w = truth.imageWidth();
        int scaledW = Math.max(1, Math.round(IMAGE * (float) w / Math.max(h, w)));
        int scaledH = Math.max(1, Math.round(IMAGE * (float) h / Math.max(h, w)));
        for (int k = 0; k < rows.length; k++) {
            int i = rows[k];
            int x = (k % SIDE) * CELL;
            int y = (k / SIDE) * CELL;
            String title = title(predicted, truth, i);
            boolean right = predicted.labelName(i).equals(truth.labelName(i));
            g.setColor(right ? RIGHT : WRONG);
            g.drawString(title, x + (CELL - metrics.stringWidth(title)) / 2,
                    y + TITLE - metrics.getDescent() - 2);
            g.drawImage(GreyImages.toImage(truth.features(), i * truth.cols(), h, w),
                    x + (CELL - scaledW) / 2, y + TITLE + (CELL - TITLE - scaledH) / 2,
                    scaledW, scaledH, null);
        }
    }
}
