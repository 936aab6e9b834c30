package dev.descent.cli;

import dev.descent.data.LabeledData;
import dev.descent.eval.ConfusionMatrix;
import dev.descent.io.ModelFile;
import dev.descent.optim.batch.DistributedEvaluator;
import dev.descent.shallow.ShallowExport;
import dev.descent.shallow.ShallowNetwork;
import dev.descent.shallow.TrainingRecord;
import dev.descent.util.Rng;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code descent patternnet}: MATLAB's shallow pattern-recognition workflow. */
@Command(
        name = "patternnet",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Trains a shallow classifier as MATLAB's patternnet: tansig hidden layers, a "
                    + "softmax output, inputs through removeconstantrows and mapminmax, "
                    + "dividerand 70/15/15, trainscg with early stopping after 6 validation "
                    + "failures, in float64. Returns the network of the best validation epoch.",
            "Performance is MATLAB's cross-entropy: averaged over classes x samples, so K "
                    + "times smaller than the usual per-sample value.",
            "Writes performance.png, trainstate.png, confusion.png and training-record.json. "
                    + "Default seed 356."
        })
public final class PatternnetCommand extends ShallowCommand
        implements Callable<Integer>, OutputFiles {
    static final String RECORD_FILE = "training-record.json";
    static final String MODEL_FILE = "patternnet.descent";

    @Option(names = "--data", paramLabel = "PATH",
            description = "A CSV file, an IDX image file (with --labels) or an image folder; "
                    + "default: the built-in digits.")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "The IDX label file that goes with an IDX image file.")
    Path labels;

    @Option(names = "--label-column", paramLabel = "NAME|N",
            description = "CSV label column by name or number from 1 (default: the first "
                    + "non-numeric column, else the first).")
    String labelColumn;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "100",
            description = "Images per class taken from the built-in digits "
                    + "(default: ${DEFAULT-VALUE}).")
    int digitsPerClass;

    @Override
    public List<String> outputFiles() {
        List<String> names = new ArrayList<>(List.of(RECORD_FILE, MODEL_FILE));
        if (output.writesPictures()) {
            names.addAll(List.of(ShallowPlots.PERFORMANCE, ShallowPlots.TRAIN_STATE,
                    ShallowPlots.CONFUSION));
        }
        return names;
    }

    @Override
    public Map<String, Path> inputFolders() {
        return data == null ? Map.of() : Map.of("--data", data);
    }

    @Override
    public Integer call() throws Exception {
        if (digitsPerClass < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--digits must be at least 1, got " + digitsPerClass);
        }
        distributed.check();
        ShallowNetwork net = ShallowNetwork.patternnet(hiddenSizes(), trainFcn,
                "crossentropy");
        configure(net);
        try (LiveView live = output.startLive(spec)) {
            return train(net, live);
        }
    }

    private int train(ShallowNetwork net, LiveView live) throws Exception {
        long seed = run.seed(DEFAULT_SEED);
        Rng rng = new Rng(seed);
        DataLoader.Loaded read = loadLabelled(data, labels, labelColumn, digitsPerClass,
                rng.split());
        LabeledData loaded = read.data();
        // What the executors of --spark read: the same file, with the same first split.
        ShallowSource source = ShallowSource.patternnet(data, labels, labelColumn,
                digitsPerClass, seed);
        int n = loaded.rows();
        int f = loaded.cols();
        int k = loaded.classes().size();
        if (k < 2) {
            throw new IllegalArgumentException("patternnet needs at least 2 classes, the data "
                    + "has " + k + " (" + String.join(", ", loaded.classes()) + ")");
        }
        networkFits(f, k, n);
        double[] x = inputs(loaded);
        double[] t = ShallowNetwork.oneHot(loaded.labels(), k);
        PrintWriter human = output.humanOutput(spec);
        if (!read.labelsLine().isEmpty()) {
            human.println(read.labelsLine());
        }
        human.printf(Locale.ROOT, "Data: %d observations, %d features, %d classes%n", n, f, k);
        Trained result;
        try (DistributedEvaluator evaluator = distributed.open()) {
            result = train(net, x, n, t, k, rng.split(), live,
                    trainingObjective(evaluator, source, n));
        }
        TrainingRecord tr = result.record();
        ShallowNetwork trained = result.network();

        int[] predicted = trained.classify(x, n);
        int[] all = new int[n];
        java.util.Arrays.setAll(all, i -> i);
        List<ShallowPlots.ConfusionPanel> panels = new ArrayList<>();
        Map<String, Double> accuracy = new LinkedHashMap<>();
        String[][] sets = {{"Training", "train"}, {"Validation", "val"}, {"Test", "test"},
            {"All", "all"}};
        int[][] indices = {tr.trainInd(), tr.valInd(), tr.testInd(), all};
        for (int s = 0; s < 4; s++) {
            int[] subset = indices[s];
            if (subset.length == 0) {
                accuracy.put(sets[s][1], Double.NaN);
                continue;
            }
            int[] targets = new int[subset.length];
            int[] outputs = new int[subset.length];
            for (int i = 0; i < subset.length; i++) {
                targets[i] = loaded.labels()[subset[i]];
                outputs[i] = predicted[subset[i]];
            }
            ConfusionMatrix cm = ConfusionMatrix.of(targets, outputs, loaded.classes());
            panels.add(new ShallowPlots.ConfusionPanel(sets[s][0], cm));
            accuracy.put(sets[s][1], cm.accuracy());
        }

        Path out = output.outDirectory();
        List<String> files = new ArrayList<>();
        AtomicFiles.writeString(out.resolve(RECORD_FILE), Json.toString(
                recordJson(tr)) + "\n");
        files.add(RECORD_FILE);
        ModelFile.write(out.resolve(MODEL_FILE),
                ShallowExport.savedModel(trained, loaded.classes()));
        files.add(MODEL_FILE);
        if (output.writesPictures()) {
            ShallowPlots.writePerformance(tr, trained.performFcn(), result.diagnosis(),
                    out.resolve(ShallowPlots.PERFORMANCE));
            ShallowPlots.writeTrainState(tr, out.resolve(ShallowPlots.TRAIN_STATE));
            ShallowPlots.writeConfusion(panels, out.resolve(ShallowPlots.CONFUSION));
            files.addAll(List.of(ShallowPlots.PERFORMANCE, ShallowPlots.TRAIN_STATE,
                    ShallowPlots.CONFUSION));
        }

        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("command", "patternnet");
            json.put("hidden", hiddenSizes());
            json.put("train_fcn", tr.trainFcn());
            json.put("perform_fcn", tr.performFcn());
            json.put("seed", run.seed(DEFAULT_SEED));
            json.put("classes", loaded.classes());
            json.put("epochs", tr.numEpochs());
            json.put("best_epoch", tr.bestEpoch());
            json.put("stop_reason", tr.stop());
            json.put("perf", tr.bestPerf());
            json.put("vperf", tr.bestVperf());
            json.put("tperf", tr.bestTperf());
            // In percent, as test_accuracy of digits and train (docs/design.md).
            json.put("train_accuracy", 100 * accuracy.get("train"));
            json.put("val_accuracy", 100 * accuracy.get("val"));
            json.put("test_accuracy", 100 * accuracy.get("test"));
            json.put("all_accuracy", 100 * accuracy.get("all"));
            json.put("train_count", tr.trainInd().length);
            json.put("val_count", tr.valInd().length);
            json.put("test_count", tr.testInd().length);
            RunFiles.putDiagnosis(json, result.diagnosis());
            json.put("out", out.toString());
            json.put("files",
                    files.stream().map(name -> out.resolve(name).toString()).toList());
            spec.commandLine().getOut().println(Json.toString(json));
        } else {
            human.println(ShallowPlots.performanceTitle(tr) + " (cross-entropy averaged over "
                    + "classes x samples, as MATLAB)");
            human.printf(Locale.ROOT, "Accuracy: training %s, validation %s, test %s (%d/%d/%d "
                    + "observations)%n", pct(accuracy.get("train")), pct(accuracy.get("val")),
                    pct(accuracy.get("test")), tr.trainInd().length, tr.valInd().length,
                    tr.testInd().length);
            human.println("Wrote " + String.join(", ", files) + " to " + out);
        }
        human.flush();
        return 0;
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
