package dev.descent.cli;

import dev.descent.data.CsvReader;
import dev.descent.data.LabeledData;
import dev.descent.data.MalformedDataException;
import dev.descent.data.NoSuchColumnException;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFormatException;
import dev.descent.io.Preprocessing;
import dev.descent.nn.Network;
import dev.descent.tensor.Blas;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.train.Classification;
import dev.descent.train.Predictor;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code descent predict}: the outputs of a saved model for new data (MATLAB's {@code net(x)}
 * and {@code predict}, Keras's and PyTorch's {@code model.predict}), written to
 * {@code predictions.csv}. Reads {@code --data} as {@link ClassifyCommand} does; a regression
 * CSV may also hold the target column, which gives the RMSE.
 */
@Command(
        name = "predict",
        description = {"Applies the network of --model (train, digits, fitnet or patternnet) "
                + "to the observations of --data and writes " + PredictCommand.FILE + " into "
                + "--out: one row per observation, in the data's order.",
                "A regression model writes its outputs, headed y1..yK. A classification model "
                + "writes the predicted label, then the class scores (softmax outputs, summing "
                + "to 1), headed by the class names.",
                "--data is read as classify reads it. A regression CSV file may also hold the "
                + "target (by default the last column, when the file has one column more than "
                + "the model has inputs), and a classification CSV file its labels; then the "
                + "RMSE or the accuracy is printed too."},
        sortOptions = false,
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true)
final class PredictCommand implements Callable<Integer> {
    /** The file written into {@code --out}. */
    static final String FILE = "predictions.csv";
    /** The first column of {@code predictions.csv}, naming each row's observation. */
    static final String OBSERVATION = "observation";
    private static final int BATCH = 128;

    @Spec private CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "A model file written by train, digits, fitnet or patternnet.")
    Path model;

    @Option(names = "--data", paramLabel = "PATH", required = true,
            description = "A CSV file, an IDX images file or an image folder.")
    Path data;

    @Option(names = "--target", paramLabel = "NAME|N|none",
            description = "Regression models: the CSV target column by header name or number "
                    + "from 1, or none for features only (default: the last column when the "
                    + "file has one column more than the model has inputs, else none).")
    String target;

    @Option(names = "--label-column", paramLabel = "NAME|N|none",
            description = "Classification models: the CSV label column, as for classify.")
    String labelColumn;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Classification models: the IDX labels file that goes with IDX "
                    + "images.")
    Path labels;

    @Mixin OutFolder out;

    @Mixin ThreadsOptions threads;

    @Option(names = "--json", description = "Print one JSON object on stdout instead.")
    boolean json;

    /**
     * {@code --out} alone, checked before any work as {@link OutputOptions} checks it, after
     * {@code --model} and {@code --data} are known not to be empty: outside an image folder read
     * as {@code --data}, and with a {@code predictions.csv} that is neither file read.
     */
    static final class OutFolder implements CheckedOptions {
        @Option(names = "--out", paramLabel = "DIR", defaultValue = OutputOptions.DEFAULT_OUT,
                description = "Folder for " + FILE + ", created if missing (default: "
                        + "${DEFAULT-VALUE} in the current folder).")
        Path folder;

        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        @Override
        public void check() {
            // An empty --model or --data was refused before this, with every command's.
            PredictCommand command = (PredictCommand) mixee.userObject();
            OutputOptions.requireNotBlank("--out", folder);
            OutputOptions.requireOutside(folder, "--data", command.data);
            OutputOptions.checkFolder("--out", folder, folder, FILE);
            OutputOptions.requireWritableFile("--out", folder, FILE);
            requireNotRead(command.data, "--data");
            requireNotRead(command.model, "--model");
        }

        /** Refuses {@code --out} when its predictions.csv is {@code file}, read as option. */
        private void requireNotRead(Path file, String option) {
            Path written = folder.resolve(FILE);
            try {
                if (Files.exists(written) && Files.exists(file)
                        && Files.isSameFile(written, file)) {
                    throw new IllegalArgumentException("--out " + folder + ": " + written
                            + " is the " + option + " file; predict would write over it, give "
                            + "another --out");
                }
            } catch (IOException e) {
                // Unreadable: the read of option's file names the problem.
            }
        }
    }

    /**
     * What was predicted: the column names and row-major values of {@code predictions.csv},
     * and the figure against the known answers ({@code null} without them).
     */
    private record Result(List<String> columns, List<String[]> rows, Map<String, Object> score,
            String summary) {}

    @Override
    public Integer call() throws IOException {
        ModelFile.SavedModel saved = load();
        Network network = saved.network();
        boolean classification = network.isClassification();
        String misplaced = classification ? (target != null ? "--target" : null)
                : labelColumn != null ? "--label-column" : labels != null ? "--labels" : null;
        if (misplaced != null) {
            throw new IllegalArgumentException(misplaced + " applies to " + (classification
                    ? "regression" : "classification") + " models only, but --model " + model
                    + " holds a " + (classification ? "classification" : "regression")
                    + " network (use " + (classification ? "--label-column" : "--target")
                    + ")");
        }
        if (isCsv(data) && CsvReader.columns(data) == 0) {
            throw new IllegalArgumentException("--data " + data + ": the file is empty; give one"
                    + " line per observation (after a header line, if any)");
        }
        Blas.setThreads(threads.threads());
        Result result = classification ? classify(saved) : regress(saved);

        Path folder = out.folder.normalize();
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE);
        AtomicFiles.write(file, stream -> {
            Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            writeCsv(writer, result);
            writer.flush();
        });
        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("command", "predict");
            object.put("model", model.toString());
            object.put("kind", classification ? "classification" : "regression");
            object.put("count", result.rows().size());
            object.put("outputs", network.outputSize());
            object.put("columns", result.columns());
            object.putAll(result.score());
            object.put("out", folder.toString());
            object.put("files", List.of(file.toString()));
            printer.println(Json.toString(object));
        } else {
            printer.println(result.summary());
            printer.println("Wrote " + FILE + " to " + folder);
        }
        printer.flush();
        return 0;
    }

    /** The model of {@code --model}; a file that is not one is named by the option. */
    private ModelFile.SavedModel load() throws IOException {
        if (!Files.exists(model)) {
            throw new IllegalArgumentException("--model " + model + ": no such file");
        }
        if (Files.isDirectory(model)) {
            throw new IllegalArgumentException("--model " + model + ": is a folder; expected a "
                    + ModelFile.EXTENSION + " model file (train, digits, fitnet and patternnet"
                    + " write one into their --out folder)");
        }
        try {
            return ModelFile.load(model);
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException("--model " + e.getMessage(), e);
        }
    }

    /** A reader of {@code --data} as classify reads it. */
    private ClassifyCommand reader(String column, Path labelsFile) {
        ClassifyCommand reader = new ClassifyCommand();
        reader.model = model;
        reader.data = data;
        reader.labels = labelsFile;
        reader.labelColumn = column;
        return reader;
    }

    private static boolean isCsv(Path file) {
        return Files.isRegularFile(file)
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** {@code n} and {@code noun}, plural unless {@code n} is 1: "1 column", "2 columns". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * The name of observation {@code i}: its file relative to an image folder, else its
     * number from 1 (in an IDX file, or among a CSV file's data lines).
     */
    private static String name(List<String> names, int i) {
        return names != null ? names.get(i) : Integer.toString(i + 1);
    }

    private static int expectedInputs(ModelFile.SavedModel saved) {
        Preprocessing preprocessing = saved.preprocessing();
        return preprocessing != null ? preprocessing.inputSize()
                : saved.network().inputSize();
    }

    /**
     * Labels as classify computes them, and the class scores in the network's precision: those
     * of a float64 network (patternnet) from its float64 outputs, not classify's float32 copy.
     */
    private Result classify(ModelFile.SavedModel saved) throws IOException {
        Network network = saved.network();
        int expected = expectedInputs(saved);
        ClassifyCommand reader = reader(labelColumn, labels);
        ClassifyCommand.Observations observations = reader.read(expected);
        float[] features = reader.inputs(saved.preprocessing(), observations, expected);
        Classification predicted = Predictor.classify(network, features, observations.rows(),
                network.inputSize());
        List<String> classes = network.classes();
        boolean single = network.precision() == Precision.FLOAT32;
        double[] wide = single ? null
                : outputs(saved, observations.features(), observations.rows());
        List<String> columns = new ArrayList<>(List.of(OBSERVATION, "label"));
        columns.addAll(classes);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < predicted.size(); i++) {
            String[] row = new String[classes.size() + 2];
            row[0] = name(observations.names(), i);
            row[1] = predicted.labelName(i);
            for (int k = 0; k < classes.size(); k++) {
                row[k + 2] = single ? Json.number(predicted.score(i, k))
                        : Json.number(wide[i * classes.size() + k]);
            }
            rows.add(row);
        }
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
                "Predicted %s with the classification network of %s (%s)",
                count(rows.size(), "observation"), model, classes.size()
                        + (classes.size() == 1 ? " class" : " classes")));
        Map<String, Object> score = new LinkedHashMap<>();
        LabeledData labelled = observations.labelled();
        ClassifyCommand.Accuracy accuracy = labelled == null ? null
                : ClassifyCommand.Accuracy.of(predicted, labelled, classes);
        boolean counted = accuracy != null && accuracy.counted() > 0;
        score.put("accuracy", counted ? accuracy.percent() : null);
        if (counted) {
            summary.append(String.format(Locale.ROOT, "%nAccuracy: %.2f%% of %d observations",
                    accuracy.percent(), accuracy.counted()));
        }
        if (accuracy != null && !accuracy.unknown().isEmpty()) {
            summary.append(System.lineSeparator()).append(accuracy.note());
            score.put("accuracy_count", accuracy.counted());
            score.put("note", accuracy.note());
        }
        return new Result(columns, rows, score, summary.toString());
    }

    /** Outputs of a regression network, and the RMSE where --data holds the target. */
    private Result regress(ModelFile.SavedModel saved) throws IOException {
        Network network = saved.network();
        int expected = expectedInputs(saved);
        int outputs = network.outputSize();
        boolean csv = isCsv(data);
        if (target != null && !csv) {
            throw new IllegalArgumentException("--target applies to CSV files only, but --data "
                    + data + " is not one");
        }
        boolean none = "none".equalsIgnoreCase(target);
        int columns = csv && !none ? CsvReader.columns(data) : expected;
        boolean number = target != null && !target.isEmpty()
                && target.chars().allMatch(c -> c >= '0' && c <= '9');
        if (target != null && target.isBlank()) {
            throw new IllegalArgumentException("--target is empty; pass a column number from 1 "
                    + "to " + columns + ", a header name or none");
        }
        int targetColumn = number ? FitnetCommand.targetNumber(data, target) : 0;
        boolean withTarget = csv && !none && (target != null || columns == expected + 1);
        if (withTarget && outputs != 1) {
            String alone = "targets are read for one-output models only, so give " + (target
                    == null ? "" : "--data as ") + "a file of the " + count(expected,
                    "feature column") + " alone";
            throw new IllegalArgumentException(target == null ? "--data " + data + ": "
                    + count(columns, "column") + ", but the model " + model + " takes "
                    + count(expected, "feature") + " and has " + count(outputs, "output") + "; "
                    + alone : "--target " + target + ": the model " + model + " has "
                    + count(outputs, "output") + "; " + alone);
        }
        if (csv && !none && !withTarget && columns != expected) {
            throw new IllegalArgumentException("--data " + data + ": " + count(columns, "column")
                    + ", but the model " + model + " takes " + count(expected, "feature") + " ("
                    + count(expected, "column") + " without a target, " + (expected + 1)
                    + " with one)");
        }
        ClassifyCommand reader = reader(csv ? "none" : null, null);
        float[] raw;
        int rows;
        List<String> observationNames = null;
        double[] t = null;
        String targetName = null;
        if (withTarget) {
            String name = target == null || number ? null : target;
            int column = target == null ? columns : targetColumn;
            CsvReader.Labelled read;
            try {
                read = CsvReader.readTargets(data, name, column);
            } catch (NoSuchColumnException e) {
                throw new IllegalArgumentException("--target " + target + ": " + e.getMessage()
                        + "; pass a header name or a column number from 1 to " + columns, e);
            } catch (MalformedDataException e) {
                throw DataLoader.named("--data", data, e);
            }
            LabeledData loaded = read.data();
            reader.inputs(null, new ClassifyCommand.Observations(loaded.features(),
                    loaded.rows(), loaded.cols(), null, null), expected);
            raw = loaded.features();
            rows = loaded.rows();
            t = targets(loaded, read.labelColumn());
            targetName = "column " + read.labelColumn() + (read.labelHeader() == null ? ""
                    : " '" + read.labelHeader() + "'");
        } else {
            ClassifyCommand.Observations observations = reader.read(expected);
            reader.inputs(null, observations, expected);
            raw = observations.features();
            rows = observations.rows();
            observationNames = observations.names();
        }
        double[] y = outputs(saved, raw, rows);

        List<String> names = new ArrayList<>(List.of(OBSERVATION));
        for (int k = 1; k <= outputs; k++) {
            names.add("y" + k);
        }
        boolean single = network.precision() == Precision.FLOAT32;
        List<String[]> lines = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String[] row = new String[outputs + 1];
            row[0] = name(observationNames, i);
            for (int k = 0; k < outputs; k++) {
                double v = y[i * outputs + k];
                row[k + 1] = single ? Json.number((float) v) : Json.number(v);
            }
            lines.add(row);
        }
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
                "Predicted %s with the regression network of %s (%s)",
                count(rows, "observation"), model, count(outputs, "output")));
        Map<String, Object> score = new LinkedHashMap<>();
        score.put("target", targetName);
        Double mse = null;
        if (t != null) {
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                sum += (y[i] - t[i]) * (y[i] - t[i]);
            }
            mse = sum / rows;
            summary.append(String.format(Locale.ROOT, "%nRMSE %.6g (MSE %.6g) against %s of "
                    + "--data", Math.sqrt(mse), mse, targetName));
        }
        score.put("mse", mse);
        score.put("rmse", mse == null ? null : Math.sqrt(mse));
        return new Result(names, lines, score, summary.toString());
    }

    /** The target column's values, which must be numbers. */
    private double[] targets(LabeledData loaded, int column) {
        double[] t = new double[loaded.rows()];
        for (int i = 0; i < t.length; i++) {
            String text = loaded.labelName(i);
            try {
                t[i] = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                t[i] = Double.NaN;
            }
            if (!Double.isFinite(t[i])) {
                throw new IllegalArgumentException("--data " + data + ": target column " + column
                        + " must hold finite numbers, data row " + (i + 1) + " has '" + text
                        + "'");
            }
        }
        return t;
    }

    /**
     * The network's outputs for {@code rows} raw observations, row-major: the features widened
     * to float64 through the model's preprocessing, then the network in its own precision, so
     * that a float64 (fitnet) model gives what MATLAB's {@code net(x)} gives, not float32.
     */
    private static double[] outputs(ModelFile.SavedModel saved, float[] raw, int rows) {
        Network network = saved.network();
        double[] x = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = raw[i];
        }
        if (saved.preprocessing() != null) {
            x = saved.preprocessing().apply(x, rows);
        }
        int cols = network.inputSize();
        int k = network.outputSize();
        double[] y = new double[rows * k];
        for (int from = 0; from < rows; from += BATCH) {
            int count = Math.min(BATCH, rows - from);
            Matrix batch = Matrix.of(network.precision(), count, cols,
                    Arrays.copyOfRange(x, from * cols, (from + count) * cols));
            Matrix result = network.forward(batch, false);
            for (int i = 0; i < count * k; i++) {
                y[from * k + i] = result.getFlat(i);
            }
        }
        return y;
    }

    private static void writeCsv(Writer writer, Result result) throws IOException {
        writeLine(writer, result.columns().toArray(String[]::new));
        for (String[] row : result.rows()) {
            writeLine(writer, row);
        }
    }

    /** One RFC 4180 line: fields with a comma, quote or line break are quoted. */
    private static void writeLine(Writer writer, String[] fields) throws IOException {
        for (int j = 0; j < fields.length; j++) {
            String field = fields[j];
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                    || field.indexOf('\r') >= 0) {
                field = '"' + field.replace("\"", "\"\"") + '"';
            }
            writer.write(j == 0 ? field : "," + field);
        }
        writer.write("\n");
    }
}
