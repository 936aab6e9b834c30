package dev.descent.nn;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the backward pass with finite differences of the loss, parameter by parameter.
 *
 * <p>The numerical derivative is the five-point central difference
 * (-L(w+2h) + 8 L(w+h) - 8 L(w-h) + L(w-2h)) / (12 h), whose truncation error is O(h^4). The
 * relative error of one element is |analytic - numeric| / max(|analytic|, |numeric|, floor),
 * where the floor keeps round-off on near-zero gradients from reading as a failure. Run it on a
 * float64 network in prediction mode (dropout is the identity then).
 */
public final class GradientCheck {
    /** Step of the finite differences. */
    public static final double STEP = 1e-4;
    /** Smallest denominator of the relative error. */
    public static final double FLOOR = 1e-5;

    private GradientCheck() {}

    /**
     * The result for one parameter array.
     *
     * @param worstIndex flat index of the element with the largest relative error
     */
    public record ArrayResult(String name, int size, double maxRelativeError, int worstIndex,
            double analytic, double numeric) {}

    /** Results for every parameter array, in network order. */
    public static List<ArrayResult> check(Network network, Matrix x, Matrix target) {
        if (network.precision() != Precision.FLOAT64) {
            throw new IllegalArgumentException("gradient checks need a float64 network, got "
                    + network.precision());
        }
        ParameterStore store = network.parameters();
        network.computeGradients(x, target, false);
        double[] analytic = store.gradientsAsDoubles();
        double[] values = store.valuesAsDoubles();
        List<ArrayResult> results = new ArrayList<>();
        for (Parameter p : store.parameters()) {
            results.add(checkArray(network, x, target, p, analytic, values));
        }
        store.setValues(values);
        return results;
    }

    private static ArrayResult checkArray(Network network, Matrix x, Matrix target, Parameter p,
            double[] analytic, double[] values) {
        double worst = 0;
        int worstIndex = 0;
        double worstNumeric = 0;
        for (int i = p.offset(); i < p.offset() + p.size(); i++) {
            double numeric = numericDerivative(network, x, target, values, i);
            double a = analytic[i];
            double scale = Math.max(FLOOR, Math.max(Math.abs(a), Math.abs(numeric)));
            double error = Math.abs(a - numeric) / scale;
            if (error > worst || i == p.offset()) {
                worst = error;
                worstIndex = i - p.offset();
                worstNumeric = numeric;
            }
        }
        return new ArrayResult(p.name(), p.size(), worst, worstIndex,
                analytic[p.offset() + worstIndex], worstNumeric);
    }

    private static double numericDerivative(Network network, Matrix x, Matrix target,
            double[] values, int i) {
        double original = values[i];
        double[] offsets = {2 * STEP, STEP, -STEP, -2 * STEP};
        double[] losses = new double[4];
        for (int s = 0; s < 4; s++) {
            values[i] = original + offsets[s];
            network.parameters().setValues(values);
            network.forward(x, false);
            losses[s] = network.loss(target);
        }
        values[i] = original;
        return (-losses[0] + 8 * losses[1] - 8 * losses[2] + losses[3]) / (12 * STEP);
    }

    /** The largest relative error over all arrays. */
    public static double maxRelativeError(List<ArrayResult> results) {
        return results.stream().mapToDouble(ArrayResult::maxRelativeError).max().orElse(0);
    }
}
