package dev.descent.optim.batch;

/**
 * A differentiable full-batch objective E(w) over a flattened parameter vector, in float64:
 * the performance of all training data and its gradient with respect to every parameter.
 *
 * <p>This is the contract between the full-batch {@link TrainingFunction}s and whatever they
 * train (a shallow network, a test function such as Rosenbrock). Implementations may keep
 * scratch buffers but must be deterministic: the same {@code parameters} give the same value.
 * They must not keep or modify the arrays they are handed.
 *
 * {@snippet :
 * Objective quadratic = (w, gradient) -> {
 *     gradient[0] = 2 * w[0];
 *     return w[0] * w[0];
 * };
 * }
 */
@FunctionalInterface
public interface Objective {

    /**
     * The objective at {@code parameters}; writes dE/dw into {@code gradient}.
     *
     * @param parameters the point, length n (read only)
     * @param gradient receives the gradient, length n
     * @return E(parameters); may be non-finite, which the training functions treat as a
     *     step that does not decrease the objective
     */
    double evaluate(double[] parameters, double[] gradient);

    /**
     * The objective alone. The default calls {@link #evaluate} with a scratch gradient;
     * override it when the value is cheaper to compute without the gradient.
     */
    default double value(double[] parameters) {
        return evaluate(parameters, new double[parameters.length]);
    }
}
