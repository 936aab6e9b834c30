package dev.descent.cli;

import dev.descent.data.LabeledData;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.train.Classification;
import dev.descent.train.Examples;
import dev.descent.train.Predictor;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

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
            double accuracy, double seconds) {}

    /**
     * Builds the network of {@code layers} with weights from {@code seed}, trains it and
     * evaluates it.
     *
     * @param validation validation data, or {@code null}
     * @param test test data, or {@code null} to evaluate on the validation data
     * @param checkpoints the command's checkpoint and resume options
     * @throws IOException if a checkpoint cannot be read or written
     */
    static Outcome run(List<LayerSpec> layers, TrainingOptions options, long seed,
            LabeledData train, LabeledData validation, LabeledData test,
            CheckpointOptions checkpoints, PrintWriter human, TrainingListener... listeners)
            throws IOException {
        long started = System.nanoTime();
        // The full-batch functions compare losses at nearby points (trainscg probes a step of
        // 5e-5): float64, as MATLAB's shallow path (SPEC 4).
        Precision precision = options.isFullBatch() ? Precision.FLOAT64 : Precision.FLOAT32;
        if (options.isFullBatch() && layers.stream().anyMatch(
                l -> l instanceof LayerSpec.Dropout d && d.probability() > 0)) {
            human.println("Note: dropout is off with " + options.solver() + " (a full-batch "
                    + "training function needs the same loss at the same weights).");
        }
        Network network = Network.create(layers, precision, Streams.weights(seed),
                train.classes());
        List<TrainingListener> all = new ArrayList<>(List.of(listeners));
        all.add(0, new TrainingConsole(human));
        Trainer trainer = new Trainer(options, all.toArray(TrainingListener[]::new));
        Trainer.Result result = checkpoints.train(trainer, network,
                Examples.classification(train),
                validation == null ? null : Examples.classification(validation));
        LabeledData evaluated = test != null ? test : validation != null ? validation : train;
        Classification predicted = Predictor.classify(result.network(), evaluated);
        double accuracy = Predictor.accuracy(predicted, evaluated);
        return new Outcome(result, evaluated, predicted, accuracy,
                (System.nanoTime() - started) / 1e9);
    }
}
