package dev.descent.cli;

import dev.descent.diagnose.Diagnosis;
import dev.descent.train.IterationRecord;
import dev.descent.train.StopReason;
import dev.descent.train.TrainingHistory;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingOptions;
import java.awt.Color;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Feeds a deep-learning run to the live page: the two panels of {@link TrainingProgressPlot}
 * (accuracy or RMSE, and loss, each raw, {@link Smoothing smoothed} and validation) and MATLAB's
 * information panel. Runs on the training thread; hands immutable values to the {@link LiveFeed}.
 */
final class LiveProgress implements TrainingListener {
    private static final DateTimeFormatter START_FORMAT =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ROOT);

    private final LiveFeed feed;
    private final Function<TrainingHistory, Diagnosis> diagnose;
    private final Smoothing.Running topSmoothing = new Smoothing.Running();
    private final Smoothing.Running lossSmoothing = new Smoothing.Running();
    private TrainingOptions options;
    private boolean classification;
    private int iterationsPerEpoch;
    private int maxEpochs;
    private int validationFrequency;
    private double validationPatience;
    private String startTime;
    private IterationRecord lastValidation;

    /** Feeds {@code feed}; when training ends, shows what {@code diagnose} reads in the run. */
    LiveProgress(LiveFeed feed, Function<TrainingHistory, Diagnosis> diagnose) {
        this.feed = feed;
        this.diagnose = diagnose;
    }

    @Override
    public void trainingStarted(TrainingHistory history, TrainingOptions runOptions) {
        options = runOptions;
        classification = history.isClassification();
        iterationsPerEpoch = history.iterationsPerEpoch();
        maxEpochs = history.maxEpochs();
        validationFrequency = history.validationFrequency();
        validationPatience = history.validationPatience();
        startTime = LocalDateTime.now().format(START_FORMAT);
        feed.start(layout(), panel(null, null, null, null));
        // A resumed run starts with the records of its checkpoint.
        for (IterationRecord record : history.records()) {
            add(record);
        }
    }

    @Override
    public void iterationFinished(IterationRecord record, TrainingHistory history) {
        add(record);
    }

    @Override
    public void trainingFinished(TrainingHistory history) {
        StopReason reason = history.stopReason();
        String status = reason == null ? "Training finished"
                : "Training finished: " + reason.message();
        feed.finish(status, panel(history.last(), lastValidation, reason,
                diagnose.apply(history)));
    }

    private void add(IterationRecord record) {
        if (record.hasValidation()) {
            lastValidation = record;
        }
        double top = classification ? record.trainingAccuracy() : record.trainingRmse();
        double topValidation = classification ? record.validationAccuracy()
                : record.validationRmse();
        double[] row = {record.iteration(), top, topSmoothing.add(top), topValidation,
            record.trainingLoss(), lossSmoothing.add(record.trainingLoss()),
            record.validationLoss()};
        feed.add(row, record.elapsedSeconds(), panel(record, lastValidation, null, null));
    }

    /** The chart's layout; the row columns are those of {@link #add}. */
    private Map<String, Object> layout() {
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", "Training Progress");
        layout.put("xLabel", "Iteration");
        layout.put("bands", iterationsPerEpoch);
        layout.put("xMin", Math.min(100, iterationsPerEpoch * maxEpochs));
        layout.put("panels", List.of(
                classification ? panel("Accuracy (%)", true, TrainingProgressPlot.ACCURACY_COLOR,
                        1) : panel("RMSE", false, TrainingProgressPlot.ACCURACY_COLOR, 1),
                panel("Loss", false, TrainingProgressPlot.LOSS_COLOR, 4)));
        return layout;
    }

    private static Map<String, Object> panel(String title, boolean percent, Color color,
            int firstColumn) {
        String hex = String.format(Locale.ROOT, "#%02x%02x%02x", color.getRed(), color.getGreen(),
                color.getBlue());
        String grey = String.format(Locale.ROOT, "#%02x%02x%02x",
                ProgressChart.VALIDATION_COLOR.getRed(), ProgressChart.VALIDATION_COLOR.getGreen(),
                ProgressChart.VALIDATION_COLOR.getBlue());
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("title", title);
        panel.put("percent", percent);
        panel.put("log", false);
        panel.put("series", List.of(
                series("Training (smoothed)", firstColumn + 1, hex, "line"),
                series("Training", firstColumn, hex, "raw"),
                series("Validation", firstColumn + 2, grey, "validation")));
        return panel;
    }

    static Map<String, Object> series(String name, int column, String color, String style) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("name", name);
        series.put("column", column);
        series.put("color", color);
        series.put("style", style);
        return series;
    }

    /** MATLAB's information panel for the state after {@code last} (null before any). */
    private Supplier<List<LiveFeed.Section>> panel(IterationRecord last,
            IterationRecord validation, StopReason reason, Diagnosis diagnosis) {
        return () -> sections(last, validation, reason, diagnosis);
    }

    /**
     * The panel's section with what the curves show: the short label, the explanation with its
     * figures and the remedy (keys {@code diagnosis}, {@code explanation}, {@code remedy}).
     */
    static LiveFeed.Section diagnosisSection(Diagnosis diagnosis) {
        return new LiveFeed.Section("What the curves show", List.of(
                row("diagnosis", "Diagnosis", diagnosis.label()),
                row("explanation", "Reading", diagnosis.explanation()),
                row("remedy", "Remedy", diagnosis.remedy())));
    }

    private List<LiveFeed.Section> sections(IterationRecord last, IterationRecord validation,
            StopReason reason, Diagnosis diagnosis) {
        boolean done = reason != null;
        String measure = classification ? "validation accuracy" : "validation RMSE";
        String validationValue = validation == null ? "N/A" : classification
                ? VerboseTable.percent(validation.validationAccuracy())
                : VerboseTable.fixed(validation.validationRmse());
        int maxIterations = iterationsPerEpoch * maxEpochs;
        List<LiveFeed.Section> sections = new ArrayList<>();
        sections.add(new LiveFeed.Section("Results", List.of(
                row("validation", done ? "Final " + measure : capitalised(measure),
                        validationValue),
                row("reason", "Stop reason", done ? reason.message() : "-"))));
        if (diagnosis != null) {
            sections.add(diagnosisSection(diagnosis));
        }
        sections.addAll(List.of(
                new LiveFeed.Section("Training time", List.of(
                        row("start", "Start time", startTime),
                        row("elapsed", "Elapsed time",
                                VerboseTable.clock(last == null ? 0 : last.elapsedSeconds())))),
                new LiveFeed.Section("Training cycle", List.of(
                        row("epoch", "Epoch", (last == null ? 0 : last.epoch()) + " of "
                                + maxEpochs),
                        row("iteration", "Iteration", (last == null ? 0 : last.iteration())
                                + " of " + maxIterations),
                        row("per-epoch", "Iterations per epoch",
                                Integer.toString(iterationsPerEpoch)),
                        row("max-iterations", "Maximum iterations",
                                Integer.toString(maxIterations)))),
                new LiveFeed.Section("Validation", List.of(
                        row("frequency", "Frequency", validationFrequency > 0
                                ? validationFrequency + " iterations" : "no validation data"),
                        row("patience", "Patience", Double.isInfinite(validationPatience)
                                ? "Inf" : Json.number(validationPatience)))),
                new LiveFeed.Section("Other information", List.of(
                        row("solver", "Solver", options.solver()),
                        row("schedule", "Learning rate schedule", schedule()),
                        row("learn-rate", "Learning rate", VerboseTable.learnRate(last == null
                                ? options.initialLearnRate() : last.learnRate()))))));
        return sections;
    }

    private String schedule() {
        if (options.learnRateSchedule() == TrainingOptions.LearnRateSchedule.PIECEWISE) {
            return "Piecewise (x" + Json.number(options.learnRateDropFactor()) + " every "
                    + options.learnRateDropPeriod() + " epochs)";
        }
        return "Constant";
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static LiveFeed.Row row(String key, String label, String value) {
        return new LiveFeed.Row(key, label, value);
    }
}
