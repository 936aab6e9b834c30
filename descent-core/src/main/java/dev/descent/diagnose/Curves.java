package dev.descent.diagnose;

import dev.descent.optim.batch.TrainingFunctions;
import dev.descent.shallow.TrainingRecord;
import dev.descent.train.IterationRecord;
import dev.descent.train.TrainingHistory;
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

    /** How a network was trained, as far as the diagnosis and its remedies care. */
    public enum Method {
        /** Mini-batch solvers with a learning rate (trainingOptions); steps are iterations. */
        MINI_BATCH("iteration", true),
        /** Full-batch gradient descent with a rate (traingd, traingdm, traingda, traingdx). */
        FULL_BATCH("epoch", true),
        /**
         * Full-batch training functions that choose their own step sizes (trainscg, trainrp): the
         * learning-rate regimes do not apply, only divergence is judged.
         */
        FULL_BATCH_NO_RATE("epoch", false);

        private final String step;
        private final boolean learnRate;

        Method(String step, boolean learnRate) {
            this.step = step;
            this.learnRate = learnRate;
        }

        /** What one step is called: "iteration" or "epoch". */
        public String step() {
            return step;
        }

        /** Whether a learning rate sets the step sizes. */
        public boolean hasLearnRate() {
            return learnRate;
        }

        /** The method of MATLAB's training function {@code trainFcn}. */
        public static Method of(String trainFcn) {
            return TrainingFunctions.hasLearnRate(trainFcn) ? FULL_BATCH : FULL_BATCH_NO_RATE;
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

    /** The mini-batch losses and validation losses of a deep-learning run. */
    public static Curves of(TrainingHistory history) {
        List<IterationRecord> records = history.records();
        return new Curves(Method.MINI_BATCH,
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
        return new Curves(Method.of(tr.trainFcn()), tr.epoch(), tr.perf(),
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
