package dev.descent.optim.batch;

import java.util.Map;

/**
 * A full-batch training function of MATLAB's shallow toolbox ({@code trainscg},
 * {@code traingd}, ...), driven one iteration (MATLAB "epoch") at a time over a flattened
 * float64 parameter vector.
 *
 * <p>Call order: {@link #start} once, then {@link #iterate} as often as the caller's stopping
 * rules allow (see {@link FullBatchTrainer} for MATLAB's loop). After {@code start} and after
 * every {@code iterate}, {@link #performance()}, {@link #gradientNorm()} and
 * {@link #parameters()} describe the current (accepted) point. An iteration may reject its
 * trial step ({@code traingda}, {@code traingdx}, a failed {@code trainscg} step); the point
 * then stays where it was. Instances hold state and are not thread safe; use one per run.
 *
 * {@snippet :
 * TrainingFunction scg = TrainingFunctions.create("trainscg");
 * scg.start(objective, initialWeights);
 * while (scg.gradientNorm() > 1e-6) {
 *     scg.iterate();
 * }
 * double[] weights = scg.parameters();
 * }
 */
public interface TrainingFunction {

    /** MATLAB's name, for example {@code trainscg}. */
    String name();

    /**
     * Starts at {@code initial} (copied): evaluates the objective and its gradient there and
     * resets all state (rates, directions, scale parameters).
     *
     * @throws IllegalArgumentException if {@code initial} is empty
     */
    void start(Objective objective, double[] initial);

    /**
     * One iteration of the algorithm. Does nothing when the gradient is exactly zero.
     *
     * @throws IllegalStateException before {@link #start}
     */
    void iterate();

    /** E(w) at the current point. */
    double performance();

    /** Euclidean norm of the gradient at the current point (MATLAB's {@code gradient}). */
    double gradientNorm();

    /** A copy of the current parameter vector. */
    double[] parameters();

    /** A copy of the gradient at the current point. */
    double[] gradient();

    /** Whether the last {@link #iterate} moved the point (always true for some functions). */
    boolean lastStepAccepted();

    /** Number of iterations since {@link #start}. */
    int iterations();

    /**
     * Algorithm state worth recording per iteration, by MATLAB's names: {@code lr} for
     * {@code traingda} and {@code traingdx}, {@code lambda} for {@code trainscg}; empty for
     * the others.
     */
    Map<String, Double> state();

    /** MATLAB's {@code min_grad} default for this function (1e-6 for trainscg, else 1e-5). */
    double defaultMinGradient();
}
