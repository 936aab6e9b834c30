package dev.descent.cli;

import dev.descent.nn.Layer;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.Network;
import dev.descent.nn.Parameter;
import dev.descent.nn.PassListener;
import dev.descent.nn.ParameterStore;
import dev.descent.optim.Sgdm;
import dev.descent.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * One example through any network, forward and backward, recorded layer by layer by a
 * {@link PassListener} on the engine, then one plain gradient-descent step (the SGD solver with
 * momentum 0) and the loss after it. Dropout runs in training mode; the loss after the update
 * reuses the same dropout masks, so the two losses compare.
 */
final class LayerTrace {
    private LayerTrace() {}

    /** One learnable array: its values before and after the update and its gradient. */
    record ParameterStep(String name, int rows, int cols, double[] value, double[] gradient,
            double[] updated) {}

    /**
     * What one layer saw: {@code input} and {@code output} of the forward pass (null for the
     * output layer), {@code outputGrad} dL/d(output) and {@code inputGrad} dL/d(input) of the
     * backward pass (null where the pass did not reach or compute them).
     */
    record LayerStep(int index, Layer layer, double[] input, double[] output,
            double[] outputGrad, double[] inputGrad, List<ParameterStep> parameters) {
        LayerSpec spec() {
            return layer.spec();
        }
    }

    /**
     * The whole trace.
     *
     * @param lossGradient dL/d(prediction), or dL/dz below the softmax when {@code fused}
     */
    record Result(Network network, double[] x, double[] target, double loss,
            double[] prediction, double[] lossGradient, boolean fused, List<LayerStep> layers,
            double learnRate, double[] predictionNew, double lossNew) {}

    /** Runs the trace of one example {@code x} (1 x inputs) with target {@code target}. */
    static Result run(Network network, Matrix x, Matrix target, double learnRate) {
        int count = network.layers().size();
        Recorder recorder = new Recorder(count);
        long[] dropoutStates = network.dropoutStates();
        network.setPassListener(recorder);
        double loss;
        try {
            loss = network.computeGradients(x, target, true);
        } finally {
            network.setPassListener(null);
        }
        double[] prediction = recorder.lastOutput();

        ParameterStore store = network.parameters();
        List<double[]> before = new ArrayList<>();
        List<double[]> gradients = new ArrayList<>();
        for (Parameter p : store.parameters()) {
            before.add(p.value().toDoubleArray());
            gradients.add(p.gradient().toDoubleArray());
        }
        store.pullGradients();
        Sgdm.plain().step(store, learnRate);
        store.pushValues();

        network.restoreDropoutStates(dropoutStates);
        double[] predictionNew = network.forward(x, true).toDoubleArray();
        double lossNew = network.loss(target);

        List<LayerStep> steps = new ArrayList<>();
        int parameterIndex = 0;
        for (int i = 0; i < count; i++) {
            Layer layer = network.layers().get(i);
            List<ParameterStep> parameters = new ArrayList<>();
            for (Parameter p : layer.parameters()) {
                parameters.add(new ParameterStep(p.name(), p.value().rows(), p.value().cols(),
                        before.get(parameterIndex), gradients.get(parameterIndex),
                        p.value().toDoubleArray()));
                parameterIndex++;
            }
            steps.add(new LayerStep(i, layer, recorder.inputs[i], recorder.outputs[i],
                    recorder.outputGrads[i], recorder.inputGrads[i], parameters));
        }
        Result result = new Result(network, x.toDoubleArray(), target.toDoubleArray(), loss,
                prediction, recorder.lossGradient, recorder.fused, steps, learnRate,
                predictionNew, lossNew);
        requireFinite(result);
        return result;
    }

    /** Refuses a trace with a non-finite number, naming the first one in the trace's order. */
    private static void requireFinite(Result r) {
        for (LayerStep step : r.layers()) {
            requireFinite("the output of " + step.layer().name(), step.output(), "--x");
        }
        NeuronWalkthrough.requireFinite("the loss", r.loss(), "--x and --y");
        requireFinite("dL/d(prediction)", r.lossGradient(), "--x and --y");
        for (int i = r.layers().size() - 1; i >= 0; i--) {
            LayerStep step = r.layers().get(i);
            requireFinite("dL/d(input) of " + step.layer().name(), step.inputGrad(),
                    "--x and --y");
            for (ParameterStep p : step.parameters()) {
                requireFinite("the gradient of " + p.name(), p.gradient(), "--x and --y");
            }
        }
        for (LayerStep step : r.layers()) {
            for (ParameterStep p : step.parameters()) {
                requireFinite(p.name() + " after the update", p.updated(),
                        "--x, --y and --lr");
            }
        }
        requireFinite("the prediction after the update", r.predictionNew(),
                "--x, --y and --lr");
        NeuronWalkthrough.requireFinite("the loss after the update", r.lossNew(),
                "--x, --y and --lr");
    }

    private static void requireFinite(String quantity, double[] values, String options) {
        for (int i = 0; values != null && i < values.length; i++) {
            NeuronWalkthrough.requireFinite(quantity, values[i], options);
        }
    }

    /** Copies what the engine shows it (its matrices are reused buffers). */
    private static final class Recorder implements PassListener {
        final double[][] inputs;
        final double[][] outputs;
        final double[][] outputGrads;
        final double[][] inputGrads;
        double[] lossGradient;
        boolean fused;
        private int last = -1;

        Recorder(int layers) {
            inputs = new double[layers][];
            outputs = new double[layers][];
            outputGrads = new double[layers][];
            inputGrads = new double[layers][];
        }

        double[] lastOutput() {
            return outputs[last];
        }

        @Override
        public void forwarded(int index, Layer layer, Matrix input, Matrix output) {
            inputs[index] = input.toDoubleArray();
            outputs[index] = output.toDoubleArray();
            last = index;
        }

        @Override
        public void lossGradient(Matrix gradient, boolean fusedWithSoftmax) {
            lossGradient = gradient.toDoubleArray();
            fused = fusedWithSoftmax;
        }

        @Override
        public void backwarded(int index, Layer layer, Matrix outputGrad, Matrix inputGrad) {
            outputGrads[index] = outputGrad.toDoubleArray();
            inputGrads[index] = inputGrad == null ? null : inputGrad.toDoubleArray();
        }
    }
}
