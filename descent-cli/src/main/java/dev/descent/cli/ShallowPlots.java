package dev.descent.cli;

import dev.descent.diagnose.Diagnosis;
import dev.descent.eval.ConfusionMatrix;
import dev.descent.shallow.MatlabFormat;
import dev.descent.shallow.PerformFcn;
import dev.descent.shallow.TrainingRecord;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pictures of the shallow workflow, after MATLAB's {@code plotperform},
 * {@code plottrainstate} and {@code plotconfusion} (reference section 4.10).
 */
final class ShallowPlots {
    static final String PERFORMANCE = "performance.png";
    static final String TRAIN_STATE = "trainstate.png";
    static final String CONFUSION = "confusion.png";
    static final Color TRAIN = new Color(0, 0, 255);
    static final Color VALIDATION = new Color(0, 204, 0);
    static final Color TEST = new Color(255, 0, 0);
    private static final int WIDTH = 800;
    private static final int HEIGHT = 600;

    private ShallowPlots() {}

    /** One panel of the confusion picture. */
    record ConfusionPanel(String name, ConfusionMatrix matrix) {}

    /**
     * Writes MATLAB's {@code plotperform} picture of {@code tr}, with {@code diagnosis} and its
     * remedy under the title (none when null).
     */
    static void writePerformance(TrainingRecord tr, PerformFcn fcn, Diagnosis diagnosis,
            Path file) throws IOException {
        Pictures.write(file, WIDTH, HEIGHT, g -> paintPerformance(tr, fcn, diagnosis, g));
    }

    static BufferedImage renderPerformance(TrainingRecord tr, PerformFcn fcn,
            Diagnosis diagnosis) {
        return Pictures.render(WIDTH, HEIGHT, g -> paintPerformance(tr, fcn, diagnosis, g));
    }

    /** MATLAB's title: "Best Validation Performance is 0.012345 at epoch 12". */
    static String performanceTitle(TrainingRecord tr) {
        boolean val = tr.hasValidation();
        double best = val ? tr.bestVperf() : tr.bestPerf();
        return "Best " + (val ? "Validation" : "Training") + " Performance is "
                + MatlabFormat.num2str(best) + " at epoch " + tr.bestEpoch();
    }

    private static void paintPerformance(TrainingRecord tr, PerformFcn fcn, Diagnosis diagnosis,
            Graphics2D g) {
        int n = tr.numEpochs();
        double[] epochs = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            epochs[i] = i;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] series : new double[][] {tr.perf(), tr.vperf(), tr.tperf()}) {
            for (double v : series) {
                if (Double.isFinite(v) && v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (tr.goal() > 0) {
            min = Math.min(min, tr.goal());
            max = Math.max(max, tr.goal());
        }
        if (!(min <= max)) {
            min = 0.1;
            max = 1;
        }
        // MATLAB: ymax = 10^ceil(log10(max)), ymin = 10^fix(log10(min) - 1), then 0.9 / 1.1.
        double yMax = Math.pow(10, Math.ceil(Math.log10(max)));
        double yMin = Math.pow(10, (long) (Math.log10(min) - 1));
        if (yMin >= yMax) {
            yMax = yMin * 10;
        }
        // The diagnosis takes three lines under the title; the plot starts below them.
        int top = diagnosis == null ? 60 : 116;
        PlotAxes axes = new PlotAxes(new Rectangle2D.Double(95, top, WIDTH - 130,
                HEIGHT - 75 - top), 0, Math.max(1, n), 0.9 * yMin, 1.1 * yMax, true);
        axes.paintFrame(g);
        BasicStroke thick = new BasicStroke(2f);
        axes.line(g, epochs, tr.perf(), TRAIN, thick);
        List<Object[]> legend = new ArrayList<>();
        legend.add(new Object[] {"Train", TRAIN, "line"});
        if (tr.hasValidation()) {
            axes.line(g, epochs, tr.vperf(), VALIDATION, thick);
            legend.add(new Object[] {"Validation", VALIDATION, "line"});
        }
        if (tr.hasTest()) {
            axes.line(g, epochs, tr.tperf(), TEST, thick);
            legend.add(new Object[] {"Test", TEST, "line"});
        }
        Color bestColor = scale(tr.hasValidation() ? VALIDATION : TRAIN, 0.6);
        double best = tr.hasValidation() ? tr.bestVperf() : tr.bestPerf();
        Rectangle2D area = axes.area();
        if (Double.isFinite(best) && best > 0) {
            double bx = axes.sx(tr.bestEpoch());
            double by = axes.sy(best);
            g.setColor(bestColor);
            g.setStroke(PlotAxes.DOTTED);
            g.draw(new Line2D.Double(bx, area.getY(), bx, area.getMaxY()));
            g.draw(new Line2D.Double(area.getX(), by, area.getMaxX(), by));
            g.setStroke(new BasicStroke(1.5f));
            g.draw(new Ellipse2D.Double(bx - 8, by - 8, 16, 16));
            legend.add(new Object[] {"Best", bestColor, "circle"});
        }
        if (tr.goal() > 0) {
            axes.line(g, new double[] {0, Math.max(1, n)}, new double[] {tr.goal(), tr.goal()},
                    Color.BLACK, PlotAxes.DOTTED);
            legend.add(new Object[] {"Goal", Color.BLACK, "dotted"});
        }
        paintLegend(g, legend, area);
        g.setColor(Color.BLACK);
        PlotAxes.centered(g, performanceTitle(tr), PlotAxes.TITLE_FONT, area.getCenterX(),
                diagnosis == null ? 38 : 30);
        if (diagnosis != null) {
            paintDiagnosis(g, diagnosis);
        }
        g.setColor(Color.BLACK);
        PlotAxes.centered(g, n + " Epochs", PlotAxes.LABEL_FONT, area.getCenterX(),
                HEIGHT - 25);
        PlotAxes.vertical(g, fcn.title() + "  (" + fcn.id() + ")", PlotAxes.LABEL_FONT, 25,
                area.getCenterY());
    }

    /** "Diagnosis: good fit." in bold, then the remedy on up to two lines. */
    private static void paintDiagnosis(Graphics2D g, Diagnosis diagnosis) {
        g.setColor(TrainingProgressPlot.CAPTION_COLOR);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        FontMetrics bold = g.getFontMetrics();
        g.drawString(Pictures.fit("Diagnosis: " + diagnosis.label() + ".", bold, WIDTH - 40),
                20, 56);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        List<String> remedy = Pictures.wrap("Remedy: " + diagnosis.remedy(),
                g.getFontMetrics(), WIDTH - 40, 2);
        for (int i = 0; i < remedy.size(); i++) {
            g.drawString(remedy.get(i), 20, 74 + 16 * i);
        }
    }

    private static void paintLegend(Graphics2D g, List<Object[]> entries, Rectangle2D area) {
        g.setFont(PlotAxes.TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        int width = 0;
        for (Object[] e : entries) {
            width = Math.max(width, fm.stringWidth((String) e[0]));
        }
        int rowHeight = fm.getHeight() + 4;
        double w = width + 60;
        double h = entries.size() * rowHeight + 8;
        double x = area.getMaxX() - w - 10;
        double y = area.getY() + 10;
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(x, y, w, h));
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(x, y, w, h));
        for (int i = 0; i < entries.size(); i++) {
            Object[] e = entries.get(i);
            double cy = y + 4 + i * rowHeight + rowHeight / 2.0;
            g.setColor((Color) e[1]);
            switch ((String) e[2]) {
                case "line" -> {
                    g.setStroke(new BasicStroke(2f));
                    g.draw(new Line2D.Double(x + 8, cy, x + 40, cy));
                }
                case "circle" -> {
                    g.setStroke(new BasicStroke(1.5f));
                    g.draw(new Ellipse2D.Double(x + 24 - 7, cy - 7, 14, 14));
                }
                default -> {
                    g.setStroke(PlotAxes.DOTTED);
                    g.draw(new Line2D.Double(x + 8, cy, x + 40, cy));
                }
            }
            g.setColor(Color.BLACK);
            g.drawString((String) e[0], (float) (x + 48), (float) (cy + fm.getAscent() / 2.0 - 2));
        }
    }

    static void writeTrainState(TrainingRecord tr, Path file) throws IOException {
        Pictures.write(file, WIDTH, HEIGHT, g -> paintTrainState(tr, g));
    }

    static BufferedImage renderTrainState(TrainingRecord tr) {
        return Pictures.render(WIDTH, HEIGHT, g -> paintTrainState(tr, g));
    }

    /** Gradient (log scale) and validation checks (diamonds) per epoch, as plottrainstate. */
    private static void paintTrainState(TrainingRecord tr, Graphics2D g) {
        int n = tr.numEpochs();
        double[] epochs = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            epochs[i] = i;
        }
        double[] gradient = tr.gradient();
        double gMin = Double.POSITIVE_INFINITY;
        double gMax = Double.NEGATIVE_INFINITY;
        for (double v : gradient) {
            if (Double.isFinite(v) && v > 0) {
                gMin = Math.min(gMin, v);
                gMax = Math.max(gMax, v);
            }
        }
        if (!(gMin <= gMax)) {
            gMin = 0.1;
            gMax = 1;
        }
        double lo = Math.pow(10, Math.floor(Math.log10(gMin)));
        double hi = Math.pow(10, Math.ceil(Math.log10(gMax)));
        if (lo >= hi) {
            hi = lo * 10;
        }
        double xMax = Math.max(1, n);
        PlotAxes top = new PlotAxes(new Rectangle2D.Double(95, 50, WIDTH - 130, 200), 0, xMax,
                lo, hi, true);
        top.paintFrame(g);
        top.line(g, epochs, gradient, TRAIN, new BasicStroke(1.5f));
        g.setColor(Color.BLACK);
        PlotAxes.centered(g, "Gradient = " + MatlabFormat.num2str(gradient[n]) + ", at epoch "
                + n, PlotAxes.TITLE_FONT, top.area().getCenterX(), 38);
        PlotAxes.vertical(g, "gradient", PlotAxes.LABEL_FONT, 25, top.area().getCenterY());

        double[] fails = new double[n + 1];
        int[] valFail = tr.valFail();
        double failMax = 1;
        for (int i = 0; i <= n; i++) {
            fails[i] = valFail[i];
            failMax = Math.max(failMax, valFail[i]);
        }
        PlotAxes bottom = new PlotAxes(new Rectangle2D.Double(95, 330, WIDTH - 130, 200), 0,
                xMax, 0, Math.ceil(failMax) + 1, false);
        bottom.paintFrame(g);
        bottom.diamonds(g, epochs, fails, 4, VALIDATION.darker());
        g.setColor(Color.BLACK);
        PlotAxes.centered(g, "Validation Checks = " + valFail[n] + ", at epoch " + n,
                PlotAxes.TITLE_FONT, bottom.area().getCenterX(), 318);
        PlotAxes.vertical(g, "val fail", PlotAxes.LABEL_FONT, 25, bottom.area().getCenterY());
        PlotAxes.centered(g, n + " Epochs", PlotAxes.LABEL_FONT, bottom.area().getCenterX(),
                HEIGHT - 25);
    }

    static final int CONFUSION_PANEL = 560;

    /** The confusion panels in a grid of two columns. */
    static void writeConfusion(List<ConfusionPanel> panels, Path file) throws IOException {
        int[] size = confusionSize(panels.size());
        Pictures.write(file, size[0], size[1], g -> paintConfusion(panels, g));
    }

    static BufferedImage renderConfusion(List<ConfusionPanel> panels) {
        int[] size = confusionSize(panels.size());
        return Pictures.render(size[0], size[1], g -> paintConfusion(panels, g));
    }

    private static int[] confusionSize(int panels) {
        int cols = panels == 1 ? 1 : 2;
        int rows = (panels + cols - 1) / cols;
        return new int[] {cols * CONFUSION_PANEL, rows * CONFUSION_PANEL};
    }

    private static void paintConfusion(List<ConfusionPanel> panels, Graphics2D g) {
        int cols = panels.size() == 1 ? 1 : 2;
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D sub = (Graphics2D) g.create((i % cols) * CONFUSION_PANEL,
                    (i / cols) * CONFUSION_PANEL, CONFUSION_PANEL, CONFUSION_PANEL);
            try {
                paintConfusionPanel(panels.get(i), sub);
            } finally {
                sub.dispose();
            }
        }
    }

    private static final Color GREEN_CELL = new Color(188, 230, 196);
    private static final Color RED_CELL = new Color(248, 203, 203);
    private static final Color GREY_CELL = new Color(235, 235, 235);
    private static final Color BLUE_CELL = new Color(190, 215, 240);
    private static final Color GREEN_TEXT = new Color(0, 130, 0);
    private static final Color RED_TEXT = new Color(200, 0, 0);

    /** MATLAB's percentage: "100%" when exactly 1, else one decimal. */
    static String percent(double fraction) {
        return fraction == 1 ? "100%" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /**
     * One panel: rows are output (predicted) classes, columns target classes, plus a summary
     * column of precision and a summary row of recall; the corner holds accuracy.
     */
    private static void paintConfusionPanel(ConfusionPanel panel, Graphics2D g) {
        ConfusionMatrix cm = panel.matrix();
        int k = cm.classCount();
        double cellGuess = (CONFUSION_PANEL - 120.0) / (k + 1);
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN,
                Math.round((float) Math.max(8, Math.min(12, cellGuess / 3))));
        int nameWidth = 0;
        for (String name : cm.classes()) {
            nameWidth = Math.max(nameWidth, g.getFontMetrics(tickFont).stringWidth(name));
        }
        double left = Math.min(CONFUSION_PANEL / 3.0, Math.max(60, 46 + nameWidth));
        double top = 50;
        double side = CONFUSION_PANEL - left - 40;
        double cell = side / (k + 1);
        int total = cm.total();
        int big = (int) Math.round(Math.max(7, Math.min(15, cell / 3.2)));
        while (big > 7 && g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, big))
                .stringWidth("99.9%") > cell - 6) {
            big--;
        }
        Font countFont = new Font(Font.SANS_SERIF, Font.BOLD, big);
        Font pctFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(big * 0.85f));
        for (int o = 0; o <= k; o++) {
            for (int c = 0; c <= k; c++) {
                Rectangle2D r = new Rectangle2D.Double(left + c * cell, top + o * cell, cell, cell);
                String first;
                String second;
                Color firstColor = Color.BLACK;
                Color secondColor = Color.BLACK;
                Color fill;
                if (o < k && c < k) {
                    int count = cm.count(c, o);
                    first = Integer.toString(count);
                    second = total == 0 ? "" : percent((double) count / total);
                    fill = o == c ? GREEN_CELL : RED_CELL;
                } else {
                    double good;
                    boolean defined;
                    if (o < k) {
                        defined = cm.predictedCount(o) > 0;
                        good = cm.precision(o);
                    } else if (c < k) {
                        defined = cm.targetCount(c) > 0;
                        good = cm.recall(c);
                    } else {
                        defined = total > 0;
                        good = defined ? cm.accuracy() : 0;
                    }
                    first = defined ? percent(good) : "NaN%";
                    second = defined ? percent(1 - good) : "NaN%";
                    firstColor = GREEN_TEXT;
                    secondColor = RED_TEXT;
                    fill = o == k && c == k ? BLUE_CELL : GREY_CELL;
                }
                g.setColor(fill);
                g.fill(r);
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(1.5f));
                g.draw(r);
                g.setColor(firstColor);
                PlotAxes.centered(g, first, countFont, r.getCenterX(), r.getCenterY() - 2);
                g.setColor(secondColor);
                PlotAxes.centered(g, second, pctFont, r.getCenterX(),
                        r.getCenterY() + pctFont.getSize() + 1);
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(left, top, side, side));
        g.setColor(Color.BLACK);
        for (int i = 0; i < k; i++) {
            String name = cm.classes().get(i);
            PlotAxes.centered(g, name, tickFont, left + (i + 0.5) * cell, top + side + 16);
            g.setFont(tickFont);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(name, (float) (left - 6 - fm.stringWidth(name)),
                    (float) (top + (i + 0.5) * cell + fm.getAscent() / 2.0 - 1));
        }
        PlotAxes.centered(g, "Target Class", PlotAxes.LABEL_FONT, left + side / 2,
                top + side + 36);
        PlotAxes.vertical(g, "Output Class", PlotAxes.LABEL_FONT, 22, top + side / 2);
        PlotAxes.centered(g, panel.name() + " Confusion Matrix", PlotAxes.TITLE_FONT,
                left + side / 2, 30);
    }

    private static Color scale(Color c, double f) {
        return new Color((int) Math.round(c.getRed() * f), (int) Math.round(c.getGreen() * f),
                (int) Math.round(c.getBlue() * f));
    }
}
