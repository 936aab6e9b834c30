package dev.descent.cli;

import dev.descent.data.BuiltinDigits;
import dev.descent.data.DataTooLargeException;
import dev.descent.data.DatastoreSplit;
import dev.descent.data.ImageDatastore;
import dev.descent.data.LabeledData;
import dev.descent.diagnose.Diagnosis;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.Layers;
import dev.descent.train.IterationRecord;
import dev.descent.train.TrainingHistory;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The lesson's digits run as a function of plain settings: take {@code perClass} images of each
 * label, split each label 80/20 (the test part is also the validation data), train 784 -> hidden
 * (ReLU, dropout) -> classes (softmax) and classify the test part. {@code digits} makes one run
 * with the verbose table; {@code sweep} and {@code lr-regimes} make many through {@link
 * #summarise}, which a {@link dev.descent.experiment.RunExecutor} can call anywhere.
 */
final class DigitsRun {
    static final double TRAIN_FRACTION = 0.8;

    private DigitsRun() {}

    /**
     * Everything that decides a run's numbers (with the thread count of the products).
     *
     * @param data image folder, or {@code null} for the built-in digits
     * @param patience validations without improvement before stopping (may be infinite)
     * @param objectiveMetric what patience and the best network watch
     */
    record Settings(int perClass, int hidden, double learnRate, String solver, int epochs,
            int batch, double dropout, int validationFrequency, double patience,
            TrainingOptions.ObjectiveMetric objectiveMetric, String data, long seed)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** @throws IllegalArgumentException naming the option of the first bad value */
        void check() {
            Options.atLeast("--per-class", perClass, 2);
            Options.atLeast("--hidden", hidden, 1);
            Options.dropout("--dropout", dropout);
            trainingOptions();
        }

        /** MATLAB's training options of this run. */
        TrainingOptions trainingOptions() {
            try {
                return TrainingOptions.builder(solver)
                        .initialLearnRate(learnRate)
                        .maxEpochs(epochs)
                        .miniBatchSize(batch)
                        .validationFrequency(validationFrequency)
                        .validationPatience(patience)
                        .objectiveMetric(objectiveMetric)
                        .seed(seed)
                        .build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Options.asOption(e.getMessage()), e);
            }
        }

        /** The network's layers for {@code inputs} features and {@code classes} labels. */
        List<LayerSpec> layers(int inputs, int classes) {
            return List.of(
                    Layers.featureInput(inputs),
                    Layers.fullyConnected(hidden),
                    Layers.relu(),
                    Layers.dropout(dropout),
                    Layers.fullyConnected(classes),
                    Layers.softmax(),
                    Layers.classification());
        }
    }

    /** The training and test parts of the run. */
    record Split(LabeledData train, LabeledData test) {}

    /** What one run produced, with its diagnosis. */
    record Trained(Split split, List<LayerSpec> layers, TrainingOptions options,
            ClassificationRun.Outcome outcome) {
        Diagnosis diagnosis() {
            return outcome.diagnosis();
        }
    }

    /**
     * The plain result of a run, for tables and small pictures.
     *
     * @param testAccuracy percent of the test part classified correctly
     * @param stopReason MATLAB's words for how training ended
     * @param diagnosis {@link Diagnosis#label()}
     * @param baseline the loss of predicting the class frequencies, the diagnosis' yardstick
     */
    record Summary(Settings settings, double testAccuracy, int bestIteration, int epochs,
            int iterations, String stopReason, String diagnosis, String fit, String rate,
            String remedy, double baseline, double seconds, Curves curves)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The loss curves of a run: every iteration's training loss, and the validations. */
    record Curves(int iterationsPerEpoch, int maxIterations, double[] iterations,
            double[] training, double[] validationIterations, double[] validation)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        static Curves of(TrainingHistory history) {
            List<IterationRecord> records = history.records();
            List<IterationRecord> validated = history.validationRecords();
            return new Curves(history.iterationsPerEpoch(), history.maxIterations(),
                    records.stream().mapToDouble(IterationRecord::iteration).toArray(),
                    records.stream().mapToDouble(IterationRecord::trainingLoss).toArray(),
                    validated.stream().mapToDouble(IterationRecord::iteration).toArray(),
                    validated.stream().mapToDouble(IterationRecord::validationLoss).toArray());
        }
    }

    /** The images of {@code data}: the built-in digits when {@code null}. */
    static ImageDatastore images(String data) throws IOException {
        if (data != null && !Files.isDirectory(Path.of(data))) {
            throw new IllegalArgumentException("--data " + data + ": "
                    + (Files.exists(Path.of(data)) ? "not a folder" : "no such folder")
                    + "; give an image folder with one sub-folder per label");
        }
        return data == null ? BuiltinDigits.load() : ImageDatastore.fromFolder(Path.of(data));
    }

    /**
     * Takes {@code perClass} images of each label and splits them 80/20, from the data stream
     * of the seed.
     *
     * @throws IllegalArgumentException if the data has fewer than 2 labels or a label has fewer
     *     than {@code perClass} images
     */
    static Split split(ImageDatastore images, Settings settings) throws IOException {
        Map<String, Integer> counts = images.countEachLabel();
        if (counts.size() < 2) {
            throw new IllegalArgumentException((settings.data() == null ? "the data"
                    : settings.data()) + ": needs images of at least 2 labels (one sub-folder"
                    + " per label), found " + counts.size() + " " + counts.keySet());
        }
        int smallest = Collections.min(counts.values());
        if (settings.perClass() > smallest) {
            String label = counts.entrySet().stream().filter(e -> e.getValue() == smallest)
                    .findFirst().orElseThrow().getKey();
            throw new IllegalArgumentException("--per-class must be at most " + smallest
                    + " (label " + label + " has " + smallest + " images), got "
                    + settings.perClass());
        }
        Rng rng = Streams.data(settings.seed());
        ImageDatastore subset = images.splitEachLabel(rng, settings.perClass()).part(1);
        DatastoreSplit parts = subset.splitEachLabel(rng, TRAIN_FRACTION);
        try {
            return new Split(parts.part(1).readAll(), parts.part(2).readAll());
        } catch (DataTooLargeException e) {
            throw DataLoader.tooLarge("--data", Path.of(settings.data()), e);
        }
    }

    /**
     * The network of {@code settings} for {@code split}.
     *
     * @throws IllegalArgumentException naming {@code --hidden} if it cannot be built, and
     *     {@code --batch} too if the layers fit for one row
     */
    static List<LayerSpec> checkedLayers(Settings settings, Split split) {
        List<LayerSpec> layers = settings.layers(split.train().cols(),
                split.train().classes().size());
        TrainingOptions options = settings.trainingOptions();
        Options.networkFits("--hidden " + settings.hidden(),
                options.isFullBatch() ? null : "--batch " + settings.batch(), layers,
                ClassificationRun.precision(options),
                Math.min(options.miniBatchSize(), split.train().rows()));
        return layers;
    }

    /**
     * Trains the run of {@code settings} on {@code split}, printing the verbose table and the
     * diagnosis to {@code human}.
     *
     * @param live the live page to show the run on, or {@code null}
     */
    static Trained train(Settings settings, Split split, PrintWriter human,
            CheckpointOptions checkpoints, LiveView live) throws IOException {
        TrainingOptions options = settings.trainingOptions();
        List<LayerSpec> layers = checkedLayers(settings, split);
        ClassificationRun.Outcome outcome = ClassificationRun.run(layers, options,
                settings.seed(), split.train(), split.test(), null, checkpoints, human, live);
        return new Trained(split, layers, options, outcome);
    }

    /**
     * Makes the run of {@code settings} without printing and returns its summary: the run
     * function of sweeps. Uses the matrix products' current thread count.
     */
    static Summary summarise(Settings settings) throws IOException {
        Split split = split(images(settings.data()), settings);
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        Trained trained = train(settings, split, quiet, new CheckpointOptions(), null);
        TrainingHistory history = trained.outcome().result().history();
        IterationRecord last = history.last();
        Diagnosis diagnosis = trained.diagnosis();
        return new Summary(settings, trained.outcome().accuracy(), history.bestIteration(),
                last == null ? 0 : last.epoch(), last == null ? 0 : last.iteration(),
                history.stopReason() == null ? "" : history.stopReason().message(),
                diagnosis.label(), diagnosis.fit().label(), diagnosis.rate().label(),
                diagnosis.remedy(), diagnosis.figures().baseline(), trained.outcome().seconds(),
                Curves.of(history));
    }
}
