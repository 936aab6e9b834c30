package dev.descent.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;

/**
 * The single neuron's computational graph: inputs x_i and weights w_i meet in products, a sum
 * gives z, the activation gives yhat, and the loss node compares it with y. Each edge carries
 * its forward value above it (black) and the gradient of L with respect to it below (red), the
 * numbers of the printed trace.
 */
final class ComputationGraphPicture {
    private static final int RADIUS = 24;
    private static final int PAIR_HEIGHT = 150;
    private static final int TOP = 110;
    private static final Color GRADIENT = new Color(0xC0, 0x20, 0x20);
    private static final Color NODE = new Color(0xE8, 0xF0, 0xFA);

    private final NeuronWalkthrough.Result r;
    private final int count;

    ComputationGraphPicture(NeuronWalkthrough.Result result) {
        this.r = result;
        this.count = result.x().length;
    }

    int width() {
        return 1120;
    }

    int height() {
        return Math.max(420, TOP + PAIR_HEIGHT * count + 90);
    }

    private static String n(double v) {
        return Numbers.format(v);
    }

    void paint(Graphics2D g) {
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        g.setFont(bold);
        g.setColor(Color.BLACK);
        g.drawString("Single neuron: yhat = " + r.activation().id() + "(w . x), "
                + "L = 1/2 (y - yhat)^2", 20, 28);
        g.setFont(plain);
        g.drawString("Black, above each edge: the forward value. ", 20, 50);
        g.setColor(GRADIENT);
        g.drawString("Red, below: the gradient of L flowing back (chain rule).",
                20 + g.getFontMetrics().stringWidth("Black, above each edge: the forward value. "),
                50);

        int inputX = 60;
        int productX = 330;
        int sumX = 620;
        int activationX = 830;
        int lossX = 1040;
        double middle = 0;
        int[] productY = new int[count];
        for (int i = 0; i < count; i++) {
            productY[i] = TOP + PAIR_HEIGHT * i + PAIR_HEIGHT / 2 - 10;
            middle += productY[i];
        }
        int centerY = (int) Math.round(middle / count);

        for (int i = 0; i < count; i++) {
            int xY = productY[i] - 38;
            int wY = productY[i] + 38;
            String k = Integer.toString(i + 1);
            edge(g, inputX, xY, productX, productY[i], "x" + k + " = " + n(r.x()[i]),
                    "dL/dx" + k + " = " + n(r.dLdz() * r.w()[i]));
            edge(g, inputX, wY, productX, productY[i], "w" + k + " = " + n(r.w()[i]),
                    "dL/dw" + k + " = " + n(r.dLdw()[i]));
            edge(g, productX, productY[i], sumX, centerY,
                    "w" + k + " x" + k + " = " + n(r.w()[i] * r.x()[i]),
                    "dL/d(w" + k + " x" + k + ") = " + n(r.dLdz()));
            node(g, inputX, xY, "x" + k);
            node(g, inputX, wY, "w" + k);
            node(g, productX, productY[i], "*");
        }
        edge(g, sumX, centerY, activationX, centerY, "z = " + n(r.z()),
                "dL/dz = " + n(r.dLdz()));
        edge(g, activationX, centerY, lossX, centerY, "yhat = " + n(r.yhat()),
                "dL/dyhat = " + n(r.dLdyhat()));
        int targetY = centerY + 110;
        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(lossX, targetY - RADIUS, lossX, centerY + RADIUS + 10));
        Path2D head = new Path2D.Double();
        head.moveTo(lossX, centerY + RADIUS);
        head.lineTo(lossX - 4, centerY + RADIUS + 10);
        head.lineTo(lossX + 4, centerY + RADIUS + 10);
        head.closePath();
        g.fill(head);
        g.drawString("y = " + n(r.y()), lossX + 8, (centerY + targetY) / 2f + 5);
        node(g, sumX, centerY, "+");
        node(g, activationX, centerY, r.activation().id());
        node(g, lossX, targetY, "y");
        node(g, lossX, centerY, "L");
        g.setColor(Color.BLACK);
        g.drawString("L = " + n(r.loss()), lossX - 30, centerY - RADIUS - 10);
        g.setColor(GRADIENT);
        String local = "dyhat/dz = " + n(r.dyhatDz());
        g.drawString(local, activationX - g.getFontMetrics().stringWidth(local) / 2f,
                centerY + RADIUS + 20);

        g.setColor(Color.DARK_GRAY);
        int bottom = height() - 24;
        g.drawString("Update w <- w - " + n(r.learnRate()) + " dL/dw: w = "
                + Numbers.vector(r.wNew()) + ", new loss " + n(r.lossNew())
                + (r.deadRelu() ? "  (z <= 0: the ReLU did not fire, no gradient)" : ""),
                20, bottom);
    }

    /**
     * An arrow from node (x1, y1) to node (x2, y2): horizontal first, where the two labels sit,
     * then straight into the target.
     */
    private static void edge(Graphics2D g, int x1, int y1, int x2, int y2, String forward,
            String gradient) {
        double bendX = y1 == y2 ? x2 - RADIUS : x2 - 60;
        double angle = Math.atan2(y2 - y1, x2 - bendX);
        double ex = x2 - RADIUS * Math.cos(angle);
        double ey = y2 - RADIUS * Math.sin(angle);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.4f));
        Path2D line = new Path2D.Double();
        line.moveTo(x1 + RADIUS, y1);
        line.lineTo(bendX, y1);
        line.lineTo(ex, ey);
        g.draw(line);
        Path2D head = new Path2D.Double();
        head.moveTo(ex, ey);
        head.lineTo(ex - 10 * Math.cos(angle - 0.35), ey - 10 * Math.sin(angle - 0.35));
        head.lineTo(ex - 10 * Math.cos(angle + 0.35), ey - 10 * Math.sin(angle + 0.35));
        head.closePath();
        g.fill(head);

        FontMetrics metrics = g.getFontMetrics();
        double mx = (x1 + RADIUS + bendX) / 2;
        g.drawString(forward, (float) (mx - metrics.stringWidth(forward) / 2.0), y1 - 6f);
        if (gradient != null) {
            g.setColor(GRADIENT);
            g.drawString(gradient, (float) (mx - metrics.stringWidth(gradient) / 2.0),
                    y1 + metrics.getAscent() + 4f);
        }
    }

    private static void node(Graphics2D g, int x, int y, String label) {
        Ellipse2D circle = new Ellipse2D.Double(x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS);
        g.setColor(NODE);
        g.fill(circle);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(circle);
        Font font = g.getFont();
        if (label.length() > 4) {
            g.setFont(font.deriveFont(10f));
        }
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(label, x - metrics.stringWidth(label) / 2f,
                y + (metrics.getAscent() - metrics.getDescent()) / 2f);
        g.setFont(font);
    }
}
