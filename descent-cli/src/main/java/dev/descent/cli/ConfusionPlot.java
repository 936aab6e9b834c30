package dev.descent.cli;

import dev.descent.eval.ConfusionMatrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code confusion.png}: the confusion matrix as MATLAB's {@code confusionchart} draws it, true
 * class in rows and predicted class in columns, diagonal cells in blue and the others in orange,
 * shaded by their share of the row; with the recall of each true class on the right and the
 * precision of each predicted class underneath, and the overall accuracy in the title.
 */
final class ConfusionPlot {
    static final String FILE_NAME = "confusion.png";
    private static final Color RIGHT = new Color(0, 114, 189);
    private static final Color WRONG = new Color(217, 83, 25);
    private static final int MARGIN_LEFT = 90;
    private static final int MARGIN_TOP = 60;
    private static final int SUMMARY = 70;
    private static final int MARGIN_BOTTOM = 60;

    private ConfusionPlot() {}

    /** Writes the chart of {@code matrix} with the title {@code title}. */
    static void write(Path file, ConfusionMatrix matrix, String title) throws IOException {
        int k = matrix.classCount();
        int cell = Math.max(28, Math.min(60, 600 / k));
        int width = MARGIN_LEFT + k * cell + SUMMARY + 20;
        int height = MARGIN_TOP + k * cell + SUMMARY + MARGIN_BOTTOM;
        Pictures.write(file, width, height, g -> paint(g, matrix, title, cell));
    }

    private static void paint(Graphics2D g, ConfusionMatrix matrix, String title, int cell) {
        int k = matrix.classCount();
        int left = MARGIN_LEFT;
        int top = MARGIN_TOP;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        String heading = String.format(Locale.ROOT, "%s (accuracy %.1f%%, %d observations)",
                title, 100 * matrix.accuracy(), matrix.total());
        g.drawString(heading, left, 30);
        Font cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, cell / 3));
        for (int t = 0; t < k; t++) {
            int rowTotal = matrix.targetCount(t);
            for (int p = 0; p < k; p++) {
                int count = matrix.count(t, p);
                double share = rowTotal == 0 ? 0 : count / (double) rowTotal;
                Color base = t == p ? RIGHT : WRONG;
                g.setColor(count == 0 ? Color.WHITE : tint(base, share));
                int x = left + p * cell;
                int y = top + t * cell;
                g.fillRect(x, y, cell, cell);
                if (count > 0) {
                    g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                    centred(g, cellFont, Integer.toString(count), x, y, cell, cell);
                }
            }
            String recall = matrix.targetCount(t) == 0 ? "-"
                    : String.format(Locale.ROOT, "%.0f%%", 100 * matrix.recall(t));
            g.setColor(tint(RIGHT, matrix.recall(t)));
            g.fillRect(left + k * cell + 6, top + t * cell, SUMMARY - 6, cell);
            g.setColor(matrix.recall(t) > 0.5 ? Color.WHITE : Color.BLACK);
            centred(g, cellFont, recall, left + k * cell + 6, top + t * cell, SUMMARY - 6, cell);
        }
        for (int p = 0; p < k; p++) {
            String precision = matrix.predictedCount(p) == 0 ? "-"
                    : String.format(Locale.ROOT, "%.0f%%", 100 * matrix.precision(p));
            g.setColor(tint(RIGHT, matrix.precision(p)));
            g.fillRect(left + p * cell, top + k * cell + 6, cell, SUMMARY - 6);
            g.setColor(matrix.precision(p) > 0.5 ? Color.WHITE : Color.BLACK);
            centred(g, cellFont, precision, left + p * cell, top + k * cell + 6, cell,
                    SUMMARY - 6);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i <= k; i++) {
            g.drawLine(left, top + i * cell, left + k * cell, top + i * cell);
            g.drawLine(left + i * cell, top, left + i * cell, top + k * cell);
        }
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        g.setColor(Color.BLACK);
        for (int i = 0; i < k; i++) {
            String name = matrix.classes().get(i);
            centred(g, labelFont, name, left - 40, top + i * cell, 36, cell);
            centred(g, labelFont, name, left + i * cell, top - 22, cell, 20);
        }
        g.setFont(labelFont);
        g.drawString("True class (rows), predicted class (columns)", left,
                top + k * cell + SUMMARY + 25);
        g.drawString("right: recall of each true class; bottom: precision of each predicted class",
                left, top + k * cell + SUMMARY + 45);
    }

    /** {@code base} mixed with white: share 0 is white, share 1 is {@code base}. */
    private static Color tint(Color base, double share) {
        double s = Math.max(0.08, Math.min(1, share));
        return new Color(mix(base.getRed(), s), mix(base.getGreen(), s), mix(base.getBlue(), s));
    }

    private static int mix(int channel, double share) {
        return (int) Math.round(255 - (255 - channel) * share);
    }

    private static void centred(Graphics2D g, Font font, String text, int x, int y, int width,
            int height) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, x + (width - metrics.stringWidth(text)) / 2,
                y + (height - metrics.getHeight()) / 2 + metrics.getAscent());
    }
}
