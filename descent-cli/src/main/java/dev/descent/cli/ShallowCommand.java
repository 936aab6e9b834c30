package dev.descent.cli;

import dev.descent.data.BuiltinDigits;
import dev.descent.data.IdxReader;
import dev.descent.data.ImageDatastore;
import dev.descent.data.LabeledData;
import dev.descent.diagnose.Baseline;
import dev.descent.diagnose.Curves;
import dev.descent.diagnose.Diagnoser;
import dev.descent.diagnose.Diagnosis;
import dev.descent.optim.batch.BlockSums;
import dev.descent.optim.batch.DistributedEvaluator;
import dev.descent.optim.batch.ShardLoader;
import dev.descent.optim.batch.TrainingFunctions;
import dev.descent.shallow.PerformFcn;
import dev.descent.shallow.ShallowData;
import dev.descent.shallow.ShallowModel;
import dev.descent.shallow.ShallowNetwork;
import dev.descent.shallow.ShallowObjective;
import dev.descent.shallow.ShallowTrainer;
import dev.descent.shallow.ShallowTraining;
import dev.descent.shallow.TrainParam;
import dev.descent.shallow.TrainingRecord;
import dev.descent.util.Rng;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options and steps {@code descent patternnet} and {@code descent fitnet} share: the
 * network shape, the training function and its stopping criteria, the division, data loading,
 * and the training record written as JSON.
 */
abstract class ShallowCommand {
    static final long DEFAULT_SEED = 356;

    @Spec CommandSpec spec;
    @Mixin OutputOptions output;
    @Mixin RunOptions run;
    @Mixin DistributedOptions distributed;

    @Option(names = "--hidden", paramLabel = "SIZES", defaultValue = "10",
            description = "Hidden layer sizes, comma-separated, e.g. 10 or 20,10 "
                    + "(default: ${DEFAULT-VALUE}).")
    String hidden;

    @Option(names = "--train-fcn", paramLabel = "NAME", defaultValue = "trainscg",
            description = "Training function: trainscg, traingd, traingdm, traingda, traingdx "
                    + "or trainrp (default: ${DEFAULT-VALUE}).")
    String trainFcn;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Maximum iterations, trainParam.epochs (default 1000).")
    Integer epochs;

    @Option(names = "--max-fail", paramLabel = "N",
            description = "Validation failures that stop training, trainParam.max_fail "
                    + "(default 6; 0 merges the validation set into training).")
    Integer maxFail;

    @Option(names = "--min-grad", paramLabel = "X",
            description = "Gradient norm that stops training (default 1e-6 for trainscg, "
                    + "else 1e-5).")
    Double minGrad;

    @Option(names = "--goal", paramLabel = "X", description = "Performance goal (default 0).")
    Double goal;

    @Option(names = "--learn-rate", paramLabel = "X",
            description = "trainParam.lr of the gradient-descent functions (default 0.01).")
    Double learnRate;

    @Option(names = "--show", paramLabel = "N", defaultValue = "25",
            description = "Epochs between status lines (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--divide", paramLabel = "TRAIN,VAL,TEST", defaultValue = "0.7,0.15,0.15",
            description = "dividerand ratios (default: ${DEFAULT-VALUE}).")
    String divide;

    @Option(names = "--divide-fcn", paramLabel = "NAME", defaultValue = "dividerand",
            description = "dividerand or divideblock (default: ${DEFAULT-VALUE}).")
    String divideFcn;

    /** The hidden sizes of {@code --hidden}. */
    int[] hiddenSizes() {
        try {
            int[] sizes = Arrays.stream(hidden.split(",")).map(String::trim)
                    .mapToInt(Integer::parseInt).toArray();
            for (int s : sizes) {
                if (s < 1) {
                    throw new NumberFormatException();
                }
            }
            return sizes;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--hidden must be whole "
                    + "numbers of at least 1 separated by commas, e.g. 10 or 20,10, got '" + hidden
                    + "'");
        }
    }

    /**
     * Checks that the network of {@code --hidden} fits in memory buffers for {@code inputs}
     * features, {@code outputs} outputs and {@code rows} observations, before any of it is
     * allocated (as {@link Options#networkFits} does for train).
     *
     * @throws IllegalArgumentException naming {@code --hidden} and the layer that does not fit
     */
    void networkFits(int inputs, int outputs, int rows) {
        int[] hiddenSizes = hiddenSizes();
        int[] sizes = new int[hiddenSizes.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hiddenSizes, 0, sizes, 1, hiddenSizes.length);
        sizes[sizes.length - 1] = outputs;
        try {
            ShallowModel.checkSize(sizes, rows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--hidden " + hidden + ": the network cannot be"
                    + " built: " + e.getMessage() + "; give smaller layers", e);
        }
    }

    /** Applies the training and division options to {@code net}. */
    void configure(ShallowNetwork net) {
        TrainParam param = net.trainParam();
        if (epochs != null) {
            setParam("--epochs", "epochs", () -> param.epochs(epochs));
        }
        if (maxFail != null) {
            setParam("--max-fail", "max_fail", () -> param.maxFail(maxFail));
        }
        if (minGrad != null) {
            setParam("--min-grad", "min_grad", () -> param.minGrad(minGrad));
        }
        if (goal != null) {
            setParam("--goal", "goal", () -> param.goal(goal));
        }
        if (learnRate != null) {
            if (!TrainingFunctions.hasLearnRate(net.trainFcn())) {
                throw new ParameterException(spec.commandLine(), "--learn-rate applies to "
                        + "traingd, traingdm, traingda and traingdx, not " + net.trainFcn());
            }
            if (!(learnRate > 0)) {
                throw new ParameterException(spec.commandLine(), "--learn-rate (lr) must be"
                        + " greater than 0, got " + Numbers.format(learnRate));
            }
            param.set("lr", learnRate);
        }
        if (show < 1) {
            throw new ParameterException(spec.commandLine(), "--show must be at least 1, got "
                    + show);
        }
        net.trainParam().show(show).showCommandLine(true);
        String[] parts = divide.split(",");
        double[] ratios = new double[3];
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            for (int i = 0; i < 3; i++) {
                ratios[i] = Options.finite(parts[i]);
            }
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--divide must be three ratios "
                    + "TRAIN,VAL,TEST such as 0.7,0.15,0.15, got '" + divide + "'");
        }
        ShallowNetwork.DivideFcn fcn = switch (divideFcn.toLowerCase(Locale.ROOT)) {
            case "dividerand" -> ShallowNetwork.DivideFcn.DIVIDERAND;
            case "divideblock" -> ShallowNetwork.DivideFcn.DIVIDEBLOCK;
            default -> throw new ParameterException(spec.commandLine(),
                    "--divide-fcn must be dividerand or divideblock, got '" + divideFcn + "'");
        };
        try {
            net.divide(fcn, ratios[0], ratios[1], ratios[2]);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--divide: " + e.getMessage());
        }
    }

    /**
     * Runs {@code set}, a setter of the trainParam field {@code field}; its message names
     * {@code option} then, with the field in parentheses.
     */
    private void setParam(String option, String field, Runnable set) {
        try {
            set.run();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String named = option.equals("--" + field) ? option : option + " (" + field + ")";
            throw new ParameterException(spec.commandLine(), message.startsWith(field + " ")
                    ? named + message.substring(field.length()) : message);
        }
    }

    /**
     * The training objective of {@code --spark}: its blocks loaded by the executors from what
     * {@code source} reads, one Spark job per evaluation; null without an evaluator.
     */
    ShallowTrainer.TrainingObjective trainingObjective(DistributedEvaluator evaluator,
            ShallowData.Reader source, int rows) {
        if (evaluator == null) {
            return null;
        }
        PrintWriter out = output.humanOutput(spec);
        return (net, trainInd) -> {
            ShardLoader loader = net.shardLoader(source, trainInd, rows);
            DistributedEvaluator.Shards shards = evaluator.open(loader);
            out.printf(Locale.ROOT, "Spark %s: %d training observations in %d blocks of %d, "
                    + "%d partitions%n", distributed.master, trainInd.length, loader.blocks(),
                    BlockSums.BLOCK_ROWS, shards.shards());
            out.flush();
            return new ShallowObjective(net.model(), net.regularization(), shards);
        };
    }

    /** Prints MATLAB's command-line lines to the human output. */
    ShallowTrainer.Listener printer() {
        PrintWriter out = output.humanOutput(spec);
        return new ShallowTrainer.Listener() {
            @Override
            public void line(String text) {
                out.println(text);
                out.flush();
            }
        };
    }

    /** A shallow run's network and record, and what its curves show. */
    record Trained(ShallowNetwork network, TrainingRecord record, Diagnosis diagnosis) {}

    /**
     * Trains {@code net} with MATLAB's lines on the human output, shown on {@code live} too
     * when it is not null, on {@code objective} (null: in memory); then prints the diagnosis of
     * the curves with its remedy (and shows it on {@code live}).
     */
    Trained train(ShallowNetwork net, double[] x, int rows, double[] t, int outputs,
            Rng rng, LiveView live, ShallowTrainer.TrainingObjective objective) {
        ShallowTraining result = live == null
                ? net.train(x, rows, t, outputs, rng, printer(), objective)
                : net.train(x, rows, t, outputs, rng, live.shallow(net, printer()), objective);
        TrainingRecord tr = result.record();
        Diagnosis diagnosis = diagnose(tr, result.network().performFcn(), t, outputs);
        ClassificationRun.printDiagnosis(diagnosis, output.humanOutput(spec));
        if (live != null) {
            live.finished(tr, diagnosis);
        }
        return new Trained(result.network(), tr, diagnosis);
    }

    /**
     * The diagnosis of {@code tr}'s perf and vperf against MATLAB's performance of predicting
     * the mean target of the training observations (docs/diagnosis.md).
     */
    static Diagnosis diagnose(TrainingRecord tr, PerformFcn fcn, double[] t, int outputs) {
        return Diagnoser.diagnose(Curves.of(tr),
                Baseline.meanTarget(fcn, t, outputs, tr.trainInd()));
    }

    /** Loads a CSV file, an IDX pair, an image folder, or the built-in digits. */
    static LabeledData load(Path data, Path labels, String labelColumn, int digitsPerClass,
            Rng rng) throws IOException {
        return loadLabelled(data, labels, labelColumn, digitsPerClass, rng).data();
    }

    /**
     * As {@link #load}, with the line that names a CSV file's label column ({@link
     * DataLoader#readCsv}).
     */
    static DataLoader.Loaded loadLabelled(Path data, Path labels, String labelColumn,
            int digitsPerClass, Rng rng) throws IOException {
        if (data == null) {
            ImageDatastore digits = BuiltinDigits.load();
            return new DataLoader.Loaded(
                    digits.splitEachLabel(rng, digitsPerClass).part(1).readAll(), null, "", "");
        }
        // As train reads --data: the same kinds, checks and messages.
        return DataLoader.load(data, labels, labelColumn);
    }

    /** The features as float64, row-major. */
    static double[] inputs(LabeledData data) {
        float[] f = data.features();
        double[] x = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            x[i] = f[i];
        }
        return x;
    }

    /** Rows {@code subset} of a row-major array with {@code cols} columns. */
    static double[] rows(double[] values, int cols, int[] subset) {
        double[] out = new double[subset.length * cols];
        for (int i = 0; i < subset.length; i++) {
            System.arraycopy(values, subset[i] * cols, out, i * cols, cols);
        }
        return out;
    }

    /** The training record as JSON-ready maps, with MATLAB's field names. */
    static Map<String, Object> recordJson(TrainingRecord tr) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("trainFcn", tr.trainFcn());
        map.put("trainParam", tr.trainParam());
        map.put("performFcn", tr.performFcn());
        map.put("performParam", Map.of("regularization", tr.regularization()));
        map.put("divideFcn", tr.divideFcn());
        map.put("divideMode", tr.divideMode());
        map.put("divideParam", tr.divideParam());
        map.put("trainInd", tr.trainInd());
        map.put("valInd", tr.valInd());
        map.put("testInd", tr.testInd());
        map.put("stop", tr.stop());
        map.put("num_epochs", tr.numEpochs());
        map.put("best_epoch", tr.bestEpoch());
        map.put("goal", tr.goal());
        map.put("states", tr.stateNames());
        map.put("epoch", tr.epoch());
        map.put("time", tr.time());
        map.put("perf", tr.perf());
        map.put("vperf", tr.vperf());
        map.put("tperf", tr.tperf());
        map.put("gradient", tr.gradient());
        map.put("val_fail", tr.valFail());
        tr.states().forEach(map::put);
        map.put("best_perf", tr.bestPerf());
        map.put("best_vperf", tr.bestVperf());
        map.put("best_tperf", tr.bestTperf());
        map.put("index_base", 0);
        return map;
    }
}
