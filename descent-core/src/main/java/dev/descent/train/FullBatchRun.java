package dev.descent.train;

import dev.descent.nn.Network;
import dev.descent.nn.ParameterStore;
import dev.descent.optim.batch.TrainingFunction;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@link Trainer}'s loop for a full-batch training function ({@code trainscg}, {@code traingd},
 * ...): each epoch is one iteration of the function on the {@link NetworkObjective} of all
 * training rows (data loss plus the L2 term, dropout off). The record of an iteration holds the
 * data loss and accuracy at the point the iteration starts from (as the stochastic path reports
 * the mini-batch before its update), the rate the iteration used ({@code NaN} for trainscg and
 * trainrp, which have none), and the validation values after it. Validation, patience,
 * OutputNetwork and the non-finite-loss stop work as in the stochastic path; MATLAB's shallow
 * stops (goal, min_grad, max_fail) are those of {@code patternnet}, not of this path.
 *
 * <p>No checkpoints: the functions' state (search direction, scale, rates) is not saved yet,
 * so {@link TrainingListener#epochFinished} is not called and resuming is refused.
 */
final class FullBatchRun {
    private final TrainingOptions options;
    private final List<TrainingListener> listeners;
    private final LongSupplier ticker;
    private final BooleanSupplier stopRequested;
    private final Network network;
    private final ParameterStore store;
    private final Examples train;
    private final Examples validation;
    private final TrainingHistory history;
    private final Evaluation evaluation;
    private final long startNanos;
    private StopReason stop;
    private double[] bestParameters;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestIteration;
    private int failures;

    FullBatchRun(TrainingOptions options, List<TrainingListener> listeners, LongSupplier ticker,
            BooleanSupplier stopRequested, Network network, Examples train,
            Examples validation) {
        this.options = options;
        this.listeners = listeners;
        this.ticker = ticker;
        this.stopRequested = stopRequested;
        this.network = network;
        this.store = network.parameters();
        this.train = train;
        this.validation = validation;
        this.history = new TrainingHistory(1, options.maxEpochs(), network.isClassification(),
                validation == null ? 0 : options.validationFrequency(),
                options.validationPatience());
        this.evaluation = new Evaluation(network, options.miniBatchSize());
        this.startNanos = ticker.getAsLong();
    }

    Trainer.Result run() {
        listeners.forEach(l -> l.trainingStarted(history, options));
        TrainingFunction function = options.createTrainingFunction();
        function.start(new NetworkObjective(network, train, options.l2Regularization()),
                store.valuesAsDoubles());
        double[] current = function.parameters();
        double[] previous = current;
        for (int k = 1; k <= options.maxEpochs() && stop == null; k++) {
            store.setValues(current);
            Evaluation.Score here = evaluation.evaluate(train);
            if (!Double.isFinite(here.loss()) || !Double.isFinite(function.performance())) {
                // The step that led here made the loss non-finite: keep the point before it.
                double loss = Double.isFinite(here.loss()) ? function.performance() : here.loss();
                stop = Double.isNaN(loss) ? StopReason.LOSS_IS_NAN : StopReason.LOSS_IS_INFINITE;
                record(k, Double.NaN, loss, here.accuracy(), Double.NaN, Double.NaN);
                current = previous;
                break;
            }
            double rate = function.state().getOrDefault("lr", rateOf(function));
            function.iterate();
            previous = current;
            current = function.parameters();
            store.setValues(current);
            boolean last = k == options.maxEpochs();
            if (stopRequested.getAsBoolean()) {
                stop = StopReason.STOPPED_MANUALLY;
                last = true;
            }
            double validationLoss = Double.NaN;
            double validationAccuracy = Double.NaN;
            if (validation != null && (k == 1 || k % options.validationFrequency() == 0
                    || last)) {
                Evaluation.Score score = evaluation.evaluate(validation);
                validationLoss = score.loss();
                validationAccuracy = score.accuracy();
                checkPatience(k, validationLoss, current);
            }
            record(k, rate, here.loss(), here.accuracy(), validationLoss, validationAccuracy);
        }
        if (stop == null) {
            stop = StopReason.MAX_EPOCHS;
        }
        store.setValues(current);
        finish();
        listeners.forEach(l -> l.trainingFinished(history));
        return new Trainer.Result(network, history);
    }

    /** The fixed rate of traingd and traingdm; NaN for the functions without one. */
    private double rateOf(TrainingFunction function) {
        return switch (function.name()) {
            case "traingd", "traingdm" -> options.initialLearnRate();
            default -> Double.NaN;
        };
    }

    private void checkPatience(int iteration, double validationLoss, double[] parameters) {
        if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            bestIteration = iteration;
            failures = 0;
            bestParameters = parameters.clone();
            history.setBest(iteration, validationLoss);
        } else {
            failures++;
            if (failures >= options.validationPatience() && stop == null) {
                stop = StopReason.VALIDATION_PATIENCE;
            }
        }
    }

    private void record(int iteration, double rate, double loss, double accuracy,
            double validationLoss, double validationAccuracy) {
        double seconds = (ticker.getAsLong() - startNanos) / 1e9;
        IterationRecord record = new IterationRecord(iteration, iteration, rate, loss, accuracy,
                validationLoss, validationAccuracy, seconds);
        history.add(record);
        listeners.forEach(l -> l.iterationFinished(record, history));
    }

    private void finish() {
        history.setStopReason(stop);
        boolean wantBest = options.outputNetwork() == TrainingOptions.OutputNetwork
                .BEST_VALIDATION || (options.outputNetwork() == TrainingOptions.OutputNetwork
                        .AUTO && validation != null);
        if (wantBest && bestParameters != null) {
            store.setValues(bestParameters);
            history.setOutputNetwork("best validation (iteration " + bestIteration + ")");
        } else if (stop.isDivergence()) {
            history.setOutputNetwork("the last point with a finite loss");
        } else if (wantBest) {
            history.setOutputNetwork("last iteration: no validation was performed");
        } else {
            history.setOutputNetwork("last iteration");
        }
    }
}
