package dev.descent.cli;

import dev.descent.diagnose.Diagnosis;
import dev.descent.optim.batch.EpochRecord;
import dev.descent.shallow.MatlabFormat;
import dev.descent.shallow.ShallowNetwork;
import dev.descent.shallow.ShallowTrainer;
import dev.descent.shallow.TrainingRecord;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Feeds a shallow run ({@code patternnet}, {@code fitnet}) to the live page: performance per
 * epoch on a log scale (training, validation, test, as {@code plotperform}) and the progress
 * panel of MATLAB's training window; passes the command-line lines on to {@code printer}. Its
 * {@link #stopRequested()} is the page's Stop button ("User stop.").
 */
final class LiveShallowProgress implements ShallowTrainer.Listener {
    private final LiveFeed feed;
    private final ShallowTrainer.Listener printer;
    private final String name;
    private final String trainFcn;
    private final String performFcn;
    private final String divideFcn;
    private final int maxEpochs;
    private final int maxFail;
    private final double minGrad;
    private final double goal;
    private boolean started;
    private int bestEpoch;
    private double bestPerformance = Double.NaN;
    private boolean validation;
    private EpochRecord last;

    /** For {@code net} as configured for training. */
    LiveShallowProgress(LiveFeed feed, ShallowNetwork net, ShallowTrainer.Listener printer) {
        this.feed = feed;
        this.printer = printer;
        this.name = net.name();
        this.trainFcn = net.trainFcn();
        this.performFcn = net.performFcn().title() + " (" + net.performFcn().id() + ")";
        this.divideFcn = net.divideFcn().id();
        this.maxEpochs = net.trainParam().epochs();
        this.maxFail = net.trainParam().maxFail();
        this.minGrad = net.trainParam().minGrad();
        this.goal = net.trainParam().goal();
    }

    @Override
    public void line(String text) {
        printer.line(text);
    }

    @Override
    public void epoch(EpochRecord record) {
        printer.epoch(record);
        last = record;
        if (!started) {
            started = true;
            validation = !Double.isNaN(record.validationPerformance());
            feed.start(layout(), panel(null, null, null));
        }
        // The best epoch as the trainer picks it: the first strictly lowest validation
        // performance (training performance without validation data).
        double measured = validation ? record.validationPerformance() : record.performance();
        if (Double.isNaN(bestPerformance) || measured < bestPerformance) {
            bestPerformance = measured;
            bestEpoch = record.epoch();
        }
        double[] row = {record.epoch(), record.performance(), record.validationPerformance(),
            record.testPerformance()};
        feed.add(row, record.seconds(), panel(record, null, null));
    }

    @Override
    public boolean stopRequested() {
        return feed.stopRequested();
    }

    /** Training has ended with {@code tr}, whose curves show {@code diagnosis}. */
    void finished(TrainingRecord tr, Diagnosis diagnosis) {
        bestEpoch = tr.bestEpoch();
        bestPerformance = tr.hasValidation() ? tr.bestVperf() : tr.bestPerf();
        feed.finish("Training finished: " + tr.stop(), panel(last, tr.stop(), diagnosis));
    }

    private Map<String, Object> layout() {
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", "Neural Network Training (" + name + ", " + trainFcn + ")");
        layout.put("xLabel", "Epoch");
        layout.put("bands", 0);
        layout.put("xMin", Math.min(10, maxEpochs));
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("title", "Performance: " + performFcn);
        panel.put("percent", false);
        panel.put("log", true);
        panel.put("series", List.of(
                LiveProgress.series("Train", 1, hex(ShallowPlots.TRAIN), "line"),
                LiveProgress.series("Validation", 2, hex(ShallowPlots.VALIDATION), "line"),
                LiveProgress.series("Test", 3, hex(ShallowPlots.TEST), "line")));
        layout.put("panels", List.of(panel));
        return layout;
    }

    private static String hex(Color color) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", color.getRed(), color.getGreen(),
                color.getBlue());
    }

    private Supplier<List<LiveFeed.Section>> panel(EpochRecord last, String stop,
            Diagnosis diagnosis) {
        int best = bestEpoch;
        double bestValue = bestPerformance;
        return () -> sections(last, stop, best, bestValue, diagnosis);
    }

    private List<LiveFeed.Section> sections(EpochRecord last, String stop, int best,
            double bestValue, Diagnosis diagnosis) {
        String which = validation ? "validation" : "training";
        List<LiveFeed.Row> progress = new ArrayList<>(List.of(
                LiveProgress.row("epoch", "Epoch", (last == null ? 0 : last.epoch()) + " of "
                        + maxEpochs),
                LiveProgress.row("elapsed", "Time",
                        VerboseTable.clock(last == null ? 0 : last.seconds())),
                LiveProgress.row("performance", "Performance", (last == null ? "-"
                        : MatlabFormat.num2str(last.performance())) + " (goal "
                        + MatlabFormat.num2str(goal) + ")"),
                LiveProgress.row("gradient", "Gradient", (last == null ? "-"
                        : MatlabFormat.num2str(last.gradientNorm())) + " (min "
                        + MatlabFormat.num2str(minGrad) + ")"),
                LiveProgress.row("checks", "Validation checks", validation
                        ? (last == null ? 0 : last.validationFailures()) + " of " + maxFail
                        : "no validation data")));
        if (last != null) {
            last.state().forEach((key, value) -> progress.add(
                    LiveProgress.row("state-" + key, key, MatlabFormat.num2str(value))));
        }
        List<LiveFeed.Section> sections = new ArrayList<>();
        sections.add(new LiveFeed.Section("Results", List.of(
                LiveProgress.row("best", "Best " + which + " performance",
                        last == null ? "-" : MatlabFormat.num2str(bestValue) + " at epoch "
                                + best),
                LiveProgress.row("reason", "Stop reason", stop == null ? "-" : stop))));
        if (diagnosis != null) {
            sections.add(LiveProgress.diagnosisSection(diagnosis));
        }
        sections.add(new LiveFeed.Section("Progress", progress));
        sections.add(new LiveFeed.Section("Algorithms", List.of(
                LiveProgress.row("division", "Data division", divideFcn),
                LiveProgress.row("training", "Training", trainFcn),
                LiveProgress.row("performance-fcn", "Performance", performFcn))));
        return sections;
    }
}
