package dev.descent.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/**
 * A MATLAB-style pair of axes drawn with Java2D: a box with ticks outside, tick labels, linear
 * or base-10 logarithmic y, and helpers for lines, markers and text. Used by the shallow
 * pictures, whose log-scale y axis and cross-hair markers are simpler to draw directly than
 * through XChart.
 */
final class PlotAxes {
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Stroke DOTTED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f);
    private static final Color GRID = new Color(225, 225, 225);

    private final Rectangle2D area;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final boolean logY;

    PlotAxes(Rectangle2D area, double xMin, double xMax, double yMin, double yMax,
            boolean logY) {
        if (!(xMax > xMin) || !(yMax > yMin) || logY && !(yMin > 0)) {
            throw new IllegalArgumentException("bad axis limits x [" + xMin + ", " + xMax
                    + "], y [" + yMin + ", " + yMax + "]");
        }
        this.area = area;
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        this.logY = logY;
    }

    Rectangle2D area() {
        return area;
    }

    double sx(double x) {
        return area.getX() + (x - xMin) / (xMax - xMin) * area.getWidth();
    }

    double sy(double y) {
        double f = logY ? (Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))
                : (y - yMin) / (yMax - yMin);
        return area.getMaxY() - f * area.getHeight();
    }

    private boolean drawable(double y) {
        return Double.isFinite(y) && (!logY || y > 0);
    }

    /** Box, light grid at the ticks, tick marks and labels. */
    void paintFrame(Graphics2D g) {
        g.setFont(TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (double x : ticks(xMin, xMax, 8)) {
            double px = sx(x);
            g.setColor(GRID);
            g.draw(new Line2D.Double(px, area.getY(), px, area.getMaxY()));
            g.setColor(Color.DARK_GRAY);
            g.draw(new Line2D.Double(px, area.getMaxY(), px, area.getMaxY() + 5));
            String text = format(x);
            g.drawString(text, (float) (px - fm.stringWidth(text) / 2.0),
                    (float) area.getMaxY() + 8 + fm.getAscent());
        }
        if (logY) {
            for (int k = (int) Math.ceil(Math.log10(yMin) - 1e-9);
                    k <= Math.floor(Math.log10(yMax) + 1e-9); k++) {
                double py = sy(Math.pow(10, k));
                g.setColor(GRID);
                g.draw(new Line2D.Double(area.getX(), py, area.getMaxX(), py));
                g.setColor(Color.DARK_GRAY);
                g.draw(new Line2D.Double(area.getX() - 5, py, area.getX(), py));
                paintPowerOfTen(g, k, area.getX() - 8, py);
            }
        } else {
            for (double y : ticks(yMin, yMax, 6)) {
                double py = sy(y);
                g.setColor(GRID);
                g.draw(new Line2D.Double(area.getX(), py, area.getMaxX(), py));
                g.setColor(Color.DARK_GRAY);
                g.draw(new Line2D.Double(area.getX() - 5, py, area.getX(), py));
                String text = format(y);
                g.drawString(text, (float) (area.getX() - 8 - fm.stringWidth(text)),
                        (float) (py + fm.getAscent() / 2.0 - 1));
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.draw(area);
    }

    /** "10" with a superscript exponent, right-aligned at {@code right}. */
    private static void paintPowerOfTen(Graphics2D g, int k, double right, double py) {
        Font small = TICK_FONT.deriveFont(9f);
        String exponent = Integer.toString(k);
        FontMetrics base = g.getFontMetrics(TICK_FONT);
        FontMetrics sup = g.getFontMetrics(small);
        double width = base.stringWidth("10") + sup.stringWidth(exponent);
        float x = (float) (right - width);
        float y = (float) (py + base.getAscent() / 2.0 - 1);
        g.setFont(TICK_FONT);
        g.drawString("10", x, y);
        g.setFont(small);
        g.drawString(exponent, x + base.stringWidth("10"), y - base.getAscent() / 2f);
        g.setFont(TICK_FONT);
    }

    /** A polyline through the drawable points; gaps at NaN (and non-positive for log y). */
    void line(Graphics2D g, double[] x, double[] y, Color color, Stroke stroke) {
        Path2D.Double path = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < x.length; i++) {
            if (!drawable(y[i])) {
                pen = false;
                continue;
            }
            if (pen) {
                path.lineTo(sx(x[i]), sy(y[i]));
            } else {
                path.moveTo(sx(x[i]), sy(y[i]));
                pen = true;
            }
        }
        Shape clip = g.getClip();
        g.clip(area);
        g.setColor(color);
        g.setStroke(stroke);
        g.draw(path);
        g.setClip(clip);
    }

    /** Diamond markers of half-width {@code r} at the drawable points. */
    void diamonds(Graphics2D g, double[] x, double[] y, double r, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(1.2f));
        for (int i = 0; i < x.length; i++) {
            if (drawable(y[i])) {
                g.draw(diamond(sx(x[i]), sy(y[i]), r));
            }
        }
    }

    static Shape diamond(double cx, double cy, double r) {
        Path2D.Double d = new Path2D.Double();
        d.moveTo(cx, cy - r);
        d.lineTo(cx + r, cy);
        d.lineTo(cx, cy + r);
        d.lineTo(cx - r, cy);
        d.closePath();
        return d;
    }

    /** Text centred horizontally at {@code cx} with its baseline at {@code baseline}. */
    static void centered(Graphics2D g, String text, Font font, double cx, double baseline) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (cx - fm.stringWidth(text) / 2.0), (float) baseline);
    }

    /** Text rotated a quarter turn anticlockwise, centred at ({@code cx}, {@code cy}). */
    static void vertical(Graphics2D g, String text, Font font, double cx, double cy) {
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (-fm.stringWidth(text) / 2.0), (float) (fm.getAscent() / 2.0));
        g.setTransform(saved);
    }

    /** Round tick values in [lo, hi]: steps of 1, 2 or 5 times a power of ten, at most ~n. */
    static double[] ticks(double lo, double hi, int n) {
        double raw = (hi - lo) / n;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = 10 * power;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                step = m * power;
                break;
            }
        }
        double first = Math.ceil(lo / step - 1e-9) * step;
        int count = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] out = new double[Math.max(count, 0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i * step;
        }
        return out;
    }

    private static String format(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return Long.toString(Math.round(v));
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
