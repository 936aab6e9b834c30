package dev.descent.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code sweep.png}: one small loss panel per run, in the sweep's order, each labelled with its
 * settings, test accuracy and diagnosis. All panels share the y range [0, 1.5 x baseline] so
 * they compare at a glance; the dotted line is the baseline (the loss of predicting the class
 * frequencies), and a curve that leaves the top went beyond it.
 */
final class SweepPicture {
    static final int PANEL_WIDTH = 320;
    static final int PANEL_HEIGHT = 240;
    private static final int HEADER = 84;
    private static final int LABEL = 36;
    private static final Color TRAINING = TrainingProgressPlot.LOSS_COLOR;
    private static final Color VALIDATION = ProgressChart.VALIDATION_COLOR;
    private static final Color BASELINE = new Color(120, 120, 120);

    private SweepPicture() {}

    /** Writes the panels of {@code rows}, {@code columns} to a row, as PNG or SVG. */
    static void write(List<DigitsRun.Summary> rows, int columns, Path file) throws IOException {
        int cols = Math.max(1, Math.min(columns, rows.size()));
        int lines = (rows.size() + cols - 1) / cols;
        int width = cols * PANEL_WIDTH;
        int height = HEADER + lines * (PANEL_HEIGHT + LABEL);
        Pictures.write(file, width, height, g -> paint(rows, cols, g));
    }

    private static void paint(List<DigitsRun.Summary> rows, int cols, Graphics2D g) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Sweep: loss curves of " + rows.size() + (rows.size() == 1 ? " run" : " runs"),
                12, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // One legend entry a line: the picture may be a single panel (320 pixels) wide.
        g.setColor(TRAINING);
        g.drawString("solid: training loss (smoothed)", 12, 42);
        g.setColor(VALIDATION);
        g.drawString("dashed: validation loss", 12, 57);
        g.setColor(BASELINE);
        g.drawString("dotted: baseline, predicting class frequencies", 12, 72);
        double xMax = 1;
        for (DigitsRun.Summary row : rows) {
            xMax = Math.max(xMax, row.curves().iterations().length == 0 ? 1
                    : row.curves().iterations()[row.curves().iterations().length - 1]);
        }
        for (int i = 0; i < rows.size(); i++) {
            Graphics2D panel = (Graphics2D) g.create();
            try {
                panel.translate((i % cols) * PANEL_WIDTH, HEADER + (i / cols)
                        * (PANEL_HEIGHT + LABEL));
                paintPanel(rows.get(i), panel);
            } finally {
                panel.dispose();
            }
        }
    }

    private static void paintPanel(DigitsRun.Summary row, Graphics2D g) {
        DigitsRun.Settings s = row.settings();
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(String.format(Locale.ROOT, "%d/class, %d hidden, lr %s: %.1f%%",
                s.perClass(), s.hidden(), Json.number(s.learnRate()), row.testAccuracy()), 10,
                14);
        g.setColor(color(row.fit(), row.rate()));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(Pictures.fit(row.diagnosis() + (row.bestIteration() > 0
                ? ", best at " + row.bestIteration() : ""), g.getFontMetrics(),
                PANEL_WIDTH - 20), 10, 30);
        g.translate(0, LABEL);
        chart(row).paint(g, PANEL_WIDTH, PANEL_HEIGHT);
    }

    private static XYChart chart(DigitsRun.Summary row) {
        DigitsRun.Curves curves = row.curves();
        XYChart chart = new XYChart(PANEL_WIDTH, PANEL_HEIGHT, Styler.ChartTheme.Matlab);
        XYStyler styler = chart.getStyler();
        styler.setLocale(Locale.ROOT);
        styler.setChartTitleVisible(false);
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.setXAxisTitle("iteration");
        chart.setYAxisTitle("loss");
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setMarkerSize(3);
        double top = 1.5 * row.baseline();
        double right = Math.max(1, curves.maxIterations());
        if (curves.iterations().length > 0) {
            right = Math.max(1, curves.iterations()[curves.iterations().length - 1]);
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(top);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(right);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.0");
        XYSeries guess = chart.addSeries("baseline", new double[] {0, right},
                new double[] {row.baseline(), row.baseline()});
        guess.setLineColor(BASELINE);
        guess.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
                10f, new float[] {2f, 3f}, 0f));
        guess.setMarker(SeriesMarkers.NONE);
        if (curves.iterations().length > 0) {
            XYSeries training = chart.addSeries("training", curves.iterations(),
                    clip(Smoothing.smooth(curves.training()), top));
            training.setLineColor(TRAINING);
            training.setLineStyle(new BasicStroke(1.3f));
            training.setMarker(SeriesMarkers.NONE);
        }
        if (curves.validationIterations().length > 0) {
            XYSeries validation = chart.addSeries("validation", curves.validationIterations(),
                    clip(curves.validation(), top));
            validation.setLineColor(VALIDATION);
            validation.setLineStyle(new BasicStroke(1.1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 10f, new float[] {4f, 3f}, 0f));
            validation.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** Values above {@code top} drawn at the top edge; non-finite ones left out. */
    private static double[] clip(double[] values, double top) {
        double[] clipped = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            clipped[i] = Double.isFinite(values[i]) ? Math.min(values[i], top) : Double.NaN;
        }
        return clipped;
    }

    /** Green for a good fit, red for divergence, amber otherwise. */
    private static Color color(String fit, String rate) {
        if (rate.equals("divergent")) {
            return new Color(190, 30, 30);
        }
        if (fit.equals("good fit") && rate.equals("good")) {
            return new Color(20, 130, 40);
        }
        return new Color(170, 90, 0);
    }
}
