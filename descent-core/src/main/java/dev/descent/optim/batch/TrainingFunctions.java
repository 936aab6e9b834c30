package dev.descent.optim.batch;

import java.util.List;
import java.util.Locale;

/** The full-batch training functions by MATLAB name, with MATLAB's {@code trainParam}. */
public final class TrainingFunctions {
    /** Every name {@link #create} accepts, in the order the docs list them. */
    public static final List<String> NAMES =
            List.of("trainscg", "traingd", "traingdm", "traingda", "traingdx", "trainrp");

    private TrainingFunctions() {}

    /** Whether {@code name} is a full-batch training function (case-insensitive). */
    public static boolean isTrainingFunction(String name) {
        return NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the training function {@code name} takes its steps with a learning rate
     * ({@code trainParam.lr}): the gradient-descent functions, not trainscg or trainrp.
     */
    public static boolean hasLearnRate(String name) {
        return List.of("traingd", "traingdm", "traingda", "traingdx")
                .contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * A new instance of {@code name} with MATLAB's defaults.
     *
     * @throws IllegalArgumentException naming the accepted functions
     */
    public static TrainingFunction create(String name) {
        return create(name, Double.NaN);
    }

    /**
     * A new instance of {@code name}; {@code learnRate} replaces the default {@code lr} of the
     * gradient-descent functions (NaN keeps it; ignored by trainscg and trainrp, which have no
     * rate).
     *
     * @throws IllegalArgumentException naming the accepted functions
     */
    public static TrainingFunction create(String name, double learnRate) {
        boolean given = !Double.isNaN(learnRate);
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "trainscg" -> new ScaledConjugateGradient();
            case "traingd" -> new GradientDescent(
                    given ? learnRate : GradientDescent.DEFAULT_LEARN_RATE);
            case "traingdm" -> new GradientDescentMomentum(
                    given ? learnRate : GradientDescentMomentum.DEFAULT_LEARN_RATE,
                    GradientDescentMomentum.DEFAULT_MOMENTUM);
            case "traingda" -> new AdaptiveGradientDescent(
                    given ? learnRate : AdaptiveGradientDescent.DEFAULT_LEARN_RATE,
                    AdaptiveGradientDescent.DEFAULT_LEARN_RATE_INCREASE,
                    AdaptiveGradientDescent.DEFAULT_LEARN_RATE_DECREASE,
                    AdaptiveGradientDescent.DEFAULT_MAX_PERFORMANCE_INCREASE);
            case "traingdx" -> new AdaptiveMomentumGradientDescent(
                    given ? learnRate : AdaptiveMomentumGradientDescent.DEFAULT_LEARN_RATE,
                    AdaptiveMomentumGradientDescent.DEFAULT_MOMENTUM,
                    AdaptiveMomentumGradientDescent.DEFAULT_LEARN_RATE_INCREASE,
                    AdaptiveMomentumGradientDescent.DEFAULT_LEARN_RATE_DECREASE,
                    AdaptiveMomentumGradientDescent.DEFAULT_MAX_PERFORMANCE_INCREASE);
            case "trainrp" -> new ResilientBackpropagation();
            default -> throw new IllegalArgumentException("training function must be one of "
                    + String.join(", ", NAMES) + ", got " + name);
        };
    }
}
