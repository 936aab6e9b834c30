package dev.descent.cli;

import dev.descent.data.CsvReader;
import dev.descent.data.IdxReader;
import dev.descent.data.LabeledData;
import dev.descent.io.ModelFile;
import dev.descent.io.Preprocessing;
import dev.descent.nn.Network;
import dev.descent.tensor.Blas;
import dev.descent.train.Classification;
import dev.descent.train.Predictor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Labels data with a saved model, and reports the accuracy where the data has known labels. A
 * CSV file may have no label column: {@code --label-column none}, or as many columns as the
 * model has inputs; an IDX images file without {@code --labels} has none.
 */
@Command(
        name = "classify",
        description = {"Classifies the observations of --data with the network of --model and "
                + "prints one line per observation: its name or number and the predicted "
                + "label (with --scores, the score of every class in the model's class order). "
                + "When the data's labels are classes of the model, ends with the accuracy.",
                "A CSV file without labels is read as features only, with no accuracy: with "
                + "--label-column none, or when it has as many columns as the model has "
                + "inputs. So is an IDX images file without --labels."},
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class ClassifyCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "A model file written by digits or train.")
    Path model;

    @Option(names = "--data", paramLabel = "PATH", required = true,
            description = "An image folder, a CSV file or an IDX images file.")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "The IDX labels file that goes with IDX images (without it, the "
                    + "images are classified with no accuracy).")
    Path labels;

    @Option(names = "--label-column", paramLabel = "NAME|N|none",
            description = "CSV label column by header name or number from 1, or none for a "
                    + "file without labels (default: none when the file has as many columns as "
                    + "the model has inputs, else the first non-numeric column, else the "
                    + "first).")
    String labelColumn;

    @Option(names = "--scores", description = "Also print the score of every class.")
    boolean scores;

    @Mixin ThreadsOptions threads;

    @Option(names = "--json", description = "Print one JSON object on stdout instead.")
    boolean json;

    /**
     * The observations read: row-major features, the name of each row ({@code null} to number
     * them), and the labelled data, or {@code null} for a CSV file without labels.
     */
    record Observations(float[] features, int rows, int cols, List<String> names,
            LabeledData labelled) {}

    @Override
    public Integer call() throws IOException {
        if (Files.isDirectory(model)) {
            throw new IllegalArgumentException("--model " + model + ": is a folder; expected a "
                    + ModelFile.EXTENSION + " model file (train and digits write "
                    + RunFiles.MODEL_FILE + " into their --out folder)");
        }
        ModelFile.SavedModel saved = ModelFile.load(model);
        Network network = saved.network();
        if (!network.isClassification()) {
            throw new IllegalArgumentException(model + ": holds a regression network; classify "
                    + "needs a classification network");
        }
        Preprocessing preprocessing = saved.preprocessing();
        int expected = preprocessing != null ? preprocessing.inputSize() : network.inputSize();
        Observations observations = read(expected);
        float[] features = inputs(preprocessing, observations, expected);
        Blas.setThreads(threads.threads());
        Classification predicted = Predictor.classify(network, features, observations.rows(),
                network.inputSize());
        LabeledData labelled = observations.labelled();
        Accuracy accuracy = labelled == null ? null
                : Accuracy.of(predicted, labelled, network.classes());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.toString(toJson(observations, predicted, accuracy)));
        } else {
            print(out, observations, predicted, accuracy);
        }
        out.flush();
        return 0;
    }

    /**
     * Reads {@code --data}: a CSV file as features only with {@code --label-column none}, or
     * without {@code --label-column} when it has {@code expected} columns (with a label column
     * it would have one feature too few for the model); anything else with its labels.
     */
    Observations read(int expected) throws IOException {
        DataLoader.refuseSingleImage(data, "--data");
        boolean csv = Files.isRegularFile(data)
                && data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        boolean none = "none".equalsIgnoreCase(labelColumn);
        if (none && !csv) {
            throw new IllegalArgumentException("--label-column none: expected a CSV file in "
                    + "--data, found " + data + " (--label-column is for CSV files: an image"
                    + " folder's labels are its folder names, and IDX images without --labels"
                    + " are read without labels already)");
        }
        if (none || csv && labelColumn == null && CsvReader.columns(data) == expected) {
            CsvReader.Features read = CsvReader.readFeatures(data);
            return new Observations(read.values(), read.rows(), read.cols(), null, null);
        }
        if (Files.isRegularFile(data) && !csv && labels == null) {
            IdxReader.Images read = IdxReader.readImages(data);
            return new Observations(read.features(), read.rows(), read.cols(), null, null);
        }
        DataLoader.Loaded loaded;
        try {
            loaded = DataLoader.load(data, labels, labelColumn);
        } catch (IllegalArgumentException e) {
            // A file that fits the model neither with nor without a label column: its width is
            // the problem, not the label column guessed for it (all-numeric files took column 1).
            int columns = csv && labelColumn == null ? CsvReader.columns(data) : expected + 1;
            if (columns != expected + 1) {
                throw new IllegalArgumentException("--data " + data + ": " + columns
                        + " columns, but the model " + model + " takes " + expected
                        + " features (" + expected + " columns without labels, " + (expected + 1)
                        + " with a label column)");
            }
            throw e;
        }
        LabeledData read = loaded.data();
        return new Observations(read.features(), read.rows(), read.cols(), loaded.names(),
                read);
    }

    /** The network's inputs: the data through the model's preprocessing, if it has one. */
    float[] inputs(Preprocessing preprocessing, Observations data, int expected) {
        if (data.cols() != expected) {
            throw new IllegalArgumentException("--data " + this.data + ": "
                    + PredictCommand.count(data.cols(), "feature") + " per observation, but the"
                    + " model " + model + " takes " + expected);
        }
        float[] raw = data.features();
        if (preprocessing == null) {
            return raw;
        }
        double[] wide = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            wide[i] = raw[i];
        }
        double[] processed = preprocessing.apply(wide, data.rows());
        float[] narrow = new float[processed.length];
        for (int i = 0; i < processed.length; i++) {
            narrow[i] = (float) processed[i];
        }
        return narrow;
    }

    /**
     * The accuracy over the observations whose label is a class of the model (a label the model
     * does not know can never be predicted), with those labels and how many rows they skip.
     */
    record Accuracy(double percent, int counted, int skipped, List<String> unknown) {
        static Accuracy of(Classification predicted, LabeledData labelled,
                List<String> classes) {
            Set<String> unknown = new TreeSet<>();
            int counted = 0;
            int correct = 0;
            for (int i = 0; i < labelled.rows(); i++) {
                String label = labelled.classes().get(labelled.labels()[i]);
                if (!classes.contains(label)) {
                    unknown.add(label);
                    continue;
                }
                counted++;
                correct += label.equals(predicted.labelName(i)) ? 1 : 0;
            }
            double percent = counted == 0 ? Double.NaN : 100.0 * correct / counted;
            return new Accuracy(percent, counted, labelled.rows() - counted,
                    List.copyOf(unknown));
        }

        /** Why rows were left out of the accuracy. */
        String note() {
            return "Note: " + skipped + " of " + (counted + skipped) + " observations have labels"
                    + " the model does not know " + unknown + " (its classes come from its"
                    + " training data); " + (counted == 0 ? "no accuracy"
                            : "the accuracy is over the other " + counted);
        }
    }

    private String name(Observations loaded, int i) {
        return loaded.names() != null ? loaded.names().get(i) : Integer.toString(i + 1);
    }

    private void print(PrintWriter out, Observations loaded, Classification predicted,
            Accuracy accuracy) {
        if (scores) {
            out.println("observation\tlabel\t" + String.join("\t", predicted.classes()));
        }
        for (int i = 0; i < predicted.size(); i++) {
            StringBuilder line = new StringBuilder(name(loaded, i)).append('\t')
                    .append(predicted.labelName(i));
            if (scores) {
                for (int k = 0; k < predicted.classes().size(); k++) {
                    line.append('\t').append(String.format(Locale.ROOT, "%.6f",
                            predicted.score(i, k)));
                }
            }
            out.println(line);
        }
        if (accuracy != null && accuracy.counted() > 0) {
            out.printf(Locale.ROOT, "Accuracy: %.2f%% of %s%n", accuracy.percent(),
                    PredictCommand.count(accuracy.counted(), "observation"));
        }
        if (accuracy != null && !accuracy.unknown().isEmpty()) {
            out.println(accuracy.note());
        }
    }

    private Map<String, Object> toJson(Observations loaded, Classification predicted,
            Accuracy accuracy) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", model.toString());
        result.put("count", predicted.size());
        result.put("classes", predicted.classes());
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < predicted.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("observation", name(loaded, i));
            row.put("label", predicted.labelName(i));
            if (scores) {
                List<Double> values = new ArrayList<>();
                for (int k = 0; k < predicted.classes().size(); k++) {
                    values.add((double) predicted.score(i, k));
                }
                row.put("scores", values);
            }
            rows.add(row);
        }
        result.put("predictions", rows);
        boolean counted = accuracy != null && accuracy.counted() > 0;
        result.put("accuracy", counted ? accuracy.percent() : null);
        if (accuracy != null && !accuracy.unknown().isEmpty()) {
            result.put("accuracy_count", accuracy.counted());
            result.put("unknown_labels", accuracy.unknown());
            result.put("note", accuracy.note());
        }
        return result;
    }
}
