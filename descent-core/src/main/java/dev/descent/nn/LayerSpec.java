package dev.descent.nn;

import dev.descent.tensor.ActivationFunction;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.io.Serializable;

/**
 * What a layer is, before it has weights: the building blocks of {@link Network#create}.
 * Make them with {@link Layers}; {@link #describe()} gives the compact text form that
 * {@link Layers#parse} reads back. Serializable, so that a network's layout can travel to the
 * machines of a cluster (a {@link Custom} spec must then be serializable in fact).
 */
public sealed interface LayerSpec extends Serializable {

    /** Output width given the input width. */
    int outputSize(int inputSize);

    /** Number of learnable values given the input width (a long: it may exceed an int). */
    default long parameterCount(int inputSize) {
        return 0;
    }

    /** Compact text form, for example {@code fc:64} or {@code dropout:0.3}. */
    String describe();

    /** MATLAB's name stem for layers of this kind, for example {@code fc} or {@code relu}. */
    String nameStem();

    /** Builds the layer, taking its parameters from {@code store} and initialising them. */
    Layer create(String name, int inputSize, Precision precision, ParameterStore.Allocator store,
            Rng rng);

    /** The input layer: the number of features; it passes data through unchanged. */
    record FeatureInput(int size) implements LayerSpec {
        public FeatureInput {
            if (size < 1) {
                throw new IllegalArgumentException("input size must be at least 1, got " + size);
            }
        }

        @Override
        public int outputSize(int inputSize) {
            return size;
        }

        @Override
        public String describe() {
            return "input:" + size;
        }

        @Override
        public String nameStem() {
            return "input";
        }

        @Override
        public Layer create(String name, int inputSize, Precision precision,
                ParameterStore.Allocator store, Rng rng) {
            return new FeatureInputLayer(name, this, precision);
        }
    }

    /**
     * Fully connected: y = x W + b, with Glorot-uniform weights and zero bias.
     *
     * @param hasBias false for a layer without bias (the walkthrough's single neuron)
     */
    record FullyConnected(int size, boolean hasBias, double weightLearnRateFactor,
            double biasLearnRateFactor, double weightL2Factor, double biasL2Factor)
            implements LayerSpec {
        public FullyConnected {
            if (size < 1) {
                throw new IllegalArgumentException("fully connected size must be at least 1, got "
                        + size);
            }
            requireFactor(weightLearnRateFactor, "weight learn-rate factor");
            requireFactor(biasLearnRateFactor, "bias learn-rate factor");
            requireFactor(weightL2Factor, "weight L2 factor");
            requireFactor(biasL2Factor, "bias L2 factor");
        }

        /**
         * The same layer with MATLAB's {@code WeightLearnRateFactor} and
         * {@code BiasLearnRateFactor} (0 freezes the array).
         */
        public FullyConnected withLearnRateFactors(double weight, double bias) {
            return new FullyConnected(size, hasBias, weight, bias, weightL2Factor, biasL2Factor);
        }

        /** The same layer with MATLAB's {@code WeightL2Factor} and {@code BiasL2Factor}. */
        public FullyConnected withL2Factors(double weight, double bias) {
            return new FullyConnected(size, hasBias, weightLearnRateFactor, biasLearnRateFactor,
                    weight, bias);
        }

        @Override
        public int outputSize(int inputSize) {
            return size;
        }

        @Override
        public long parameterCount(int inputSize) {
            return (long) inputSize * size + (hasBias ? size : 0);
        }

        @Override
        public String describe() {
            return "fc:" + size + (hasBias ? "" : ":nobias");
        }

        @Override
        public String nameStem() {
            return "fc";
        }

        @Override
        public Layer create(String name, int inputSize, Precision precision,
                ParameterStore.Allocator store, Rng rng) {
            return new FullyConnectedLayer(name, this, inputSize, precision, store, rng);
        }
    }

    /** An element-wise activation; {@code scale} is the leaky ReLU slope (0 otherwise). */
    record Activation(ActivationFunction function, double scale) implements LayerSpec {
        @Override
        public int outputSize(int inputSize) {
            return inputSize;
        }

        @Override
        public String describe() {
            return function == ActivationFunction.LEAKY_RELU && scale != Layers.LEAKY_RELU_SCALE
                    ? function.id() + ":" + scale
                    : function.id();
        }

        @Override
        public String nameStem() {
            return function.id();
        }

        @Override
        public Layer create(String name, int inputSize, Precision precision,
                ParameterStore.Allocator store, Rng rng) {
            return new ActivationLayer(name, this, inputSize, precision);
        }
    }

    /** Inverted dropout with drop probability {@code probability} in [0, 1). */
    record Dropout(double probability) implements LayerSpec {
        public Dropout {
            if (!(probability >= 0 && probability < 1)) {
                throw new IllegalArgumentException(
                        "dropout probability must be in [0, 1), got " + probability);
            }
        }

        @Override
        public int outputSize(int inputSize) {
            return inputSize;
        }

        @Override
        public String describe() {
            return "dropout:" + probability;
        }

        @Override
        public String nameStem() {
            return "dropout";
        }

        @Override
        public Layer create(String name, int inputSize, Precision precision,
                ParameterStore.Allocator store, Rng rng) {
            return new DropoutLayer(name, this, inputSize, precision, rng.split());
        }
    }

    /** Row-wise softmax. */
    record Softmax() implements LayerSpec {
        @Override
        public int outputSize(int inputSize) {
            return inputSize;
        }

        @Override
        public String describe() {
            return "softmax";
        }

        @Override
        public String nameStem() {
            return "softmax";
        }

        @Override
        public Layer create(String name, int inputSize, Precision precision,
                ParameterStore.Allocator store, Rng rng) {
            return new SoftmaxLayer(name, inputSize, precision);
        }
    }

    /** Cross-entropy for mutually exclusive classes, mean over the mini-batch. */
    record ClassificationOutput() implements LayerSpec {
        @Override
        public int outputSize(int inputSize) {
            return inputSize;
        }

        @Override
        public String describe() {
            return "classification";
        }

        @Override
        public String nameStem() {
            return "classoutput";
        }

        @Override
        public Layer create(String name, int inputSize, Precision precision,
                ParameterStore.Allocator store, Rng rng) {
            return new ClassificationOutputLayer(name, inputSize, precision);
        }
    }

    /** Half mean squared error, divided by the number of observations only. */
    record RegressionOutput() implements LayerSpec {
        @Override
        public int outputSize(int inputSize) {
            return inputSize;
        }

        @Override
        public String describe() {
            return "regression";
        }

        @Override
        public String nameStem() {
            return "regressionoutput";
        }

        @Override
        public Layer create(String name, int inputSize, Precision precision,
                ParameterStore.Allocator store, Rng rng) {
            return new RegressionOutputLayer(name, inputSize, precision);
        }
    }

    /**
     * A layer defined outside the built-in set, like MATLAB's custom layers: implement
     * {@link #create} with a {@link Layer} subclass, and check its backward pass with
     * {@link GradientCheck} before training with it. An output layer must return an
     * {@link OutputLayer} and say so with {@link #isOutput()}.
     */
    non-sealed interface Custom extends LayerSpec {
        /** Whether this is the network's output layer (the one that defines the loss). */
        default boolean isOutput() {
            return false;
        }
    }

    private static void requireFactor(double factor, String what) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException(what + " must be finite and at least 0, got "
                    + factor);
        }
    }
}
