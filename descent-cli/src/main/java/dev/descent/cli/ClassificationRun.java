package dev.descent.cli;

import dev.descent.data.LabeledData;
import dev.descent.diagnose.Baseline;
import dev.descent.diagnose.Curves;
import dev.descent.diagnose.Diagnoser;
import dev.descent.diagnose.Diagnosis;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.train.Classification;
import dev.descent.train.Examples;
import dev.descent.train.Predictor;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingHistory;
import dev.descent.train.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/**
 * Trains a classification network with the verbose table on the console, then classifies the
 * evaluation data: the part of a command's work shared by {@code digits} and {@code train}.
 */
final class ClassificationRun {
    private ClassificationRun() {}

    /**
     * What a run produced.
     *
     * @param evaluated the data the accuracy is measured on (test data, else validation data,
     *     else the training data)
     * @param accuracy percent of {@code evaluated} classified correctly
     */
    record Outcome(Trainer.Result result, LabeledData evaluated, Classification predicted,
            double accuracy, double seconds, Diagnosis diagnosis) {}

    /**
     * Builds the network of {@code layers} with weights from {@code seed}, trains it and
     * evaluates it. After the verbose table, prints the diagnosis of the curves and its remedy,
     * against the loss of predicting the class frequencies of {@code train}.
     *
     * @param validation validation data, or {@code null}
     * @param test test data, or {@code null} to evaluate on the validation data
     * @param checkpoints the command's checkpoint and resume options
     * @param live the live page to show the run on, or {@code null}
     * @throws IOException if a checkpoint cannot be read or written
     */
    static Outcome run(List<LayerSpec> layers, TrainingOptions options, long seed,
            LabeledData train, LabeledData validation, LabeledData test,
            CheckpointOptions checkpoints, PrintWriter human, LiveView live) throws IOException {
        return run(layers, options, seed, train, validation, test, checkpoints, human, live,
                null);
    }

    /**
     * As {@link #run(List, TrainingOptions, long, LabeledData, LabeledData, LabeledData,
     * CheckpointOptions, PrintWriter, LiveView)}, with the full-batch training objective's
     * blocks held by {@code blocks} (for example on Spark), or in memory when {@code null}.
     */
    static Outcome run(List<LayerSpec> layers, TrainingOptions options, long seed,
            LabeledData train, LabeledData validation, LabeledData test,
            CheckpointOptions checkpoints, PrintWriter human, LiveView live,
            Trainer.TrainingBlocks blocks) throws IOException {
        long started = System.nanoTime();
        Precision precision = precision(options);
        if (options.isFullBatch() && layers.stream().anyMatch(
                l -> l instanceof LayerSpec.Dropout d && d.probability() > 0)) {
            human.println("Note: dropout is off with " + options.solver() + " (a full-batch "
                    + "training function needs the same loss at the same weights).");
        }
        Network network = Network.create(layers, precision, Streams.weights(seed),
                train.classes());
        Trainer trainer = new Trainer(options, new TrainingConsole(human));
        trainer.setTrainingBlocks(blocks);
        // A full-batch function's steps are epochs and some have no learning rate.
        Baseline baseline = Baseline.classFrequencies(train.countEachLabel());
        Function<TrainingHistory, Diagnosis> diagnose = history -> Diagnoser.diagnose(
                Curves.of(history, Curves.Method.of(options)), baseline);
        if (live != null) {
            live.attach(trainer, diagnose);
        }
        Trainer.Result result = checkpoints.train(trainer, network,
                Examples.classification(train),
                validation == null ? null : Examples.classification(validation));
        Diagnosis diagnosis = diagnose.apply(result.history());
        printDiagnosis(diagnosis, human);
        LabeledData evaluated = test != null ? test : validation != null ? validation : train;
        Classification predicted = Predictor.classify(result.network(), evaluated);
        double accuracy = Predictor.accuracy(predicted, evaluated);
        return new Outcome(result, evaluated, predicted, accuracy,
                (System.nanoTime() - started) / 1e9, diagnosis);
    }

    /**
     * The precision a run of {@code options} trains in: float64 for the full-batch functions,
     * which compare losses at nearby points (trainscg probes a step of 5e-5), as MATLAB's
     * shallow path (SPEC 4); float32 otherwise.
     */
    static Precision precision(TrainingOptions options) {
        return options.isFullBatch() ? Precision.FLOAT64 : Precision.FLOAT32;
    }

    /** "Diagnosis: ..." and "Remedy: ..." lines. */
    static void printDiagnosis(Diagnosis diagnosis, PrintWriter human) {
        human.println("Diagnosis: " + diagnosis.explanation());
        human.println("Remedy: " + diagnosis.remedy());
        human.flush();
    }
}
