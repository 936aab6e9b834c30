package dev.descent.train;

import dev.descent.nn.Network;
import dev.descent.nn.ParameterStore;
import dev.descent.optim.Solver;
import dev.descent.optim.SolverState;
import dev.descent.optim.batch.DistributedEvaluator;
import dev.descent.optim.batch.ShardEvaluator;
import dev.descent.tensor.Matrix;
import dev.descent.util.Rng;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Mini-batch training with validation, MATLAB {@code trainNetwork} order of operations: per
 * iteration forward, loss, backward, L2 on the gradients, gradient thresholding, the solver's
 * update; then validation (at iteration 1, every ValidationFrequency iterations and at the last
 * iteration) with the updated weights, the patience check, and the listeners. The learning rate
 * schedule advances after each epoch. A non-finite loss stops the run before its update, so
 * the network keeps the last finite weights. With a full-batch training function as solver
 * ({@link TrainingOptions#isFullBatch()}) each epoch is one iteration of that function over
 * all training rows instead (see FullBatchRun); such runs write no checkpoints.
 *
 * {@snippet :
 * Trainer trainer = new Trainer(options, listener);
 * TrainingResult result = trainer.fit(network, Examples.classification(train),
 *         Examples.classification(validation));
 * }
 */
public final class Trainer {
    private final TrainingOptions options;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private LongSupplier ticker = System::nanoTime;
    private volatile boolean stopRequested;
    private TrainingBlocks trainingBlocks;

    /**
     * Where a full-batch training function evaluates the data loss of all training rows: the
     * seam through which its evaluations run elsewhere, for example on Spark.
     */
    @FunctionalInterface
    public interface TrainingBlocks {
        /**
         * The blocks of all rows of {@code train}, in order, for the layout of {@code network}.
         */
        ShardEvaluator open(Network network, Examples train) throws IOException;
    }

    /**
     * Training blocks held and evaluated by {@code evaluator}; the executors read the training
     * rows with {@code reader}, which must give the rows handed to {@link #fit}. Results are
     * bit-identical to the in-memory blocks as long as every machine computes the same
     * floating-point operations (same OpenBLAS kernels and thread count).
     */
    public static TrainingBlocks distributed(DistributedEvaluator evaluator,
            NetworkShardLoader.Reader reader) {
        return (network, train) -> evaluator.open(new NetworkShardLoader(network, reader, train));
    }

    public Trainer(TrainingOptions options, TrainingListener... listeners) {
        this.options = options;
        this.listeners.addAll(List.of(listeners));
    }

    public TrainingOptions options() {
        return options;
    }

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** Replaces the nanosecond clock (for tests of elapsed time). */
    public void setTicker(LongSupplier nanoTicker) {
        this.ticker = nanoTicker;
    }

    /**
     * Where the full-batch training functions evaluate the training rows ({@code null}, the
     * default: in this process). Applies only to them: a stochastic solver refuses it.
     */
    public void setTrainingBlocks(TrainingBlocks blocks) {
        this.trainingBlocks = blocks;
    }

    /** Asks the run to stop after the current iteration (thread safe; the Stop button). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * The weights and bookkeeping needed to continue a run exactly after an epoch.
     *
     * @param bestValue the best validation value of the options' ObjectiveMetricName so far
     *     (a loss or an accuracy; its {@code worst()} before any validation)
     */
    public record Checkpoint(int epoch, int iteration, double learnRate, long shuffleState,
            int[] order, long[] dropoutStates, SolverState solver, double[] parameters,
            double[] bestParameters, double bestValue, int bestIteration, int failures,
            List<IterationRecord> records, double elapsedSeconds) {}

    /** The network to use (as chosen by OutputNetwork) and the run's history. */
    public record Result(Network network, TrainingHistory history) {}

    /**
     * Trains {@code network} in place.
     *
     * @param validation validation examples, or {@code null} for none
     * @throws IllegalArgumentException if the data does not fit the network
     */
    public Result fit(Network network, Examples train, Examples validation) {
        return run(network, train, validation, null);
    }

    /** Continues the run saved in {@code checkpoint}, with the same options and data. */
    public Result resume(Network network, Examples train, Examples validation,
            Checkpoint checkpoint) {
        return run(network, train, validation, checkpoint);
    }

    private Result run(Network network, Examples train, Examples validation, Checkpoint saved) {
        checkData(network, train, "training");
        if (validation != null) {
            checkData(network, validation, "validation");
        }
        network.checkBatchSize(Math.min(options.miniBatchSize(), train.rows()));
        if (options.objectiveMetric() == TrainingOptions.ObjectiveMetric.ACCURACY
                && !network.isClassification()) {
            throw new IllegalArgumentException("ObjectiveMetricName accuracy needs a"
                    + " classification network; use loss for a regression network");
        }
        if (options.isFullBatch()) {
            if (saved != null) {
                // Known gap: the training functions' state is not in Checkpoint yet.
                throw new IllegalArgumentException("cannot resume a run of " + options.solver()
                        + ": full-batch training functions write no checkpoints");
            }
            return new FullBatchRun(options, listeners, ticker, () -> stopRequested, network,
                    train, validation, trainingBlocks).run();
        }
        if (trainingBlocks != null) {
            throw new IllegalArgumentException("training blocks apply to the full-batch "
                    + "training functions, not " + options.solver() + ": a mini-batch step "
                    + "is not distributed");
        }
        if (saved != null) {
            checkCheckpoint(network, train, saved);
        }
        Run run = new Run(network, train, validation, saved);
        listeners.forEach(l -> l.trainingStarted(run.history, options));
        run.loop();
        run.finish();
        listeners.forEach(l -> l.trainingFinished(run.history));
        return new Result(network, run.history);
    }

    private static void checkData(Network network, Examples data, String what) {
        if (data.rows() == 0) {
            throw new IllegalArgumentException(what + " data is empty");
        }
        if (data.cols() != network.inputSize()) {
            throw new IllegalArgumentException(what + " data has " + data.cols()
                    + " features but the network's input layer takes " + network.inputSize());
        }
        if (data.targetCols() != network.outputSize()) {
            throw new IllegalArgumentException(what + " data has " + data.targetCols()
                    + (data.isClassification() ? " classes" : " responses")
                    + " but the network has " + network.outputSize() + " outputs");
        }
        if (what.equals("training") && data.isClassification()) {
            requireTwoClasses(data);
        }
        if (data.isClassification() != network.isClassification()) {
            throw new IllegalArgumentException(what + " data is for "
                    + (data.isClassification() ? "classification" : "regression")
                    + " but the network ends in a "
                    + (network.isClassification() ? "classification" : "regression")
                    + " output");
        }
    }

    /** Case B30: one class gives a network that cannot learn anything; say so up front. */
    private static void requireTwoClasses(Examples data) {
        int first = data.labels()[0];
        for (int label : data.labels()) {
            if (label != first) {
                return;
            }
        }
        throw new IllegalArgumentException("classification needs at least 2 classes in the"
                + " training data, found 1 (\"" + data.classes().get(first) + "\")");
    }

    private static void checkCheckpoint(Network network, Examples train, Checkpoint saved) {
        if (saved.order().length != train.rows()) {
            throw new IllegalArgumentException("the checkpoint was made with " + saved.order()
                    .length + " training observations, this data has " + train.rows()
                    + "; resume with the same data");
        }
        if (saved.parameters().length != network.parameters().size()
                || saved.dropoutStates().length != network.dropoutStates().length) {
            throw new IllegalArgumentException("the checkpoint does not fit the network "
                    + network + "; resume with the checkpoint's own network");
        }
    }

    /** The state of one run; one instance per call of fit or resume. */
    private final class Run {
        final Network network;
        final ParameterStore store;
        final Examples train;
        final Examples validation;
        final Solver solver;
        final Rng shuffleRng;
        final TrainingHistory history;
        final Evaluation evaluation;
        final int batchSize;
        final int iterationsPerEpoch;
        final Matrix batchX;
        final Matrix batchT;
        final long startNanos;
        final double priorSeconds;
        int[] order;
        int epoch;
        int iteration;
        double learnRate;
        double[] bestParameters;
        double[] epochStartParameters;
        /** The buffer the next epoch's snapshot goes to (the one before the fallback). */
        double[] snapshot;
        int snapshotEpoch;
        final ValidationMonitor monitor = new ValidationMonitor(options.objectiveMetric(),
                options.validationPatience());
        StopReason stop;

        Run(Network network, Examples train, Examples validation, Checkpoint saved) {
            this.network = network;
            this.store = network.parameters();
            this.train = train;
            this.validation = validation;
            this.solver = options.createSolver();
            this.shuffleRng = new Rng(options.seed()).split();
            int n = train.rows();
            this.batchSize = Math.min(options.miniBatchSize(), n);
            this.iterationsPerEpoch = options.keepPartialBatch()
                    ? (n + batchSize - 1) / batchSize
                    : n / batchSize;
            this.history = new TrainingHistory(iterationsPerEpoch, options.maxEpochs(),
                    network.isClassification(),
                    validation == null ? 0 : options.validationFrequency(),
                    options.validationPatience());
            this.evaluation = new Evaluation(network, options.miniBatchSize());
            this.batchX = Matrix.zeros(network.precision(), batchSize, train.cols());
            this.batchT = Matrix.zeros(network.precision(), batchSize, train.targetCols());
            this.order = identity(n);
            this.learnRate = options.initialLearnRate();
            this.startNanos = ticker.getAsLong();
            this.priorSeconds = saved == null ? 0 : saved.elapsedSeconds();
            if (saved != null) {
                restore(saved);
            }
        }

        void restore(Checkpoint saved) {
            epoch = saved.epoch();
            iteration = saved.iteration();
            learnRate = saved.learnRate();
            shuffleRng.restore(saved.shuffleState());
            order = saved.order().clone();
            network.restoreDropoutStates(saved.dropoutStates());
            solver.restore(saved.solver(), network.precision());
            store.setValues(saved.parameters());
            bestParameters = saved.bestParameters() == null ? null
                    : saved.bestParameters().clone();
            saved.records().forEach(history::add);
            double lossAtBest = Double.NaN;
            for (IterationRecord r : saved.records()) {
                if (r.iteration() == saved.bestIteration() && r.hasValidation()) {
                    lossAtBest = r.validationLoss();
                }
            }
            monitor.restore(saved.bestValue(), lossAtBest, saved.bestIteration(),
                    saved.failures());
            if (saved.bestIteration() > 0) {
                history.setBest(saved.bestIteration(), lossAtBest);
            }
        }

        void loop() {
            while (stop == null && epoch < options.maxEpochs()) {
                epoch++;
                // Two buffers in turn, both made in the first epoch, so that no later epoch
                // allocates a copy of the parameters (a new 6.5 MB array each epoch at
                // 784-1024-10 set off a 10 ms collection).
                if (snapshot == null) {
                    snapshot = new double[store.size()];
                }
                store.copyValuesInto(snapshot);
                // An update can make a weight infinite while the loss that led to it was still
                // finite (the loss is summed in float64); such a snapshot is no fallback. The
                // check runs in the first epoch too, so that it is compiled before the second.
                boolean finite = allFinite(snapshot);
                if (epochStartParameters == null || finite) {
                    double[] previous = epochStartParameters;
                    epochStartParameters = snapshot;
                    snapshot = previous != null ? previous : new double[store.size()];
                    snapshotEpoch = epoch;
                }
                shuffleForEpoch();
                for (int b = 0; b < iterationsPerEpoch && stop == null; b++) {
                    trainBatch(b);
                }
                if (stop == null || !stop.isDivergence()) {
                    endEpoch();
                }
            }
            if (stop == null) {
                stop = StopReason.MAX_EPOCHS;
            }
        }

        void shuffleForEpoch() {
            boolean shuffle = options.shuffle() == TrainingOptions.Shuffle.EVERY_EPOCH
                    || (options.shuffle() == TrainingOptions.Shuffle.ONCE && epoch == 1);
            if (shuffle) {
                // shuffleRng.permutation's numbers, in the array of the last epoch.
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                shuffleRng.shuffle(order);
            }
        }

        void trainBatch(int b) {
            int from = b * batchSize;
            int count = Math.min(batchSize, train.rows() - from);
            Matrix x = count == batchSize ? batchX : batchX.rowRange(0, count);
            Matrix t = count == batchSize ? batchT : batchT.rowRange(0, count);
            train.copyBatch(order, from, count, x, t);

            Matrix prediction = network.forward(x, true);
            double loss = network.loss(t);
            double accuracy = Evaluation.accuracy(prediction, t, network.isClassification());
            if (!Double.isFinite(loss)) {
                stop = Double.isNaN(loss) ? StopReason.LOSS_IS_NAN : StopReason.LOSS_IS_INFINITE;
                record(loss, accuracy, Double.NaN, Double.NaN, iteration + 1);
                return;
            }
            network.backward(t);
            if (Double.isInfinite(options.gradientThreshold())) {
                solver.pullStepPush(store, learnRate, options.l2Regularization());
            } else {
                store.pullGradients();
                Gradients.addL2(store, options.l2Regularization());
                Gradients.threshold(store, options.gradientThresholdMethod(),
                        options.gradientThreshold());
                solver.step(store, learnRate);
                store.pushValues();
            }
            iteration++;
            afterUpdate(loss, accuracy);
        }

        void afterUpdate(double loss, double accuracy) {
            boolean last = iteration == iterationsPerEpoch * options.maxEpochs();
            if (stopRequested) {
                stop = StopReason.STOPPED_MANUALLY;
                last = true;
            }
            double validationLoss = Double.NaN;
            double validationAccuracy = Double.NaN;
            if (validation != null && (iteration == 1
                    || iteration % options.validationFrequency() == 0 || last)) {
                Evaluation.Score score = evaluation.evaluate(validation);
                validationLoss = score.loss();
                validationAccuracy = score.accuracy();
                checkPatience(validationLoss, validationAccuracy);
            }
            record(loss, accuracy, validationLoss, validationAccuracy, iteration);
        }

        void checkPatience(double validationLoss, double validationAccuracy) {
            if (monitor.check(iteration, validationLoss, validationAccuracy)) {
                bestParameters = store.valuesAsDoubles();
                history.setBest(iteration, validationLoss);
            } else if (monitor.patienceRanOut() && stop == null) {
                stop = StopReason.VALIDATION_PATIENCE;
            }
        }

        void record(double loss, double accuracy, double validationLoss,
                double validationAccuracy, int iterationNumber) {
            double seconds = priorSeconds + (ticker.getAsLong() - startNanos) / 1e9;
            IterationRecord record = new IterationRecord(epoch, iterationNumber, learnRate,
                    loss, accuracy, validationLoss, validationAccuracy, seconds);
            history.add(record);
            listeners.forEach(l -> l.iterationFinished(record, history));
        }

        void endEpoch() {
            if (options.learnRateSchedule() == TrainingOptions.LearnRateSchedule.PIECEWISE
                    && epoch % options.learnRateDropPeriod() == 0) {
                learnRate *= options.learnRateDropFactor();
            }
            Checkpoint checkpoint = null;
            for (TrainingListener l : listeners) {
                if (l.wantsCheckpoints()) {
                    checkpoint = checkpoint == null ? checkpoint() : checkpoint;
                    l.epochFinished(checkpoint);
                }
            }
        }

        Checkpoint checkpoint() {
            double seconds = priorSeconds + (ticker.getAsLong() - startNanos) / 1e9;
            return new Checkpoint(epoch, iteration, learnRate, shuffleRng.state(), order.clone(),
                    network.dropoutStates(), solver.state(), store.valuesAsDoubles(),
                    bestParameters == null ? null : bestParameters.clone(), monitor.best(),
                    monitor.bestIteration(), monitor.failures(),
                    new ArrayList<>(history.records()), seconds);
        }

        void finish() {
            history.setStopReason(stop);
            boolean wantBest = options.outputNetwork() == TrainingOptions.OutputNetwork
                    .BEST_VALIDATION || (options.outputNetwork() == TrainingOptions.OutputNetwork
                            .AUTO && validation != null);
            if (wantBest && bestParameters != null) {
                store.setValues(bestParameters);
                history.setOutputNetwork(bestDescription(monitor));
            } else if (stop.isDivergence() && !Gradients.valuesAreFinite(store)) {
                // An update made a weight non-finite before the loss showed it: fall back to the
                // last weights known to be finite, those at the start of this epoch.
                store.setValues(epochStartParameters);
                history.setOutputNetwork("weights at the start of epoch " + snapshotEpoch
                        + ": the last update made a weight non-finite");
            } else if (wantBest) {
                history.setOutputNetwork("last iteration: no validation was performed");
            } else {
                history.setOutputNetwork("last iteration");
            }
        }
    }

    /** "best validation (iteration 40)", naming the metric when it is not the loss. */
    static String bestDescription(ValidationMonitor monitor) {
        return "best validation"
                + (monitor.metric() == TrainingOptions.ObjectiveMetric.LOSS ? "" : " accuracy")
                + " (iteration " + monitor.bestIteration() + ")";
    }

    /**
     * Whether every value is finite, checked in chunks of {@link ParameterStore#CHUNK} by a
     * method of its own: called once an epoch, a single loop over all values stayed in the
     * interpreter for the first timed epochs (about 6 ms at 784-1024-10), the chunk method is
     * compiled within the first.
     */
    private static boolean allFinite(double[] values) {
        for (int from = 0; from < values.length; from += ParameterStore.CHUNK) {
            if (!allFinite(values, from, Math.min(values.length, from + ParameterStore.CHUNK))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allFinite(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
