package dev.descent.cli;

import dev.descent.data.CsvReader;
import dev.descent.data.LabeledData;
import dev.descent.data.MalformedDataException;
import dev.descent.data.NoSuchColumnException;
import dev.descent.io.ModelFile;
import dev.descent.optim.batch.DistributedEvaluator;
import dev.descent.shallow.ShallowData;
import dev.descent.shallow.ShallowExport;
import dev.descent.shallow.ShallowNetwork;
import dev.descent.shallow.TrainingRecord;
import dev.descent.util.Rng;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code descent fitnet}: MATLAB's shallow function-fitting workflow on a CSV file. */
@Command(
        name = "fitnet",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Trains a shallow regression network as MATLAB's fitnet: tansig hidden layers, a "
                    + "purelin output, mse, inputs and targets through mapminmax, dividerand "
                    + "70/15/15, early stopping; trainscg by default (MATLAB's trainlm is not "
                    + "available). Writes performance.png, trainstate.png and "
                    + "training-record.json. Default seed 356."
        })
public final class FitnetCommand extends ShallowCommand
        implements Callable<Integer>, OutputFiles {
    static final String RECORD_FILE = "training-record.json";
    static final String MODEL_FILE = "fitnet.descent";

    @Option(names = "--data", paramLabel = "FILE", required = true,
            description = "A CSV file of numbers.")
    Path data;

    @Option(names = "--target", paramLabel = "NAME|N",
            description = "The target column by header name or 1-based number (default: the "
                    + "last column).")
    String target;

    @Override
    public List<String> outputFiles() {
        List<String> names = new ArrayList<>(List.of(RECORD_FILE, MODEL_FILE));
        if (output.writesPictures()) {
            names.addAll(List.of(ShallowPlots.PERFORMANCE, ShallowPlots.TRAIN_STATE));
        }
        return names;
    }

    @Override
    public Integer call() throws Exception {
        distributed.check();
        checkData(data);
        ShallowNetwork net = ShallowNetwork.fitnet(hiddenSizes(), trainFcn);
        configure(net);
        try (LiveView live = output.startLive(spec)) {
            return train(net, live);
        }
    }

    private int train(ShallowNetwork net, LiveView live) throws Exception {
        ShallowSource source = ShallowSource.fitnet(data, target);
        ShallowData read = DataLoader.utf8("--data", data, () -> read(data, target));
        int n = read.rows();
        int f = read.x().length / Math.max(n, 1);
        networkFits(f, 1, n);
        double[] t = read.t();
        double[] x = read.x();
        Rng rng = new Rng(run.seed(DEFAULT_SEED));
        PrintWriter human = output.humanOutput(spec);
        human.printf(Locale.ROOT, "Data: %d observations, %d features%n", n, f);
        Trained result;
        try (DistributedEvaluator evaluator = distributed.open()) {
            result = train(net, x, n, t, 1, rng, live, trainingObjective(evaluator, source, n));
        }
        TrainingRecord tr = result.record();
        double[] y = result.network().predict(x, n);

        Map<String, Double> rmse = new LinkedHashMap<>();
        String[] names = {"train", "val", "test"};
        int[][] sets = {tr.trainInd(), tr.valInd(), tr.testInd()};
        for (int s = 0; s < 3; s++) {
            rmse.put(names[s], rmse(y, t, sets[s]));
        }
        double r2 = rSquared(y, t, tr.testInd());

        Path out = output.outDirectory();
        List<String> files = new ArrayList<>();
        AtomicFiles.writeString(out.resolve(RECORD_FILE),
                Json.toString(recordJson(tr)) + "\n");
        files.add(RECORD_FILE);
        ModelFile.write(out.resolve(MODEL_FILE),
                ShallowExport.savedModel(result.network(), List.of()));
        files.add(MODEL_FILE);
        if (output.writesPictures()) {
            ShallowPlots.writePerformance(tr, result.network().performFcn(), result.diagnosis(),
                    out.resolve(ShallowPlots.PERFORMANCE));
            ShallowPlots.writeTrainState(tr, out.resolve(ShallowPlots.TRAIN_STATE));
            files.addAll(List.of(ShallowPlots.PERFORMANCE, ShallowPlots.TRAIN_STATE));
        }
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("command", "fitnet");
            json.put("hidden", hiddenSizes());
            json.put("train_fcn", tr.trainFcn());
            json.put("perform_fcn", tr.performFcn());
            json.put("seed", run.seed(DEFAULT_SEED));
            json.put("epochs", tr.numEpochs());
            json.put("best_epoch", tr.bestEpoch());
            json.put("stop_reason", tr.stop());
            json.put("perf", tr.bestPerf());
            json.put("vperf", tr.bestVperf());
            json.put("tperf", tr.bestTperf());
            json.put("train_rmse", rmse.get("train"));
            json.put("val_rmse", rmse.get("val"));
            json.put("test_rmse", rmse.get("test"));
            json.put("test_r2", r2);
            json.put("train_count", tr.trainInd().length);
            json.put("val_count", tr.valInd().length);
            json.put("test_count", tr.testInd().length);
            RunFiles.putDiagnosis(json, result.diagnosis());
            json.put("out", out.toString());
            json.put("files",
                    files.stream().map(name -> out.resolve(name).toString()).toList());
            spec.commandLine().getOut().println(Json.toString(json));
        } else {
            human.println(ShallowPlots.performanceTitle(tr) + " (mse)");
            human.printf(Locale.ROOT, "RMSE: training %.6g, validation %.6g, test %.6g; "
                    + "test R^2 %.4f%n", rmse.get("train"), rmse.get("val"), rmse.get("test"),
                    r2);
            human.println("Wrote " + String.join(", ", files) + " to " + out);
        }
        human.flush();
        return 0;
    }

    /**
     * The inputs and the numeric target column of a CSV file ({@code column} by header name or
     * 1-based number, default the last); also what a Spark executor runs.
     */
    static ShallowData read(Path data, String target) throws IOException {
        LabeledData loaded;
        String column = target;
        if (column != null && column.isBlank()) {
            throw new IllegalArgumentException("--target is empty; pass a column number from 1"
                    + " or a header name (default: the last column)");
        }
        if (column == null) {
            column = Integer.toString(columnCount(data));
        }
        try {
            if (!column.isEmpty() && column.chars().allMatch(c -> c >= '0' && c <= '9')) {
                int number = targetNumber(data, column);
                loaded = CsvReader.readTargets(data, null, number).data();
            } else {
                loaded = CsvReader.readTargets(data, column, 0).data();
            }
        } catch (NoSuchColumnException e) {
            int columns = columnCount(data);
            throw new IllegalArgumentException("--target " + column + ": " + e.getMessage()
                    + "; pass a header name or a column number from 1 to " + columns, e);
        } catch (MalformedDataException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw e;
            }
            throw DataLoader.named("--data", data, e);
        }
        int n = loaded.rows();
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Double.parseDouble(loaded.labelName(i));
        }
        return new ShallowData(inputs(loaded), n, t);
    }

    /**
     * Refuses a {@code --data} that is missing, a folder or an IDX file, as patternnet does;
     * text that is not UTF-8 is refused naming --data and its line when the file is read.
     *
     * @throws IllegalArgumentException naming {@code --data} and the file
     */
    static void checkData(Path data) throws IOException {
        if (!Files.exists(data)) {
            throw new IllegalArgumentException("--data " + data + ": no such file or folder");
        }
        String expected = "; fitnet reads a CSV file of numbers";
        if (Files.isDirectory(data)) {
            throw new IllegalArgumentException("--data " + data + ": a folder, not a file"
                    + expected);
        }
        DataLoader.refuseSingleImage(data, "--data");
        byte[] start = new byte[3];
        int read;
        try (InputStream in = Files.newInputStream(data)) {
            read = in.readNBytes(start, 0, 3);
        }
        if (read == 3 && start[0] == 0 && start[1] == 0 && start[2] == 8) {
            throw new IllegalArgumentException("--data " + data + ": an IDX file (it starts"
                    + " with the IDX magic number 00 00 08), not text" + expected);
        }
    }

    /**
     * The column number {@code column} (digits only) of {@code --target}, checked against the
     * columns of {@code data}.
     *
     * @throws IllegalArgumentException naming {@code --target}, the column count and what to pass
     */
    static int targetNumber(Path data, String column) throws IOException {
        int columns = columnCount(data);
        int number;
        try {
            number = Integer.parseInt(column);
        } catch (NumberFormatException e) {
            number = Integer.MAX_VALUE; // more digits than any file has columns
        }
        if (number < 1 || number > columns) {
            throw new IllegalArgumentException("--target " + column + ": " + data + " has "
                    + columns + (columns == 1 ? " column" : " columns") + "; pass a column "
                    + "number from 1 to " + columns + " or a header name (default: the last, "
                    + columns + ")");
        }
        return number;
    }

    /** Number of fields on the first non-blank line. */
    private static int columnCount(Path file) throws IOException {
        int columns = CsvReader.columns(file);
        if (columns == 0) {
            throw new IllegalArgumentException(file + ": the file is empty");
        }
        return columns;
    }

    static double rmse(double[] y, double[] t, int[] subset) {
        if (subset.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i : subset) {
            sum += (y[i] - t[i]) * (y[i] - t[i]);
        }
        return Math.sqrt(sum / subset.length);
    }

    /** 1 - SSE / SST on {@code subset}; NaN when it has fewer than 2 observations. */
    static double rSquared(double[] y, double[] t, int[] subset) {
        if (subset.length < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i : subset) {
            mean += t[i];
        }
        mean /= subset.length;
        double sse = 0;
        double sst = 0;
        for (int i : subset) {
            sse += (y[i] - t[i]) * (y[i] - t[i]);
            sst += (t[i] - mean) * (t[i] - mean);
        }
        return sst == 0 ? Double.NaN : 1 - sse / sst;
    }
}
