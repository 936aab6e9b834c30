package dev.descent.nn;

import dev.descent.tensor.ActivationFunction;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the backward pass with finite differences of the loss, parameter by parameter.
 *
 * <p>The numerical derivative is the five-point central difference
 * (-L(w+2h) + 8 L(w+h) - 8 L(w-h) + L(w-2h)) / (12 h), whose truncation error is O(h^4), always
 * computed in float64: a float32 network is checked against a float64 twin holding the same
 * values, so its analytic gradient (computed in float32 by the same layer code) is compared with
 * an exact reference. The relative error of one element is
 * |analytic - numeric| / max(|analytic|, |numeric|, floor), where the floor keeps round-off on
 * near-zero gradients from reading as a failure.
 *
 * <p>In training mode the dropout masks are pinned: every evaluation starts from the same
 * dropout generator states, so the loss is a smooth function of the weights and dropout's
 * backward pass is checked too. The network's values and dropout states are restored after
 * the check.
 *
 * <p>Known limit: where a ReLU or leaky ReLU input lies within reach of the kink at 0 (exactly
 * 0 happens when a whole layer below is inactive and the biases are 0), the numeric derivative
 * mixes both slopes and the check can fail without a bug. {@link #kinkDistance} measures how
 * close the inputs come, so callers can warn or choose other data.
 */
public final class GradientCheck {
    /**
     * Step of the finite differences: large enough that the round-off of the loss, about
     * 1.5 eps |L| / h, stays far below the floor, small enough that the O(h^4) truncation error
     * is negligible.
     */
    public static final double STEP = 5e-4;
    /** Smallest denominator of the relative error for float64 networks. */
    public static final double FLOOR = 1e-4;
    /** Smallest denominator of the relative error for float32 networks. */
    public static final double FLOOR_FLOAT32 = 1e-3;

    private GradientCheck() {}

    /**
     * The result for one parameter array.
     *
     * @param worstIndex flat index of the element with the largest relative error
     * @param analytic the backward pass's value at {@code worstIndex}
     * @param numeric the finite-difference value at {@code worstIndex}
     */
    public record ArrayResult(String name, int size, double maxRelativeError, int worstIndex,
            double analytic, double numeric) {}

    /**
     * The largest relative error a correct network of {@code precision} stays below: 1e-7 for
     * float64 (the five-point rule's error plus round-off), 1e-3 for float32 (float32
     * round-off in the forward and backward pass).
     */
    public static double tolerance(Precision precision) {
        return precision == Precision.FLOAT64 ? 1e-7 : 1e-3;
    }

    /** Results for every parameter array, in network order, in prediction mode. */
    public static List<ArrayResult> check(Network network, Matrix x, Matrix target) {
        return check(network, x, target, false);
    }

    /**
     * Results for every parameter array, in network order.
     *
     * @param training whether to run in training mode (dropout active, with pinned masks)
     */
    public static List<ArrayResult> check(Network network, Matrix x, Matrix target,
            boolean training) {
        ParameterStore store = network.parameters();
        long[] dropoutStates = network.dropoutStates();
        double[] values = store.valuesAsDoubles();
        network.computeGradients(x, target, training);
        double[] analytic = store.gradientsAsDoubles();
        network.restoreDropoutStates(dropoutStates);

        Evaluation reference = network.precision() == Precision.FLOAT64
                ? new Evaluation(network, x, target, training, dropoutStates)
                : new Evaluation(twin(network, values), asFloat64(x), asFloat64(target),
                        training, dropoutStates);
        double floor = network.precision() == Precision.FLOAT64 ? FLOOR : FLOOR_FLOAT32;
        List<ArrayResult> results = new ArrayList<>();
        for (Parameter p : store.parameters()) {
            results.add(checkArray(reference, p, analytic, values.clone(), floor));
        }
        store.setValues(values);
        network.restoreDropoutStates(dropoutStates);
        return results;
    }

    /**
     * The smallest |z| over the inputs of the ReLU and leaky ReLU layers in a forward pass of
     * {@code x}, or infinity without such layers: below about 10 h, finite differences may
     * straddle the kink.
     */
    public static double kinkDistance(Network network, Matrix x, boolean training) {
        double[] smallest = {Double.POSITIVE_INFINITY};
        PassListener previous = network.passListener();
        long[] dropoutStates = network.dropoutStates();
        network.setPassListener(new PassListener() {
            @Override
            public void forwarded(int index, Layer layer, Matrix input, Matrix output) {
                if (layer.spec() instanceof LayerSpec.Activation activation
                        && (activation.function() == ActivationFunction.RELU
                                || activation.function() == ActivationFunction.LEAKY_RELU)) {
                    for (int i = 0; i < input.size(); i++) {
                        smallest[0] = Math.min(smallest[0], Math.abs(input.getFlat(i)));
                    }
                }
            }
        });
        try {
            network.forward(x, training);
        } finally {
            network.setPassListener(previous);
            network.restoreDropoutStates(dropoutStates);
        }
        return smallest[0];
    }

    /** The largest relative error over all arrays. */
    public static double maxRelativeError(List<ArrayResult> results) {
        return results.stream().mapToDouble(ArrayResult::maxRelativeError).max().orElse(0);
    }

    /** A float64 copy of {@code network} holding {@code values}. */
    private static Network twin(Network network, double[] values) {
        Network copy = Network.create(network.specs(), Precision.FLOAT64, new Rng(0),
                network.classes());
        copy.parameters().setValues(values);
        return copy;
    }

    private static Matrix asFloat64(Matrix m) {
        return Matrix.of(Precision.FLOAT64, m.rows(), m.cols(), m.toDoubleArray());
    }

    /** The loss of a network as a function of its parameter vector. */
    private record Evaluation(Network network, Matrix x, Matrix target, boolean training,
            long[] dropoutStates) {
        double loss(double[] values) {
            network.parameters().setValues(values);
            network.restoreDropoutStates(dropoutStates);
            network.forward(x, training);
            return network.loss(target);
        }
    }

    private static ArrayResult checkArray(Evaluation reference, Parameter p, double[] analytic,
            double[] values, double floor) {
        double worst = 0;
        int worstIndex = 0;
        double worstNumeric = 0;
        for (int i = p.offset(); i < p.offset() + p.size(); i++) {
            double numeric = numericDerivative(reference, values, i);
            double a = analytic[i];
            double scale = Math.max(floor, Math.max(Math.abs(a), Math.abs(numeric)));
            double error = Math.abs(a - numeric) / scale;
            // NaN (a non-finite gradient) counts as the worst possible error.
            if (!(error <= worst) || i == p.offset()) {
                worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
                worstIndex = i - p.offset();
                worstNumeric = numeric;
            }
        }
        return new ArrayResult(p.name(), p.size(), worst, worstIndex,
                analytic[p.offset() + worstIndex], worstNumeric);
    }

    private static double numericDerivative(Evaluation reference, double[] values, int i) {
        double original = values[i];
        double[] offsets = {2 * STEP, STEP, -STEP, -2 * STEP};
        double[] losses = new double[4];
        for (int s = 0; s < 4; s++) {
            values[i] = original + offsets[s];
            losses[s] = reference.loss(values);
        }
        values[i] = original;
        return (-losses[0] + 8 * losses[1] - 8 * losses[2] + losses[3]) / (12 * STEP);
    }
}
