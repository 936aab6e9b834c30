package dev.descent.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One panel of the training-progress picture: the raw training curve (alpha 0.2, a dot on its
 * last point), its {@link Smoothing smoothed} curve, the validation curve (dashed dark grey with
 * circles, the final point annotated), on alternating epoch bands.
 */
final class ProgressChart {
    static final Color VALIDATION_COLOR = new Color(64, 64, 64);
    private static final Color BAND_COLOR = new Color(238, 238, 238);
    private static final Color LABEL_COLOR = new Color(110, 110, 110);
    private static final Color TRANSPARENT = new Color(0, 0, 0, 0);

    /**
     * What a panel shows; {@code percent} panels get y limits of at least [0, 105], others at
     * least [0, the data's maximum].
     */
    record Panel(String yTitle, Color color, boolean percent, double[] iterations,
            double[] training, double[] validationIterations, double[] validation) {}

    private final Panel panel;
    private final XYChart chart;
    private final double xMax;
    private final int iterationsPerEpoch;
    private final boolean epochLabels;

    /**
     * @param xMax right end of the x axis
     * @param iterationsPerEpoch width of the epoch bands, or 0 for none
     * @param epochLabels whether to write the epoch numbers in the bands
     */
    ProgressChart(Panel panel, int width, int height, double xMax, int iterationsPerEpoch,
            boolean epochLabels) {
        this.panel = panel;
        this.xMax = xMax;
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.epochLabels = epochLabels;
        this.chart = new XYChart(width, height, Styler.ChartTheme.Matlab);
        chart.setXAxisTitle("Iteration");
        chart.setYAxisTitle(panel.yTitle());
        style(chart.getStyler());
        addSeries();
    }

    private void style(XYStyler styler) {
        styler.setLocale(Locale.ROOT);
        styler.setChartBackgroundColor(TRANSPARENT);
        styler.setPlotBackgroundColor(TRANSPARENT);
        styler.setChartTitleVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setMarkerSize(5);
        styler.setPlotContentSize(1.0);
        styler.setXAxisMax(xMax);
        // XChart leaves out tick labels that fall exactly on the plot's edges; widen by a hair.
        double[] limits = yLimits();
        double hair = (limits[1] - limits[0]) * 1e-6;
        styler.setXAxisMin(-xMax * 1e-6);
        styler.setYAxisMin(limits[0] - hair);
        styler.setYAxisMax(limits[1] + hair);
        styler.setXAxisDecimalPattern("0");
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setPlotGridLinesColor(new Color(215, 215, 215));
    }

    private void addSeries() {
        // When all x values are equally spaced XChart puts the ticks on data points (1, 251,
        // 501...); one invisible point at x = 0 makes it choose round values instead.
        double[] limits = yLimits();
        XYSeries anchor = chart.addSeries(" anchor", new double[] {0}, new double[] {limits[0]});
        anchor.setMarker(SeriesMarkers.NONE);
        anchor.setLineColor(TRANSPARENT);
        anchor.setShowInLegend(false);
        double[] x = panel.iterations();
        double[] raw = finiteOrNaN(panel.training());
        Color light = new Color(panel.color().getRed(), panel.color().getGreen(),
                panel.color().getBlue(), 51);
        XYSeries rawSeries = chart.addSeries("Training", x, raw);
        rawSeries.setLineColor(light);
        rawSeries.setLineWidth(1f);
        rawSeries.setMarker(SeriesMarkers.NONE);
        int last = lastFinite(raw);
        if (last >= 0) {
            XYSeries dot = chart.addSeries(" last", new double[] {x[last]}, new double[] {raw[last]});
            dot.setMarker(SeriesMarkers.CIRCLE);
            dot.setMarkerColor(light);
            dot.setShowInLegend(false);
        }
        XYSeries smooth = chart.addSeries("Training (smoothed)", x, Smoothing.smooth(raw));
        smooth.setLineColor(panel.color());
        smooth.setLineWidth(1.3f);
        smooth.setMarker(SeriesMarkers.NONE);
        if (panel.validationIterations().length > 0) {
            XYSeries validation = chart.addSeries("Validation", panel.validationIterations(),
                    finiteOrNaN(panel.validation()));
            validation.setLineColor(VALIDATION_COLOR);
            validation.setLineStyle(new BasicStroke(1.3f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
            validation.setMarker(SeriesMarkers.CIRCLE);
            validation.setMarkerColor(VALIDATION_COLOR);
        }
    }

    /** [min, max] of the y axis: at least [0, 105] for percentages, [0, data] otherwise. */
    double[] yLimits() {
        double low = 0;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] values : new double[][] {panel.training(), panel.validation()}) {
            for (double value : values) {
                if (Double.isFinite(value)) {
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
        }
        if (panel.percent()) {
            return new double[] {low, Math.max(105, high)};
        }
        return new double[] {low, high > low ? niceCeiling(high) : low + 1};
    }

    /** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 times a power of ten >= value. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return value;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * power >= value * (1 - 1e-12)) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** Paints the panel at the origin of {@code g}, on a background that is already white. */
    void paint(Graphics2D g, int width, int height) {
        Rectangle2D plot = plotArea(width, height);
        paintBands(g, plot);
        chart.paint(g, width, height);
        if (epochLabels) {
            paintEpochLabels(g, plot);
        }
        paintFinalValidation(g, plot);
    }

    /** Where XChart puts the plot in a chart of this size, found by painting off screen. */
    Rectangle2D plotArea(int width, int height) {
        BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scratch.createGraphics();
        try {
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
        double[] limits = yLimits();
        double left = chart.getScreenXFromChart(0);
        double right = chart.getScreenXFromChart(xMax);
        double top = chart.getScreenYFromChart(limits[1]);
        double bottom = chart.getScreenYFromChart(limits[0]);
        return new Rectangle2D.Double(left, top, right - left, bottom - top);
    }

    private double bandWidth(Rectangle2D plot) {
        return iterationsPerEpoch > 0 ? plot.getWidth() * iterationsPerEpoch / xMax : 0;
    }

    private int epochCount() {
        return (int) Math.ceil(xMax / iterationsPerEpoch);
    }

    private void paintBands(Graphics2D g, Rectangle2D plot) {
        if (bandWidth(plot) < 3) {
            return;
        }
        g.setColor(BAND_COLOR);
        for (int epoch = 1; epoch <= epochCount(); epoch += 2) {
            double from = plot.getX() + (epoch - 1) * bandWidth(plot);
            double to = Math.min(from + bandWidth(plot), plot.getMaxX());
            g.fill(new Rectangle2D.Double(from, plot.getY(), to - from, plot.getHeight()));
        }
    }

    /** "Epoch n" in each band when it fits, else every k-th epoch number. */
    private void paintEpochLabels(Graphics2D g, Rectangle2D plot) {
        double band = bandWidth(plot);
        if (band < 3) {
            return;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(LABEL_COLOR);
        FontMetrics metrics = g.getFontMetrics();
        String widest = "Epoch " + epochCount();
        boolean words = metrics.stringWidth(widest) + 8 <= band;
        int numberWidth = metrics.stringWidth(Integer.toString(epochCount())) + 8;
        int stride = words ? 1 : niceStride(Math.ceil(numberWidth / band));
        for (int epoch = stride; epoch <= epochCount(); epoch += stride) {
            String text = words ? "Epoch " + epoch : Integer.toString(epoch);
            double center = plot.getX() + (epoch - 0.5) * band;
            float left = (float) (center - metrics.stringWidth(text) / 2.0);
            if (left >= plot.getX() && left + metrics.stringWidth(text) <= plot.getMaxX()) {
                g.drawString(text, left, (float) plot.getMaxY() - 5);
            }
        }
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, ... at least {@code minimum}. */
    private static int niceStride(double minimum) {
        for (int power = 1; ; power *= 10) {
            for (int step : new int[] {1, 2, 5}) {
                if (step * power >= minimum) {
                    return step * power;
                }
            }
        }
    }

    /** A larger dot on the last validation point, labelled "Final" with its value. */
    private void paintFinalValidation(Graphics2D g, Rectangle2D plot) {
        double[] values = panel.validation();
        int last = lastFinite(values);
        if (last < 0 || last != values.length - 1) {
            return;
        }
        double x = chart.getScreenXFromChart(panel.validationIterations()[last]);
        double y = chart.getScreenYFromChart(values[last]);
        g.setColor(VALIDATION_COLOR);
        g.fill(new Ellipse2D.Double(x - 4.5, y - 4.5, 9, 9));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(new Ellipse2D.Double(x - 4.5, y - 4.5, 9, 9));
        String text = "Final " + (panel.percent()
                ? String.format(Locale.ROOT, "%.2f%%", values[last])
                : String.format(Locale.ROOT, "%.4f", values[last]));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        FontMetrics metrics = g.getFontMetrics();
        double left = x - metrics.stringWidth(text) - 8;
        if (left < plot.getX() + 2) {
            left = x + 8;
        }
        double baseline = y - 8;
        if (baseline - metrics.getAscent() < plot.getY() + 2) {
            baseline = y + 8 + metrics.getAscent();
        }
        g.setColor(new Color(255, 255, 255, 220));
        g.fill(new Rectangle2D.Double(left - 3, baseline - metrics.getAscent() - 1,
                metrics.stringWidth(text) + 6, metrics.getAscent() + metrics.getDescent() + 2));
        g.setColor(VALIDATION_COLOR);
        g.drawString(text, (float) left, (float) baseline);
    }

    private static double[] finiteOrNaN(double[] values) {
        double[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!Double.isFinite(copy[i])) {
                copy[i] = Double.NaN;
            }
        }
        return copy;
    }

    private static int lastFinite(double[] values) {
        for (int i = values.length - 1; i >= 0; i--) {
            if (Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }
}
