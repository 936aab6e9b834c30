package dev.descent.optim.batch;

/**
 * When MATLAB's shallow training loop stops ({@code net.trainParam}): checked before every
 * iteration in this order, first match wins: performance at most {@code goal}, {@code epochs}
 * iterations done, {@code time} seconds elapsed, gradient norm at most {@code minGradient},
 * {@code maxFail} validation failures in a row.
 *
 * @param epochs maximum number of iterations, &gt;= 0 (MATLAB 1000)
 * @param goal performance goal (MATLAB 0)
 * @param maxFail validation failures that stop the run, &gt;= 1 (MATLAB 6)
 * @param minGradient gradient norm that stops the run (1e-6 for trainscg, 1e-5 otherwise)
 * @param timeSeconds time limit, may be infinite (MATLAB Inf)
 */
public record StoppingCriteria(int epochs, double goal, int maxFail, double minGradient,
        double timeSeconds) {
    public static final int DEFAULT_EPOCHS = 1000;
    public static final int DEFAULT_MAX_FAIL = 6;

    public StoppingCriteria {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be at least 0, got " + epochs);
        }
        if (Double.isNaN(goal)) {
            throw new IllegalArgumentException("goal must be a number, got NaN");
        }
        if (maxFail < 1) {
            throw new IllegalArgumentException("max_fail must be at least 1, got " + maxFail);
        }
        if (!(minGradient >= 0)) {
            throw new IllegalArgumentException("min_grad must be at least 0, got " + minGradient);
        }
        if (!(timeSeconds > 0)) {
            throw new IllegalArgumentException("time must be greater than 0 (Inf for none), got "
                    + timeSeconds);
        }
    }

    /** MATLAB's defaults for {@code function}: 1000 epochs, goal 0, max_fail 6, no limit. */
    public static StoppingCriteria defaults(TrainingFunction function) {
        return new StoppingCriteria(DEFAULT_EPOCHS, 0, DEFAULT_MAX_FAIL,
                function.defaultMinGradient(), Double.POSITIVE_INFINITY);
    }

    public StoppingCriteria withEpochs(int value) {
        return new StoppingCriteria(value, goal, maxFail, minGradient, timeSeconds);
    }

    public StoppingCriteria withGoal(double value) {
        return new StoppingCriteria(epochs, value, maxFail, minGradient, timeSeconds);
    }

    public StoppingCriteria withMaxFail(int value) {
        return new StoppingCriteria(epochs, goal, value, minGradient, timeSeconds);
    }

    public StoppingCriteria withMinGradient(double value) {
        return new StoppingCriteria(epochs, goal, maxFail, value, timeSeconds);
    }

    public StoppingCriteria withTimeSeconds(double value) {
        return new StoppingCriteria(epochs, goal, maxFail, minGradient, value);
    }
}
