package dev.descent.cli;

import dev.descent.data.LabeledData;
import dev.descent.diagnose.Diagnosis;
import dev.descent.eval.ConfusionMatrix;
import dev.descent.io.ModelFile;
import dev.descent.train.Classification;
import dev.descent.train.IterationRecord;
import dev.descent.train.Predictor;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingHistory;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files a classification run leaves in its output folder, and its JSON summary. */
record RunFiles(List<Path> written) {
    /** Seed offset of the stream that picks the images of the prediction grid. */
    private static final long PICTURE_STREAM = 0x5eed_9a11L;

    /**
     * Writes {@code history.csv} and, when {@code output} asks for pictures, the training
     * progress, the prediction grid (for image data) and the confusion chart of {@code test},
     * the data the accuracy is on, named by {@code testName} (such as "Validation data").
     */
    static RunFiles write(Path out, Trainer.Result result, LabeledData test, String testName,
            Classification predicted, Diagnosis diagnosis, OutputOptions output, long seed)
            throws IOException {
        List<Path> written = new ArrayList<>();
        Path history = out.resolve(HistoryCsv.FILE_NAME);
        HistoryCsv.write(result.history(), history);
        written.add(history);
        if (output.writesPictures()) {
            Path progress = out.resolve(TrainingProgressPlot.FILE_NAME);
            TrainingProgressPlot.write(result.history(), TrainingProgressPlot.caption(diagnosis),
                    progress);
            written.add(progress);
            if (test.isImages() && test.rows() > 0) {
                Path grid = out.resolve(PredictionGrid.FILE_NAME);
                int[] rows = PredictionGrid.choose(test.rows(), new Rng(seed ^ PICTURE_STREAM));
                PredictionGrid.write(grid, test, predicted, rows);
                written.add(grid);
            }
            Path confusion = out.resolve(ConfusionPlot.FILE_NAME);
            ConfusionMatrix matrix = ConfusionMatrix.of(
                    Predictor.labelsIn(predicted.classes(), test), predicted.labels(),
                    predicted.classes());
            ConfusionPlot.write(confusion, matrix, testName);
            written.add(confusion);
        }
        return new RunFiles(written);
    }

    /** The model file's name in the output folder. */
    static final String MODEL_FILE = "model" + ModelFile.EXTENSION;

    /** The names of the files a run may write: {@link #write}'s and {@link #writeModel}'s. */
    static List<String> fileNames(boolean pictures) {
        List<String> names = new ArrayList<>(List.of(HistoryCsv.FILE_NAME, MODEL_FILE));
        if (pictures) {
            names.addAll(List.of(TrainingProgressPlot.FILE_NAME, PredictionGrid.FILE_NAME,
                    ConfusionPlot.FILE_NAME));
        }
        return names;
    }

    /** Writes the returned network with its training summary to {@link #MODEL_FILE}. */
    static Path writeModel(Path out, Trainer.Result result, TrainingOptions options)
            throws IOException {
        TrainingHistory history = result.history();
        IterationRecord last = history.last();
        String reason = history.stopReason() == null ? "" : history.stopReason().message();
        ModelFile.TrainingSummary summary = new ModelFile.TrainingSummary(options, reason,
                last == null ? 0 : last.epoch(), last == null ? 0 : last.iteration());
        Path file = out.resolve(MODEL_FILE);
        ModelFile.write(file, new ModelFile.SavedModel(result.network(), null, summary));
        return file;
    }

    /** Adds a file written by the caller. */
    void add(Path file) {
        written.add(file);
    }

    /** The file names, for the human summary. */
    List<String> names() {
        return written.stream().map(p -> p.getFileName().toString()).toList();
    }

    /** The paths as text, for the JSON summary. */
    List<String> paths() {
        return written.stream().map(Path::toString).toList();
    }

    /**
     * The keys every classification run reports in its JSON object; accuracies are in percent,
     * as in the verbose table and MATLAB's training info.
     */
    static Map<String, Object> summary(TrainingHistory history, double testAccuracy,
            int trainCount, int testCount, double seconds, Diagnosis diagnosis) {
        Map<String, Object> json = new LinkedHashMap<>();
        IterationRecord last = history.last();
        json.put("test_accuracy", testAccuracy);
        json.put("epochs", last == null ? 0 : last.epoch());
        json.put("iterations", last == null ? 0 : last.iteration());
        json.put("stop_reason", history.stopReason() == null ? null
                : history.stopReason().message());
        if (history.stopReason() != null && !history.stopReason().hint().isEmpty()) {
            json.put("hint", history.stopReason().hint());
        }
        json.put("best_iteration", history.bestIteration());
        json.put("best_validation_loss", finiteOrNull(history.bestValidationLoss()));
        json.put("output_network", history.outputNetwork());
        json.put("final_training_loss", last == null ? null : finiteOrNull(last.trainingLoss()));
        IterationRecord validation = history.lastValidation();
        json.put("final_validation_loss",
                validation == null ? null : finiteOrNull(validation.validationLoss()));
        json.put("train_count", trainCount);
        json.put("test_count", testCount);
        json.put("seconds", seconds);
        putDiagnosis(json, diagnosis);
        return json;
    }

    /**
     * The keys of a diagnosis in every command's JSON object: {@code diagnosis} (the label),
     * {@code fit}, {@code learn_rate_regime}, {@code remedy}, {@code diagnosis_explanation}.
     */
    static void putDiagnosis(Map<String, Object> json, Diagnosis diagnosis) {
        json.put("diagnosis", diagnosis.label());
        json.put("fit", diagnosis.fit().label());
        json.put("learn_rate_regime", diagnosis.rate().label());
        json.put("remedy", diagnosis.remedy());
        json.put("diagnosis_explanation", diagnosis.explanation());
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
