package dev.descent.diagnose;

import dev.descent.optim.batch.TrainingFunctions;
import dev.descent.shallow.TrainingRecord;
import dev.descent.train.IterationRecord;
import dev.descent.train.TrainingHistory;
import dev.descent.train.TrainingOptions;
import java.util.List;

/**
 * The curves the {@link Diagnoser} reads: the training loss at every step and the validation
 * loss at the steps that measured one, with how the network was trained.
 *
 * @param method how the network was trained: it names the steps and the remedies' knobs
 * @param steps the step of each point (iteration or epoch), ascending
 * @param training the training loss at each step; NaN or infinite where training broke down
 * @param validation the validation loss at each step, NaN where none was measured
 * @param restoredBest whether the trained network holds the weights of the best validation
 */
public record Curves(Method method, int[] steps, double[] training, double[] validation,
        boolean restoredBest) {

    /**
     * How a network was trained, as far as the diagnosis and its remedies care.
     *
     * @param step what one step is called: "iteration" or "epoch"
     * @param learnRate whether a learning rate sets the step sizes (not for trainscg, trainrp):
     *     without one the learning-rate regimes are not judged, only divergence
     * @param miniBatch whether the steps are mini-batches (then larger mini-batches and a
     *     gradient threshold are remedies)
     * @param shallow whether it is MATLAB's shallow toolbox ({@code patternnet}, {@code fitnet}):
     *     the patience is {@code max_fail}, regularisation is {@code performParam.regularization}
     */
    public record Method(String step, boolean learnRate, boolean miniBatch, boolean shallow) {
        /** The mini-batch solvers of {@code trainingOptions} (sgdm, adam, rmsprop, sgd). */
        public static final Method MINI_BATCH = new Method("iteration", true, true, false);

        /** A deep network trained as {@code options} say (a solver or a full-batch function). */
        public static Method of(TrainingOptions options) {
            return options.isFullBatch()
                    ? new Method("epoch", TrainingFunctions.hasLearnRate(options.solver()), false,
                            false)
                    : MINI_BATCH;
        }

        /** A shallow network trained by MATLAB's training function {@code trainFcn}. */
        public static Method shallow(String trainFcn) {
            return new Method("epoch", TrainingFunctions.hasLearnRate(trainFcn), false, true);
        }
    }

    /**
     * Copies the arrays.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public Curves {
        if (training.length != steps.length || validation.length != steps.length) {
            throw new IllegalArgumentException("curves need one training and one validation value"
                    + " per step, got " + steps.length + " steps, " + training.length
                    + " training and " + validation.length + " validation values");
        }
        steps = steps.clone();
        training = training.clone();
        validation = validation.clone();
    }

    /** The mini-batch losses and validation losses of a deep-learning run of a solver. */
    public static Curves of(TrainingHistory history) {
        return of(history, Method.MINI_BATCH);
    }

    /** The training and validation losses of a deep-learning run trained by {@code method}. */
    public static Curves of(TrainingHistory history, Method method) {
        List<IterationRecord> records = history.records();
        return new Curves(method,
                records.stream().mapToInt(IterationRecord::iteration).toArray(),
                records.stream().mapToDouble(IterationRecord::trainingLoss).toArray(),
                records.stream().mapToDouble(IterationRecord::validationLoss).toArray(),
                history.outputNetwork().startsWith("best validation"));
    }

    /**
     * MATLAB's {@code perf} and {@code vperf} of a shallow run, epoch 0 (before training) first.
     * The network holds the best validation epoch's weights, as MATLAB returns it.
     */
    public static Curves of(TrainingRecord tr) {
        return new Curves(Method.shallow(tr.trainFcn()), tr.epoch(), tr.perf(),
                tr.hasValidation() ? tr.vperf() : nan(tr.perf().length),
                tr.hasValidation() && tr.bestEpoch() < tr.numEpochs());
    }

    private static double[] nan(int n) {
        double[] values = new double[n];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }

    /** Number of steps. */
    public int size() {
        return steps.length;
    }

    @Override
    public int[] steps() {
        return steps.clone();
    }

    @Override
    public double[] training() {
        return training.clone();
    }

    @Override
    public double[] validation() {
        return validation.clone();
    }
}
