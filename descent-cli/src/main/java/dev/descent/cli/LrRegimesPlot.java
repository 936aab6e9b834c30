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
 * {@code lr-regimes.png}: the smoothed training loss (solid) and the validation loss (dashed)
 * of each learning rate against the iteration on a log scale, named by its regime. A curve
 * that went past 10 x the baseline is drawn along the top edge; a divergent run's curve ends
 * where training stopped, marked with a cross.
 */
final class LrRegimesPlot {
    static final int WIDTH = 1000;
    static final int HEIGHT = 640;
    private static final Color[] COLORS = {new Color(0, 114, 189), new Color(40, 150, 60),
        new Color(237, 150, 30), new Color(200, 30, 30), new Color(126, 47, 142),
        new Color(77, 190, 238)};

    private LrRegimesPlot() {}

    static void write(List<DigitsRun.Summary> rows, Path file) throws IOException {
        Pictures.write(file, WIDTH, HEIGHT, g -> paint(rows, g));
    }

    private static void paint(List<DigitsRun.Summary> rows, Graphics2D g) {
        DigitsRun.Settings first = rows.get(0).settings();
        double baseline = rows.get(0).baseline();
        double top = 10 * baseline;
        double bottom = top;
        double right = 1;
        for (DigitsRun.Summary row : rows) {
            for (double value : Smoothing.smooth(row.curves().training())) {
                if (value > 0 && Double.isFinite(value)) {
                    bottom = Math.min(bottom, value);
                }
            }
            right = Math.max(right, row.curves().maxIterations());
        }
        bottom = Math.pow(10, Math.floor(Math.log10(Math.max(bottom, 1e-4))));
        XYChart chart = new XYChart(WIDTH, HEIGHT - 40, Styler.ChartTheme.Matlab);
        chart.setTitle(String.format(Locale.ROOT, "Learning-rate regimes: %s, 784-%d-10, %d per"
                + " class, %d epochs", first.solver(), first.hidden(), first.perClass(),
                first.epochs()));
        chart.setXAxisTitle("Iteration");
        chart.setYAxisTitle("Loss (log scale): training smoothed, validation dashed");
        XYStyler styler = chart.getStyler();
        styler.setLocale(Locale.ROOT);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(bottom);
        chart.getStyler().setYAxisMax(top);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(right);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setMarkerSize(12);
        XYSeries guess = chart.addSeries(String.format(Locale.ROOT, "baseline %.3f (predicting"
                + " the class frequencies)", baseline), new double[] {0, right},
                new double[] {baseline, baseline});
        guess.setLineColor(Color.GRAY);
        guess.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
                10f, new float[] {2f, 3f}, 0f));
        guess.setMarker(SeriesMarkers.NONE);
        for (int i = 0; i < rows.size(); i++) {
            DigitsRun.Summary row = rows.get(i);
            Color color = COLORS[i % COLORS.length];
            double[] x = row.curves().iterations();
            double[] y = Smoothing.smooth(row.curves().training());
            for (int j = 0; j < y.length; j++) {
                y[j] = Double.isFinite(y[j]) ? Math.max(bottom, Math.min(top, y[j])) : Double.NaN;
            }
            String name = String.format(Locale.ROOT, "lr %s: %s (%.1f%%)",
                    Json.number(row.settings().learnRate()), row.rate(), row.testAccuracy());
            XYSeries series = chart.addSeries(name, x.length == 0 ? new double[] {0} : x,
                    y.length == 0 ? new double[] {Double.NaN} : y);
            series.setLineColor(color);
            series.setLineStyle(new BasicStroke(2f));
            series.setMarker(SeriesMarkers.NONE);
            double[] vx = row.curves().validationIterations();
            double[] vy = row.curves().validation().clone();
            for (int j = 0; j < vy.length; j++) {
                vy[j] = Double.isFinite(vy[j]) ? Math.max(bottom, Math.min(top, vy[j]))
                        : Double.NaN;
            }
            if (vx.length > 0) {
                XYSeries validation = chart.addSeries(" validation " + i, vx, vy);
                validation.setLineColor(color);
                validation.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_ROUND, 10f, new float[] {5f, 4f}, 0f));
                validation.setMarker(SeriesMarkers.NONE);
                validation.setShowInLegend(false);
            }
            if (row.rate().equals("divergent") && x.length > 0) {
                XYSeries end = chart.addSeries(" end " + i, new double[] {x[x.length - 1]},
                        new double[] {lastFinite(y, top)});
                end.setMarker(SeriesMarkers.CROSS);
                end.setMarkerColor(color);
                end.setShowInLegend(false);
            }
        }
        Graphics2D plot = (Graphics2D) g.create();
        try {
            chart.paint(plot, WIDTH, HEIGHT - 40);
        } finally {
            plot.dispose();
        }
        g.setColor(new Color(60, 60, 60));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        StringBuilder note = new StringBuilder("Regimes from the curves (docs/diagnosis.md).");
        for (DigitsRun.Summary row : rows) {
            if (row.rate().equals("divergent")) {
                note.append(String.format(Locale.ROOT, "  lr %s stopped at iteration %d: %s (x).",
                        Json.number(row.settings().learnRate()), row.iterations(),
                        row.stopReason()));
            }
        }
        g.drawString(Pictures.fit(note.toString(), g.getFontMetrics(), WIDTH - 40), 20,
                HEIGHT - 16);
    }

    private static double lastFinite(double[] values, double fallback) {
        for (int i = values.length - 1; i >= 0; i--) {
            if (Double.isFinite(values[i])) {
                return values[i];
            }
        }
        return fallback;
    }
}
