package dev.descent.cli;

import dev.descent.eval.ConfusionMatrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code confusion.png}: the confusion matrix as MATLAB's {@code confusionchart} draws it, true
 * class in rows and predicted class in columns, diagonal cells in blue and the others in orange,
 * shaded by their share of the row; with the recall of each true class on the right and the
 * precision of each predicted class underneath, the axis titles "True Class" and "Predicted
 * Class", and the data set and overall accuracy in the title. The picture is at least as wide as
 * its title and note.
 */
final class ConfusionPlot {
    static final String FILE_NAME = "confusion.png";
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final String TRUE_AXIS = "True Class";
    static final String PREDICTED_AXIS = "Predicted Class";
    static final String NOTE =
            "right: recall of each true class; bottom: precision of each predicted class";
    /** Space between the picture's edges and its text or cells. */
    static final int PAD = 20;
    private static final Color RIGHT = new Color(0, 114, 189);
    private static final Color WRONG = new Color(217, 83, 25);
    private static final int TITLE_BASELINE = 30;
    private static final int AXIS_BASELINE = 56;
    private static final int MARGIN_TOP = 84;
    private static final int SUMMARY = 70;
    private static final int MARGIN_BOTTOM = 45;

    private ConfusionPlot() {}

    /**
     * Where things go: the title line, the cell size, the grid's top-left corner and the size of
     * the picture.
     */
    record Layout(String heading, int cell, Font cellFont, int left, int top, int width,
            int height) {}

    /** The least room between a text in a cell or a column label and the cell's edges. */
    static final int GAP = 12;

    /**
     * Writes the chart of {@code matrix} with the title {@code title}, such as "Test data"; the
     * title line is also the PNG's "Title" text.
     */
    static void write(Path file, ConfusionMatrix matrix, String title) throws IOException {
        Layout layout = layout(matrix, title);
        Pictures.write(file, layout.width(), layout.height(), layout.heading(),
                g -> paint(g, matrix, layout));
    }

    /** The title line: {@code title} with the accuracy and the number of observations. */
    static String heading(ConfusionMatrix matrix, String title) {
        return String.format(Locale.ROOT, "%s (accuracy %.1f%%, %d observations)", title,
                100 * matrix.accuracy(), matrix.total());
    }

    /** The layout of the chart of {@code matrix} titled {@code title}. */
    static Layout layout(ConfusionMatrix matrix, String title) {
        int k = matrix.classCount();
        int base = Math.max(28, Math.min(60, 600 / k));
        Font cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, base / 3));
        String heading = heading(matrix, title);
        FontMetrics label = metrics(LABEL_FONT);
        int names = 0;
        for (String name : matrix.classes()) {
            names = Math.max(names, label.stringWidth(name));
        }
        // Wide enough for the widest column label and the widest count or percentage.
        FontMetrics inCell = metrics(cellFont);
        int texts = Math.max(inCell.stringWidth("100%"),
                inCell.stringWidth(Integer.toString(matrix.total())));
        int cell = Math.max(base, Math.max(names, texts) + GAP);
        int left = PAD + metrics(AXIS_FONT).getHeight() + 10 + Math.max(names, 20) + 10;
        int text = Math.max(metrics(TITLE_FONT).stringWidth(heading), label.stringWidth(NOTE));
        int width = Math.max(left + k * cell + SUMMARY + PAD, PAD + text + PAD);
        int height = MARGIN_TOP + k * cell + SUMMARY + MARGIN_BOTTOM;
        return new Layout(heading, cell, cellFont, left, MARGIN_TOP, width, height);
    }

    /** The metrics of {@code font} as the PNG is drawn (antialiased text). */
    static FontMetrics metrics(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }

    private static void paint(Graphics2D g, ConfusionMatrix matrix, Layout layout) {
        int k = matrix.classCount();
        int cell = layout.cell();
        int left = layout.left();
        int top = layout.top();
        g.setFont(TITLE_FONT);
        g.setColor(Color.BLACK);
        g.drawString(layout.heading(), PAD, TITLE_BASELINE);
        Font cellFont = layout.cellFont();
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
        g.setColor(Color.BLACK);
        for (int i = 0; i < k; i++) {
            String name = matrix.classes().get(i);
            g.setFont(LABEL_FONT);
            int nameWidth = g.getFontMetrics().stringWidth(name);
            int baseline = top + i * cell + (cell - g.getFontMetrics().getHeight()) / 2
                    + g.getFontMetrics().getAscent();
            g.drawString(name, left - 10 - nameWidth, baseline);
            centred(g, LABEL_FONT, name, left + i * cell, top - 22, cell, 20);
        }
        centred(g, AXIS_FONT, PREDICTED_AXIS, left, AXIS_BASELINE - 16, k * cell, 20);
        paintTrueAxis(g, top, k * cell);
        g.setFont(LABEL_FONT);
        g.setColor(Color.BLACK);
        g.drawString(NOTE, PAD, top + k * cell + SUMMARY + 25);
    }

    /** "True Class", turned to read upwards, beside the rows from {@code top} on. */
    private static void paintTrueAxis(Graphics2D g, int top, int length) {
        g.setFont(AXIS_FONT);
        FontMetrics metrics = g.getFontMetrics();
        AffineTransform saved = g.getTransform();
        g.translate(PAD + metrics.getAscent(),
                top + (length + metrics.stringWidth(TRUE_AXIS)) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(TRUE_AXIS, 0, 0);
        g.setTransform(saved);
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
