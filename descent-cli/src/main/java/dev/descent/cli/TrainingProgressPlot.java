package dev.descent.cli;

import dev.descent.diagnose.Diagnosis;
import dev.descent.train.IterationRecord;
import dev.descent.train.TrainingHistory;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * MATLAB's training-progress window as a picture: accuracy (%) on top and loss below against
 * the iteration (RMSE on top for a regression), each with the raw mini-batch curve, its
 * smoothed curve and the validation curve, on alternating epoch bands; a header line gives the
 * stop reason and the final validation result.
 *
 * <p>The x axis spans at least [0, min(100, maximum iterations)] and grows with the run.
 */
public final class TrainingProgressPlot {
    /** The usual file name. */
    public static final String FILE_NAME = "training-progress.png";
    /** Picture width in pixels. */
    public static final int WIDTH = 1100;
    /** Picture height in pixels. */
    public static final int HEIGHT = 840;

    static final Color ACCURACY_COLOR = new Color(0, 114, 189);
    static final Color LOSS_COLOR = new Color(217, 83, 25);
    private static final int HEADER_HEIGHT = 118;
    static final Color CAPTION_COLOR = new Color(140, 40, 20);
    private static final int PANEL_HEIGHT = (HEIGHT - HEADER_HEIGHT) / 2;

    private TrainingProgressPlot() {}

    /**
     * Writes the picture of {@code history} as PNG, or SVG when {@code file} ends in .svg.
     *
     * @throws IllegalArgumentException if the history has no iterations or the name does not end
     *     in .png or .svg
     * @throws IOException if the file cannot be written
     */
    public static void write(TrainingHistory history, Path file) throws IOException {
        write(history, "", file);
    }

    /**
     * Writes the picture with {@code caption} (for example the diagnosis; up to two lines
     * separated by '\n') below the header lines.
     *
     * @see #write(TrainingHistory, Path)
     */
    public static void write(TrainingHistory history, String caption, Path file)
            throws IOException {
        checkNotEmpty(history);
        Pictures.write(file, WIDTH, HEIGHT, g -> paint(history, caption, g));
    }

    /** "Diagnosis: underfitting (rate too slow)." and "Remedy: ..." on a second line. */
    static String caption(Diagnosis diagnosis) {
        return "Diagnosis: " + diagnosis.label() + ".\nRemedy: " + diagnosis.remedy();
    }

    /**
     * The picture of {@code history} as an image of {@link #WIDTH} x {@link #HEIGHT}.
     *
     * @throws IllegalArgumentException if the history has no iterations
     */
    public static BufferedImage render(TrainingHistory history) {
        checkNotEmpty(history);
        return Pictures.render(WIDTH, HEIGHT, g -> paint(history, "", g));
    }

    private static void checkNotEmpty(TrainingHistory history) {
        if (history.records().isEmpty()) {
            throw new IllegalArgumentException("training history has no iterations to plot");
        }
    }

    private static void paint(TrainingHistory history, String caption, Graphics2D g) {
        paintHeader(history, g);
        String[] lines = caption.isEmpty() ? new String[0] : caption.split("\n", 2);
        for (int i = 0; i < lines.length; i++) {
            g.setColor(CAPTION_COLOR);
            g.setFont(new Font(Font.SANS_SERIF, i == 0 ? Font.BOLD : Font.PLAIN, 13));
            g.drawString(Pictures.fit(lines[i], g.getFontMetrics(), WIDTH - 40), 20, 94 + 18 * i);
        }
        double xMax = Math.max(history.last().iteration(),
                Math.min(100, history.maxIterations()));
        boolean classification = history.isClassification();
        ProgressChart.Panel top = classification
                ? panel(history, "Accuracy (%)", ACCURACY_COLOR, true,
                        IterationRecord::trainingAccuracy, IterationRecord::validationAccuracy)
                : panel(history, "RMSE", ACCURACY_COLOR, false,
                        IterationRecord::trainingRmse, IterationRecord::validationRmse);
        ProgressChart.Panel bottom = panel(history, "Loss", LOSS_COLOR, false,
                IterationRecord::trainingLoss, IterationRecord::validationLoss);
        int bands = history.iterationsPerEpoch();
        ProgressChart upper = new ProgressChart(top, WIDTH, PANEL_HEIGHT, xMax, bands, true);
        ProgressChart lower = new ProgressChart(bottom, WIDTH, PANEL_HEIGHT, xMax, bands, false);
        // Shift the panel with the narrower y labels so that both plots start at the same x.
        double upperLeft = upper.plotArea(WIDTH, PANEL_HEIGHT).getX();
        double lowerLeft = lower.plotArea(WIDTH, PANEL_HEIGHT).getX();
        double left = Math.max(upperLeft, lowerLeft);
        paintAt(g, upper, HEADER_HEIGHT, (int) Math.round(left - upperLeft));
        paintAt(g, lower, HEADER_HEIGHT + PANEL_HEIGHT, (int) Math.round(left - lowerLeft));
    }

    private static void paintAt(Graphics2D g, ProgressChart chart, int top, int shift) {
        Graphics2D panelGraphics = (Graphics2D) g.create();
        try {
            panelGraphics.translate(shift, top);
            chart.paint(panelGraphics, WIDTH - shift, PANEL_HEIGHT);
        } finally {
            panelGraphics.dispose();
        }
    }

    private static ProgressChart.Panel panel(TrainingHistory history, String title, Color color,
            boolean percent, ToDoubleFunction<IterationRecord> training,
            ToDoubleFunction<IterationRecord> validation) {
        List<IterationRecord> records = history.records();
        List<IterationRecord> validated = history.validationRecords();
        return new ProgressChart.Panel(title, color, percent,
                column(records, IterationRecord::iteration),
                column(records, training),
                column(validated, IterationRecord::iteration),
                column(validated, validation));
    }

    private static double[] column(List<IterationRecord> records,
            ToDoubleFunction<IterationRecord> value) {
        return records.stream().mapToDouble(value).toArray();
    }

    private static void paintHeader(TrainingHistory history, Graphics2D g) {
        IterationRecord last = history.last();
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("Training Progress", 20, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        String finished = history.stopReason() == null
                ? "Training in progress."
                : "Training finished: " + history.stopReason().message() + ".";
        g.drawString(finished + "   " + finalValidation(history), 20, 52);
        g.setColor(new Color(90, 90, 90));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT,
                "Epoch %d of %d, iteration %d of %d (%d per epoch).   Elapsed %s.   "
                        + "Learning rate %s.",
                last.epoch(), history.maxEpochs(), last.iteration(), history.maxIterations(),
                history.iterationsPerEpoch(), VerboseTable.clock(last.elapsedSeconds()),
                Json.number(last.learnRate())), 20, 72);
    }

    /** "Validation accuracy: 83.50%" (or RMSE), "N/A" without validation. */
    static String finalValidation(TrainingHistory history) {
        boolean classification = history.isClassification();
        String name = classification ? "Validation accuracy: " : "Validation RMSE: ";
        IterationRecord last = history.lastValidation();
        if (last == null) {
            return name + "N/A";
        }
        return name + (classification
                ? VerboseTable.percent(last.validationAccuracy())
                : VerboseTable.fixed(last.validationRmse()));
    }
}
