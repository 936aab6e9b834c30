package dev.descent.nn;

import dev.descent.tensor.ActivationFunction;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.ArrayList;
import java.util.BitSet;
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
 * <p>Kinks: where a step of the differences moves a ReLU or leaky ReLU input across 0 (exactly
 * 0 happens when a whole layer below is inactive and the biases are 0), the numeric derivative
 * mixes both slopes and says nothing about the backward pass. Such an element is skipped, not
 * compared: every evaluation records on which side of 0 each of those inputs lies, and an
 * element whose four evaluations (w +- h, w +- 2h) do not all agree with the unperturbed pass
 * is counted in {@link ArrayResult#skipped}. {@link #kinkDistance} measures how close the
 * inputs come. Kinks of custom layers are not seen.
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
     * @param skipped elements not compared because a step of the differences moves a ReLU or
     *     leaky ReLU input across its kink at 0
     */
    public record ArrayResult(String name, int size, double maxRelativeError, int worstIndex,
            double analytic, double numeric, int skipped) {

        /**
         * Whether every element was skipped: then nothing of the array was compared,
         * {@code maxRelativeError} is 0, {@code worstIndex} -1 and the values NaN.
         */
        public boolean allSkipped() {
            return skipped == size;
        }
    }

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
        PassListener previous = reference.network().passListener();
        reference.network().setPassListener(reference.sides());
        try {
            reference.loss(values);
            BitSet unperturbed = reference.sides().positive();
            for (Parameter p : store.parameters()) {
                results.add(checkArray(reference, p, analytic, values.clone(), floor,
                        unperturbed));
            }
        } finally {
            reference.network().setPassListener(previous);
            store.setValues(values);
            network.restoreDropoutStates(dropoutStates);
        }
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
                if (hasKink(layer)) {
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

    /** Whether {@code layer} is a ReLU or leaky ReLU, whose derivative jumps at 0. */
    private static boolean hasKink(Layer layer) {
        return layer.spec() instanceof LayerSpec.Activation activation
                && (activation.function() == ActivationFunction.RELU
                        || activation.function() == ActivationFunction.LEAKY_RELU);
    }

    /** The largest relative error over all arrays (0 for arrays whose elements were skipped). */
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

    /**
     * The loss of a network as a function of its parameter vector; while {@link #sides} listens
     * to the network, it records on which side of the kinks the last evaluation was.
     */
    private record Evaluation(Network network, Matrix x, Matrix target, boolean training,
            long[] dropoutStates, KinkSides sides) {
        Evaluation(Network network, Matrix x, Matrix target, boolean training,
                long[] dropoutStates) {
            this(network, x, target, training, dropoutStates, new KinkSides());
        }

        double loss(double[] values) {
            network.parameters().setValues(values);
            network.restoreDropoutStates(dropoutStates);
            sides.clear();
            network.forward(x, training);
            return network.loss(target);
        }
    }

    /** Bit k set: the k-th ReLU or leaky ReLU input of the last forward pass is above 0. */
    private static final class KinkSides implements PassListener {
        private final BitSet positive = new BitSet();
        private int count;

        void clear() {
            positive.clear();
            count = 0;
        }

        BitSet positive() {
            return (BitSet) positive.clone();
        }

        @Override
        public void forwarded(int index, Layer layer, Matrix input, Matrix output) {
            if (hasKink(layer)) {
                for (int i = 0; i < input.size(); i++) {
                    positive.set(count++, input.getFlat(i) > 0);
                }
            }
        }
    }

    private static ArrayResult checkArray(Evaluation reference, Parameter p, double[] analytic,
            double[] values, double floor, BitSet unperturbed) {
        double worst = 0;
        int worstIndex = -1;
        double worstNumeric = Double.NaN;
        int skipped = 0;
        for (int i = p.offset(); i < p.offset() + p.size(); i++) {
            Difference difference = numericDerivative(reference, values, i, unperturbed);
            if (difference.crossesKink()) {
                skipped++;
                continue;
            }
            double numeric = difference.value();
            double a = analytic[i];
            double scale = Math.max(floor, Math.max(Math.abs(a), Math.abs(numeric)));
            double error = Math.abs(a - numeric) / scale;
            // NaN (a non-finite gradient) counts as the worst possible error.
            if (!(error <= worst) || worstIndex < 0) {
                worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
                worstIndex = i - p.offset();
                worstNumeric = numeric;
            }
        }
        double worstAnalytic = worstIndex < 0 ? Double.NaN : analytic[p.offset() + worstIndex];
        return new ArrayResult(p.name(), p.size(), worst, worstIndex, worstAnalytic,
                worstNumeric, skipped);
    }

    /** A numeric derivative, and whether one of its steps moved a ReLU input across 0. */
    private record Difference(double value, boolean crossesKink) {}

    private static Difference numericDerivative(Evaluation reference, double[] values, int i,
            BitSet unperturbed) {
        double original = values[i];
        double[] offsets = {2 * STEP, STEP, -STEP, -2 * STEP};
        double[] losses = new double[4];
        boolean crossesKink = false;
        for (int s = 0; s < 4; s++) {
            values[i] = original + offsets[s];
            losses[s] = reference.loss(values);
            crossesKink |= !reference.sides().positive.equals(unperturbed);
        }
        values[i] = original;
        return new Difference((-losses[0] + 8 * losses[1] - 8 * losses[2] + losses[3])
                / (12 * STEP), crossesKink);
    }
}
