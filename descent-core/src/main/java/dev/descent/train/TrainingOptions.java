package dev.descent.train;

import dev.descent.optim.Adam;
import dev.descent.optim.RmsProp;
import dev.descent.optim.Sgdm;
import dev.descent.optim.Solver;
import dev.descent.optim.batch.AdaptiveGradientDescent;
import dev.descent.optim.batch.AdaptiveMomentumGradientDescent;
import dev.descent.optim.batch.GradientDescent;
import dev.descent.optim.batch.GradientDescentMomentum;
import dev.descent.optim.batch.TrainingFunction;
import dev.descent.optim.batch.TrainingFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings of a training run with MATLAB {@code trainingOptions} names and defaults. Where
 * Descent differs from MATLAB it says so in the builder method's Javadoc (see also SPEC 4 and
 * docs/design.md). Build with {@link #builder(String)}.
 *
 * @param solver {@code sgdm}, {@code rmsprop}, {@code adam} or {@code sgd}, or one of the
 *     full-batch training functions {@link TrainingFunctions#NAMES} ({@code trainscg},
 *     {@code traingd}, ...; see {@link #isFullBatch()})
 * @param initialLearnRate the base rate; defaults by solver (sgdm, sgd and the traingd family
 *     0.01, rmsprop and adam 0.001; trainscg and trainrp have no rate and ignore it)
 * @param validationPatience validations without strict improvement before stopping; infinite
 *     by default
 * @param objectiveMetric the validation value that patience and the best network watch
 *     (MATLAB's ObjectiveMetricName): the loss by default
 * @param seed seeds the shuffles (and the network when the trainer builds it)
 */
public record TrainingOptions(
        String solver,
        double initialLearnRate,
        double momentum,
        double gradientDecayFactor,
        double squaredGradientDecayFactor,
        double epsilon,
        double l2Regularization,
        GradientThresholdMethod gradientThresholdMethod,
        double gradientThreshold,
        int maxEpochs,
        int miniBatchSize,
        Shuffle shuffle,
        boolean keepPartialBatch,
        LearnRateSchedule learnRateSchedule,
        double learnRateDropFactor,
        int learnRateDropPeriod,
        int validationFrequency,
        double validationPatience,
        OutputNetwork outputNetwork,
        ObjectiveMetric objectiveMetric,
        boolean verbose,
        int verboseFrequency,
        long seed) {

    /** MATLAB's Shuffle values. */
    public enum Shuffle {
        ONCE, EVERY_EPOCH, NEVER;

        public static Shuffle parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "once" -> ONCE;
                case "every-epoch", "every_epoch", "everyepoch" -> EVERY_EPOCH;
                case "never" -> NEVER;
                default -> throw new IllegalArgumentException(
                        "Shuffle must be once, every-epoch or never, got " + text);
            };
        }
    }

    /** MATLAB's GradientThresholdMethod values. */
    public enum GradientThresholdMethod {
        /** Each parameter array is scaled down to norm T when its L2 norm exceeds T. */
        L2NORM,
        /** All arrays are scaled together when their joint L2 norm exceeds T. */
        GLOBAL_L2NORM,
        /** Every element is clamped to [-T, T]. */
        ABSOLUTE_VALUE;

        public static GradientThresholdMethod parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "l2norm" -> L2NORM;
                case "global-l2norm", "globall2norm" -> GLOBAL_L2NORM;
                case "absolute-value", "absolutevalue" -> ABSOLUTE_VALUE;
                default -> throw new IllegalArgumentException("GradientThresholdMethod must be"
                        + " l2norm, global-l2norm or absolute-value, got " + text);
            };
        }
    }

    /** MATLAB's LearnRateSchedule values. */
    public enum LearnRateSchedule {
        NONE, PIECEWISE;

        public static LearnRateSchedule parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "piecewise" -> PIECEWISE;
                default -> throw new IllegalArgumentException(
                        "LearnRateSchedule must be none or piecewise, got " + text);
            };
        }
    }

    /** MATLAB's OutputNetwork values. */
    public enum OutputNetwork {
        /** Best validation when validation data is given, else the last iteration. */
        AUTO, LAST_ITERATION, BEST_VALIDATION;

        public static OutputNetwork parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "last", "last-iteration" -> LAST_ITERATION;
                case "best", "best-validation", "best-validation-loss" -> BEST_VALIDATION;
                default -> throw new IllegalArgumentException("OutputNetwork must be auto,"
                        + " last-iteration or best-validation, got " + text);
            };
        }
    }

    /**
     * MATLAB's ObjectiveMetricName values: the validation value that ValidationPatience and
     * OutputNetwork best-validation watch, with its direction. Only a strictly better value
     * counts as an improvement, so on ties the earlier check stays the best.
     */
    public enum ObjectiveMetric {
        /** The validation loss; lower is better. */
        LOSS,
        /** The validation accuracy (classification only); higher is better. */
        ACCURACY;

        public static ObjectiveMetric parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "loss" -> LOSS;
                case "accuracy" -> ACCURACY;
                default -> throw new IllegalArgumentException(
                        "ObjectiveMetricName must be loss or accuracy, got " + text);
            };
        }

        /** MATLAB's name of the value: {@code loss} or {@code accuracy}. */
        public String matlabName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** This metric's value of one validation check. */
        public double of(double loss, double accuracy) {
            return this == LOSS ? loss : accuracy;
        }

        /** Whether {@code value} is strictly better than {@code best} (false for NaN). */
        public boolean isBetter(double value, double best) {
            return this == LOSS ? value < best : value > best;
        }

        /** The start value that any finite value improves on: +Inf for loss, -Inf else. */
        public double worst() {
            return this == LOSS ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
    }

    /** The stochastic (mini-batch) solvers, in the order the docs list them. */
    public static final List<String> STOCHASTIC_SOLVERS = List.of("sgdm", "rmsprop", "adam",
            "sgd");

    public TrainingOptions {
        solver = solver.toLowerCase(Locale.ROOT);
        if (!STOCHASTIC_SOLVERS.contains(solver)
                && !TrainingFunctions.isTrainingFunction(solver)) {
            throw new IllegalArgumentException("solver must be sgdm, rmsprop, adam or sgd, or a"
                    + " full-batch training function (" + String.join(", ",
                    TrainingFunctions.NAMES) + "), got " + solver);
        }
        requirePositive(initialLearnRate, "InitialLearnRate");
        if (solver.equals("sgdm")) {
            requireDecay(momentum, "Momentum");
        } else {
            requireFraction(momentum, "Momentum");
        }
        requireDecay(gradientDecayFactor, "GradientDecayFactor");
        requireDecay(squaredGradientDecayFactor, "SquaredGradientDecayFactor");
        requirePositive(epsilon, "Epsilon");
        if (!(l2Regularization >= 0) || Double.isInfinite(l2Regularization)) {
            throw new IllegalArgumentException(
                    "L2Regularization must be finite and at least 0, got " + l2Regularization);
        }
        if (!(gradientThreshold > 0)) {
            throw new IllegalArgumentException(
                    "GradientThreshold must be greater than 0 (Inf for none), got "
                            + gradientThreshold);
        }
        requireAtLeastOne(maxEpochs, "MaxEpochs");
        requireAtLeastOne(miniBatchSize, "MiniBatchSize");
        requireFraction(learnRateDropFactor, "LearnRateDropFactor");
        requireAtLeastOne(learnRateDropPeriod, "LearnRateDropPeriod");
        requireAtLeastOne(validationFrequency, "ValidationFrequency");
        if (!(validationPatience >= 1)) {
            throw new IllegalArgumentException(
                    "ValidationPatience must be at least 1 (Inf for none), got "
                            + validationPatience);
        }
        requireAtLeastOne(verboseFrequency, "VerboseFrequency");
        if (objectiveMetric == null) {
            throw new IllegalArgumentException(
                    "ObjectiveMetricName must be loss or accuracy, got null");
        }
    }

    private static void requirePositive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and greater than 0, got "
                    + value);
        }
    }

    private static void requireFraction(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }

    /** A decay factor of a solver's moving average: in [0, 1), as MATLAB. */
    private static void requireDecay(double value, String name) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }

    private static void requireAtLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    /**
     * The default InitialLearnRate of {@code solver}: 0.01 for sgdm, sgd and the traingd family
     * (MATLAB's {@code lr}), else 0.001.
     */
    public static double defaultLearnRate(String solver) {
        return switch (solver.toLowerCase(Locale.ROOT)) {
            case "sgdm", "sgd" -> Sgdm.DEFAULT_LEARN_RATE;
            case "traingd", "traingdm", "traingda", "traingdx", "trainscg", "trainrp" ->
                    GradientDescent.DEFAULT_LEARN_RATE;
            case "rmsprop" -> RmsProp.DEFAULT_LEARN_RATE;
            default -> Adam.DEFAULT_LEARN_RATE;
        };
    }

    /**
     * Whether {@code solver} has a learning rate: every stochastic solver and the traingd
     * family; trainscg and trainrp ignore InitialLearnRate.
     */
    public static boolean usesLearnRate(String solver) {
        return STOCHASTIC_SOLVERS.contains(solver.toLowerCase(Locale.ROOT))
                || TrainingFunctions.hasLearnRate(solver);
    }

    /** The solvers that have a learning rate, in the docs' order (see {@link #usesLearnRate}). */
    public static List<String> learnRateSolvers() {
        List<String> names = new ArrayList<>(STOCHASTIC_SOLVERS);
        TrainingFunctions.NAMES.stream().filter(TrainingFunctions::hasLearnRate)
                .forEach(names::add);
        return List.copyOf(names);
    }

    /**
     * Whether {@link #solver()} is a full-batch training function of the shallow toolbox. Then
     * every epoch is one iteration over all training rows (MiniBatchSize, Shuffle and the
     * learn-rate schedule do not apply), dropout is off, and {@link Trainer} runs the function
     * on a {@link NetworkObjective}.
     */
    public boolean isFullBatch() {
        return TrainingFunctions.isTrainingFunction(solver);
    }

    /**
     * A new full-batch training function of this configuration: MATLAB's {@code trainParam}
     * defaults, with {@code lr} = InitialLearnRate and {@code mc} = Momentum where the function
     * has them.
     *
     * @throws IllegalStateException if the solver is stochastic
     */
    public TrainingFunction createTrainingFunction() {
        return switch (solver) {
            case "traingd" -> new GradientDescent(initialLearnRate);
            case "traingdm" -> new GradientDescentMomentum(initialLearnRate, momentum);
            case "traingda" -> new AdaptiveGradientDescent(initialLearnRate,
                    AdaptiveGradientDescent.DEFAULT_LEARN_RATE_INCREASE,
                    AdaptiveGradientDescent.DEFAULT_LEARN_RATE_DECREASE,
                    AdaptiveGradientDescent.DEFAULT_MAX_PERFORMANCE_INCREASE);
            case "traingdx" -> new AdaptiveMomentumGradientDescent(initialLearnRate, momentum,
                    AdaptiveMomentumGradientDescent.DEFAULT_LEARN_RATE_INCREASE,
                    AdaptiveMomentumGradientDescent.DEFAULT_LEARN_RATE_DECREASE,
                    AdaptiveMomentumGradientDescent.DEFAULT_MAX_PERFORMANCE_INCREASE);
            case "trainscg", "trainrp" -> TrainingFunctions.create(solver);
            default -> throw new IllegalStateException(solver + " is a stochastic solver");
        };
    }

    /**
     * A new solver of this configuration (fresh state).
     *
     * @throws IllegalStateException if the solver is a full-batch training function
     */
    public Solver createSolver() {
        if (isFullBatch()) {
            throw new IllegalStateException(solver + " is a full-batch training function");
        }
        return switch (solver) {
            case "sgdm" -> new Sgdm(momentum);
            case "sgd" -> Sgdm.plain();
            case "rmsprop" -> new RmsProp(squaredGradientDecayFactor, epsilon);
            default -> new Adam(gradientDecayFactor, squaredGradientDecayFactor, epsilon);
        };
    }

    /** Options with MATLAB's defaults for {@code solver}. */
    public static Builder builder(String solver) {
        return new Builder(solver);
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link TrainingOptions}; every setter uses the MATLAB option's meaning, and one
     * given NaN throws {@link IllegalArgumentException} naming the option.
     */
    public static final class Builder {
        private String solver;
        /** {@code null} until set: then the solver's default. */
        private Double initialLearnRate;
        private double momentum = Sgdm.DEFAULT_MOMENTUM;
        private double gradientDecayFactor = Adam.DEFAULT_BETA1;
        /** {@code null} until set: then the solver's default. */
        private Double squaredGradientDecayFactor;
        private double epsilon = Adam.DEFAULT_EPSILON;
        private double l2Regularization = 1e-4;
        private GradientThresholdMethod gradientThresholdMethod = GradientThresholdMethod.L2NORM;
        private double gradientThreshold = Double.POSITIVE_INFINITY;
        private int maxEpochs = 30;
        private int miniBatchSize = 128;
        private Shuffle shuffle = Shuffle.ONCE;
        private boolean keepPartialBatch;
        private LearnRateSchedule learnRateSchedule = LearnRateSchedule.NONE;
        private double learnRateDropFactor = 0.1;
        private int learnRateDropPeriod = 10;
        private int validationFrequency = 50;
        private double validationPatience = Double.POSITIVE_INFINITY;
        private OutputNetwork outputNetwork = OutputNetwork.AUTO;
        private ObjectiveMetric objectiveMetric = ObjectiveMetric.LOSS;
        private boolean verbose = true;
        private int verboseFrequency = 50;
        private long seed;

        private Builder(String solver) {
            this.solver = solver;
        }

        private Builder(TrainingOptions o) {
            solver = o.solver;
            initialLearnRate = o.initialLearnRate;
            momentum = o.momentum;
            gradientDecayFactor = o.gradientDecayFactor;
            squaredGradientDecayFactor = o.squaredGradientDecayFactor;
            epsilon = o.epsilon;
            l2Regularization = o.l2Regularization;
            gradientThresholdMethod = o.gradientThresholdMethod;
            gradientThreshold = o.gradientThreshold;
            maxEpochs = o.maxEpochs;
            miniBatchSize = o.miniBatchSize;
            shuffle = o.shuffle;
            keepPartialBatch = o.keepPartialBatch;
            learnRateSchedule = o.learnRateSchedule;
            learnRateDropFactor = o.learnRateDropFactor;
            learnRateDropPeriod = o.learnRateDropPeriod;
            validationFrequency = o.validationFrequency;
            validationPatience = o.validationPatience;
            outputNetwork = o.outputNetwork;
            objectiveMetric = o.objectiveMetric;
            verbose = o.verbose;
            verboseFrequency = o.verboseFrequency;
            seed = o.seed;
        }

        public Builder solver(String value) {
            solver = value;
            return this;
        }

        public Builder initialLearnRate(double value) {
            initialLearnRate = number(value, "InitialLearnRate");
            return this;
        }

        public Builder momentum(double value) {
            momentum = number(value, "Momentum");
            return this;
        }

        public Builder gradientDecayFactor(double value) {
            gradientDecayFactor = number(value, "GradientDecayFactor");
            return this;
        }

        /** Default 0.999 for adam and 0.9 for rmsprop, as MATLAB. */
        public Builder squaredGradientDecayFactor(double value) {
            squaredGradientDecayFactor = number(value, "SquaredGradientDecayFactor");
            return this;
        }

        public Builder epsilon(double value) {
            epsilon = number(value, "Epsilon");
            return this;
        }

        public Builder l2Regularization(double value) {
            l2Regularization = number(value, "L2Regularization");
            return this;
        }

        public Builder gradientThreshold(GradientThresholdMethod method, double threshold) {
            gradientThresholdMethod = method;
            gradientThreshold = number(threshold, "GradientThreshold");
            return this;
        }

        public Builder maxEpochs(int value) {
            maxEpochs = value;
            return this;
        }

        public Builder miniBatchSize(int value) {
            miniBatchSize = value;
            return this;
        }

        public Builder shuffle(Shuffle value) {
            shuffle = value;
            return this;
        }

        /** Train on the partial last mini-batch too (MATLAB drops it; so does the default). */
        public Builder keepPartialBatch(boolean value) {
            keepPartialBatch = value;
            return this;
        }

        /** Piecewise: after every {@code dropPeriod} completed epochs multiply by the factor. */
        public Builder piecewiseSchedule(double dropFactor, int dropPeriod) {
            learnRateSchedule = LearnRateSchedule.PIECEWISE;
            learnRateDropFactor = number(dropFactor, "LearnRateDropFactor");
            learnRateDropPeriod = dropPeriod;
            return this;
        }

        public Builder learnRateSchedule(LearnRateSchedule value) {
            learnRateSchedule = value;
            return this;
        }

        public Builder validationFrequency(int value) {
            validationFrequency = value;
            return this;
        }

        public Builder validationPatience(double value) {
            validationPatience = number(value, "ValidationPatience");
            return this;
        }

        public Builder outputNetwork(OutputNetwork value) {
            outputNetwork = value;
            return this;
        }

        /**
         * What patience and the best network watch: {@link ObjectiveMetric#LOSS} (default) or
         * {@link ObjectiveMetric#ACCURACY}, which needs a classification network.
         */
        public Builder objectiveMetric(ObjectiveMetric value) {
            objectiveMetric = value;
            return this;
        }

        public Builder verbose(boolean value) {
            verbose = value;
            return this;
        }

        public Builder verboseFrequency(int value) {
            verboseFrequency = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * {@code value}, which a setter of {@code name} was given.
         *
         * @throws IllegalArgumentException if it is NaN, naming the option and the value
         */
        private static double number(double value, String name) {
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException(name + " must be a number, got NaN");
            }
            return value;
        }

        /** @throws IllegalArgumentException naming the first option out of range */
        public TrainingOptions build() {
            double rate = initialLearnRate == null ? defaultLearnRate(solver) : initialLearnRate;
            double decay2 = squaredGradientDecayFactor != null ? squaredGradientDecayFactor
                    : solver.equalsIgnoreCase("rmsprop") ? RmsProp.DEFAULT_DECAY
                    : Adam.DEFAULT_BETA2;
            return new TrainingOptions(solver, rate, momentum, gradientDecayFactor, decay2,
                    epsilon, l2Regularization, gradientThresholdMethod, gradientThreshold,
                    maxEpochs, miniBatchSize, shuffle, keepPartialBatch, learnRateSchedule,
                    learnRateDropFactor, learnRateDropPeriod, validationFrequency,
                    validationPatience, outputNetwork, objectiveMetric, verbose,
                    verboseFrequency, seed);
        }
    }
}
