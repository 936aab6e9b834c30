package dev.descent.cli;

import dev.descent.nn.Layer;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.nn.PassListener;
import dev.descent.nn.ParameterStore;
import dev.descent.optim.Sgdm;
import dev.descent.tensor.ActivationFunction;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.List;

/**
 * The lesson's single neuron, run on the engine: a feature input of n values, a fully connected
 * layer of one unit without bias (weights {@code w}), an activation f, and the regression loss,
 * which for one observation is L = 1/2 (y - yhat)^2. Every number comes from the layers that
 * train networks, in float64, read through a {@link PassListener}; the update is one step of
 * the SGD solver (momentum 0).
 */
final class NeuronWalkthrough {
    private NeuronWalkthrough() {}

    /**
     * The numbers of one forward pass, backward pass and update.
     *
     * @param dyhatDz f'(z), the activation's local derivative
     */
    record Result(double[] x, double[] w, double y, double learnRate,
            ActivationFunction activation, double z, double yhat, double loss, double dLdyhat,
            double dyhatDz, double dLdz, double[] dLdw, double[] wNew, double zNew,
            double yhatNew, double lossNew) {

        /** Whether a ReLU neuron did not fire (z &lt;= 0): its gradient is 0. */
        boolean deadRelu() {
            return activation == ActivationFunction.RELU && z <= 0;
        }
    }

    /**
     * Runs the walkthrough.
     *
     * @throws IllegalArgumentException if x and w differ in length or a value is not finite
     */
    static Result run(double[] x, double[] w, double y, double learnRate,
            ActivationFunction activation) {
        if (x.length != w.length) {
            throw new IllegalArgumentException("--x has " + x.length + " values but --w has "
                    + w.length + "; give one weight per input");
        }
        requireFinite(x, "--x");
        requireFinite(w, "--w");
        requireFinite(new double[] {y}, "--y");
        if (!(learnRate > 0) || Double.isInfinite(learnRate)) {
            throw new IllegalArgumentException("--lr must be a finite number greater than 0, got "
                    + learnRate);
        }
        LayerSpec fc = Layers.fullyConnectedNoBias(1);
        Network network = Network.create(List.of(Layers.featureInput(x.length), fc,
                Layers.activation(activation), Layers.regression()), Precision.FLOAT64,
                new Rng(0), List.of());
        ParameterStore store = network.parameters();
        store.setValues(w);
        Matrix input = Matrix.of(Precision.FLOAT64, 1, x.length, x);
        Matrix target = Matrix.of(Precision.FLOAT64, 1, 1, y);
        Listener seen = new Listener();
        network.setPassListener(seen);

        double loss = network.computeGradients(input, target, true);
        double[] dLdw = store.gradientsAsDoubles();
        network.setPassListener(null);
        double scale = ((LayerSpec.Activation) network.layers().get(2).spec()).scale();
        double dyhatDz = activation.derivative(seen.z, seen.yhat, scale);

        store.pullGradients();
        Sgdm.plain().step(store, learnRate);
        store.pushValues();
        double[] wNew = store.valuesAsDoubles();
        network.setPassListener(seen);
        network.forward(input, false);
        double lossNew = network.loss(target);
        Result result = new Result(x.clone(), w.clone(), y, learnRate, activation, seen.firstZ,
                seen.firstYhat, loss, seen.dLdyhat, dyhatDz, seen.dLdz, dLdw, wNew, seen.z,
                seen.yhat, lossNew);
        requireFinite(result);
        return result;
    }

    /** Refuses a result with a non-finite number, naming the first one in the trace's order. */
    private static void requireFinite(Result r) {
        String forward = "--x and --w";
        String backward = "--x, --w and --y";
        String update = "--x, --w, --y and --lr";
        requireFinite("z = w . x", r.z(), forward);
        requireFinite("yhat = f(z)", r.yhat(), forward);
        requireFinite("the loss L", r.loss(), backward);
        requireFinite("dL/dyhat", r.dLdyhat(), backward);
        requireFinite("dL/dz", r.dLdz(), backward);
        for (int i = 0; i < r.dLdw().length; i++) {
            requireFinite("dL/dw" + (i + 1), r.dLdw()[i], backward);
        }
        for (int i = 0; i < r.wNew().length; i++) {
            requireFinite("w" + (i + 1) + " after the update", r.wNew()[i], update);
        }
        requireFinite("the loss after the update", r.lossNew(), update);
    }

    /**
     * Refuses a computed {@code value} that is not finite: it overflowed (Inf) or met an
     * overflow (NaN) because the numbers given by {@code options} are too large.
     */
    static void requireFinite(String quantity, double value, String options) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(quantity + " is " + Numbers.format(value) + ": "
                    + options + " are too large for double precision (largest about 1.8e+308); "
                    + "pass smaller values");
        }
    }

    static void requireFinite(double[] values, String option) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(option + " values must be finite, got " + v);
            }
        }
    }

    /** Reads z, yhat, dL/dyhat and dL/dz off the engine's passes. */
    private static final class Listener implements PassListener {
        double z = Double.NaN;
        double yhat = Double.NaN;
        double firstZ = Double.NaN;
        double firstYhat = Double.NaN;
        double dLdyhat = Double.NaN;
        double dLdz = Double.NaN;

        @Override
        public void forwarded(int index, Layer layer, Matrix input, Matrix output) {
            if (index == 1) {
                z = output.getFlat(0);
                firstZ = Double.isNaN(firstZ) ? z : firstZ;
            } else if (index == 2) {
                yhat = output.getFlat(0);
                firstYhat = Double.isNaN(firstYhat) ? yhat : firstYhat;
            }
        }

        @Override
        public void lossGradient(Matrix gradient, boolean fusedWithSoftmax) {
            dLdyhat = gradient.getFlat(0);
        }

        @Override
        public void backwarded(int index, Layer layer, Matrix outputGrad, Matrix inputGrad) {
            if (index == 2) {
                dLdz = inputGrad.getFlat(0);
            }
        }
    }
}
