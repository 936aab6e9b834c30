package dev.descent.optim.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * MATLAB's generic shallow training loop around a {@link TrainingFunction}: the stopping checks
 * of {@link StoppingCriteria} before every iteration, a training record row per iteration, and
 * best-network tracking. With validation data, a validation failure is a strictly larger
 * validation performance than the best so far (a tie changes nothing) and a strictly smaller
 * one resets the count; the result holds the weights of the best validation performance,
 * whatever stopped the run. Without validation data it holds those of the lowest training
 * performance. Test performance is recorded and never influences anything.
 *
 * {@snippet :
 * FullBatchTrainer.Result result = new FullBatchTrainer(TrainingFunctions.create("trainscg"))
 *         .train(objective, initialWeights, validationPerformance, null);
 * double[] weights = result.parameters();
 * }
 */
public final class FullBatchTrainer {
    private final TrainingFunction function;
    private StoppingCriteria stopping;
    private Consumer<EpochRecord> listener = record -> {};
    private LongSupplier ticker = System::nanoTime;
    private volatile boolean stopRequested;

    /** A trainer with MATLAB's stopping defaults for {@code function}. */
    public FullBatchTrainer(TrainingFunction function) {
        this.function = function;
        this.stopping = StoppingCriteria.defaults(function);
    }

    public FullBatchTrainer stopping(StoppingCriteria value) {
        stopping = value;
        return this;
    }

    /** Called with every record row, epoch 0 included, on the training thread. */
    public FullBatchTrainer listener(Consumer<EpochRecord> value) {
        listener = value;
        return this;
    }

    /** Replaces the nanosecond clock used for the time limit and the record. */
    public FullBatchTrainer ticker(LongSupplier nanoTicker) {
        ticker = nanoTicker;
        return this;
    }

    /** Asks the run to stop at the next check ("User stop."); thread safe. */
    public void requestStop() {
        stopRequested = true;
    }

    public TrainingFunction function() {
        return function;
    }

    public StoppingCriteria stopping() {
        return stopping;
    }

    /**
     * The outcome of a run.
     *
     * @param parameters the best weights (see the class comment)
     * @param bestEpoch the iteration after which they were reached (0 = the start)
     * @param records one row per iteration, epoch 0 first ({@code epochs + 1} rows at most)
     */
    public record Result(double[] parameters, int bestEpoch, BatchStopReason stopReason,
            List<EpochRecord> records) {
        public Result {
            records = List.copyOf(records);
        }

        /** The number of iterations run. */
        public int epochs() {
            return records.get(records.size() - 1).epoch();
        }

        /** The record row of {@link #bestEpoch()}. */
        public EpochRecord best() {
            return records.get(bestEpoch);
        }
    }

    /**
     * Runs the loop from {@code initial} (not modified).
     *
     * @param validation validation performance of a weight vector, or {@code null}
     * @param test test performance of a weight vector, or {@code null}
     */
    public Result train(Objective objective, double[] initial,
            ToDoubleFunction<double[]> validation, ToDoubleFunction<double[]> test) {
        stopRequested = false;
        long start = ticker.getAsLong();
        function.start(objective, initial);
        double[] best = function.parameters();
        double bestPerformance = function.performance();
        double validationPerformance = validation == null ? Double.NaN
                : validation.applyAsDouble(best);
        double bestValidation = validationPerformance;
        int bestEpoch = 0;
        int failures = 0;
        List<EpochRecord> records = new ArrayList<>();
        int epoch = 0;
        while (true) {
            double seconds = (ticker.getAsLong() - start) / 1e9;
            BatchStopReason stop = check(epoch, seconds, failures, validation != null);
            double testPerformance = test == null ? Double.NaN
                    : test.applyAsDouble(function.parameters());
            EpochRecord record = new EpochRecord(epoch, seconds, function.performance(),
                    validationPerformance, testPerformance, function.gradientNorm(), failures,
                    function.state());
            records.add(record);
            listener.accept(record);
            if (stop != null) {
                return new Result(best, bestEpoch, stop, records);
            }
            epoch++;
            function.iterate();
            double performance = function.performance();
            if (validation != null) {
                // Evaluated after rejected steps too, as MATLAB does: a rejected step can
                // still count as a failure when the current point is worse than the best.
                validationPerformance = validation.applyAsDouble(function.parameters());
                if (validationPerformance < bestValidation) {
                    best = function.parameters();
                    bestValidation = validationPerformance;
                    bestEpoch = epoch;
                    failures = 0;
                } else if (validationPerformance > bestValidation) {
                    failures++;
                }
            } else if (performance < bestPerformance) {
                // MATLAB's gradient-descent loops compare the performance measured before
                // the step here (one iteration late); Descent compares the new point's own.
                best = function.parameters();
                bestPerformance = performance;
                bestEpoch = epoch;
            }
        }
    }

    private BatchStopReason check(int epoch, double seconds, int failures,
            boolean hasValidation) {
        double performance = function.performance();
        if (stopRequested) {
            return BatchStopReason.USER_STOP;
        }
        if (!Double.isFinite(performance)) {
            return BatchStopReason.NOT_FINITE;
        }
        if (performance <= stopping.goal()) {
            return BatchStopReason.GOAL_MET;
        }
        if (epoch >= stopping.epochs()) {
            return BatchStopReason.MAX_EPOCHS;
        }
        if (seconds >= stopping.timeSeconds()) {
            return BatchStopReason.MAX_TIME;
        }
        if (function.gradientNorm() <= stopping.minGradient()) {
            return BatchStopReason.MIN_GRADIENT;
        }
        if (hasValidation && failures >= stopping.maxFail()) {
            return BatchStopReason.VALIDATION_STOP;
        }
        return null;
    }
}
