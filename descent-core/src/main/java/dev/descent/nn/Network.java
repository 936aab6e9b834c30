package dev.descent.nn;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A feed-forward network: an input layer, hidden layers and an output layer that defines the
 * loss. {@link #forward} predicts; {@link #computeGradients} runs the forward and backward pass
 * of one batch and leaves dL/d(parameters) in the {@link ParameterStore}.
 *
 * <p>When a softmax layer is followed by a classification output, the loss and its gradient are
 * computed together from the softmax input (log-sum-exp), and the gradient dL/dz = (p - t) / B
 * enters the backward pass below the softmax.
 *
 * {@snippet :
 * Network net = Network.create(List.of(Layers.featureInput(784), Layers.fullyConnected(64),
 *         Layers.relu(), Layers.fullyConnected(10), Layers.softmax(), Layers.classification()),
 *         Precision.FLOAT32, new Rng(356), classNames);
 * }
 */
public final class Network {
    private final List<Layer> layers;
    private final List<LayerSpec> specs;
    private final ParameterStore store;
    private final Precision precision;
    private final List<String> classes;
    private final OutputLayer output;
    private final int softmaxIndex;
    private Matrix logits;
    private Matrix prediction;
    private PassListener listener;
    /** The largest batch {@link #checkBatchSize} has passed. */
    private int checkedRows;
    /**
     * Per layer index: how many layers, from this fully connected one, run as one fused pass
     * (bias, rectifier and dropout: 3; bias and rectifier: 2), or 1.
     */
    private final int[] fusedSpan;

    private Network(List<LayerSpec> specs, List<Layer> layers, ParameterStore store,
            Precision precision, List<String> classes) {
        this.specs = List.copyOf(specs);
        this.layers = List.copyOf(layers);
        this.store = store;
        this.precision = precision;
        this.classes = List.copyOf(classes);
        this.output = (OutputLayer) layers.get(layers.size() - 1);
        int beforeOutput = layers.size() - 2;
        this.softmaxIndex = output.isClassification()
                && layers.get(beforeOutput) instanceof SoftmaxLayer ? beforeOutput : -1;
        this.fusedSpan = fusedSpans(this.layers);
        if (this.layers.get(1) instanceof FullyConnectedLayer first) {
            first.skipZeroColumns(true);
        }
    }

    /**
     * Where a fully connected layer with bias is followed by a ReLU or leaky ReLU (and maybe a
     * dropout), the three element-wise passes (bias, activation, dropout) and the two of the
     * backward pass (dropout, activation) run as one each: the same values with fewer trips
     * through memory. Only without a {@link PassListener}, which sees every layer.
     */
    private static int[] fusedSpans(List<Layer> layers) {
        int[] spans = new int[layers.size()];
        int hidden = layers.size() - 1;
        for (int i = 0; i < hidden; i++) {
            spans[i] = 1;
            if (i + 1 < hidden && layers.get(i) instanceof FullyConnectedLayer fc
                    && fc.bias() != null && layers.get(i + 1) instanceof ActivationLayer act
                    && act.isRectifier()) {
                spans[i] = i + 2 < hidden && layers.get(i + 2) instanceof DropoutLayer ? 3 : 2;
            }
        }
        return spans;
    }

    /**
     * Builds a network from specifications, initialising weights from {@code rng}.
     *
     * @param specs a feature input first and an output layer last
     * @param classes class names in output order (empty for regression); their number must
     *     equal the width of the output
     * @throws IllegalArgumentException if the list is not a valid network, or its parameters
     *     do not fit in a buffer ({@link #checkSize})
     */
    public static Network create(List<LayerSpec> specs, Precision precision, Rng rng,
            List<String> classes) {
        Layers.validate(specs);
        int total = (int) checkSize(specs, precision, 1);
        int width = 0;
        for (LayerSpec spec : specs) {
            width = spec.outputSize(width);
        }
        LayerSpec last = specs.get(specs.size() - 1);
        if (last instanceof LayerSpec.ClassificationOutput && width != classes.size()) {
            throw new IllegalArgumentException("the network has " + width + " outputs but the"
                    + " data has " + classes.size() + " classes; make the last fully connected"
                    + " layer " + classes.size() + " wide");
        }
        ParameterStore store = new ParameterStore(precision, total);
        ParameterStore.Allocator allocator = store.allocator();
        List<Layer> layers = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        width = 0;
        for (LayerSpec spec : specs) {
            int n = counts.merge(spec.nameStem(), 1, Integer::sum);
            String name = unique(spec) ? spec.nameStem() : spec.nameStem() + "_" + n;
            layers.add(spec.create(name, width, precision, allocator, rng));
            width = spec.outputSize(width);
        }
        if (!(layers.get(layers.size() - 1) instanceof OutputLayer)) {
            throw new IllegalArgumentException("the last layer (" + last.describe()
                    + ") must create an OutputLayer");
        }
        store.pullValues();
        return new Network(specs, layers, store, precision, classes);
    }

    /**
     * Checks that a network of {@code specs} fits in memory buffers: its parameters, and each
     * layer's activations for a batch of {@code batchSize} rows, must each fit in one buffer of
     * at most {@link Matrix#maxElements} elements (an {@code int} count of bytes). Sizes are
     * computed in {@code long}.
     *
     * @return the number of parameters
     * @throws IllegalArgumentException naming the first layer that does not fit, and the count
     */
    public static long checkSize(List<LayerSpec> specs, Precision precision, int batchSize) {
        long limit = Matrix.maxElements(precision);
        long total = 0;
        int width = 0;
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec spec = specs.get(i);
            long count = spec.parameterCount(width);
            total += count;
            width = spec.outputSize(width);
            String layer = "layer " + (i + 1) + " (" + spec.describe() + ")";
            if (total > limit) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: too large: its %,d parameters bring the network to %,d, more than"
                                + " the %,d a %s network can hold", layer, count, total, limit,
                        name(precision)));
            }
            long activations = (long) batchSize * width;
            if (activations > limit) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: too large: its activations for a batch of %d rows are %d x %d ="
                                + " %,d values, more than the %,d a %s buffer can hold", layer,
                        batchSize, batchSize, width, activations, limit, name(precision)));
            }
        }
        return total;
    }

    /** The number of parameters of a network of {@code specs}, in {@code long}. */
    public static long parameterCount(List<LayerSpec> specs) {
        long total = 0;
        int width = 0;
        for (LayerSpec spec : specs) {
            total += spec.parameterCount(width);
            width = spec.outputSize(width);
        }
        return total;
    }

    /**
     * Checks that this network's activations for a batch of {@code rows} rows fit in buffers
     * (see {@link #checkSize}); {@link #forward} calls it for each larger batch.
     *
     * @throws IllegalArgumentException naming the first layer that does not fit
     */
    public void checkBatchSize(int rows) {
        if (rows > checkedRows) {
            checkSize(specs, precision, rows);
            checkedRows = rows;
        }
    }

    private static String name(Precision precision) {
        return precision.name().toLowerCase(Locale.ROOT);
    }

    private static boolean unique(LayerSpec spec) {
        return spec instanceof LayerSpec.FeatureInput || spec instanceof LayerSpec.Softmax
                || spec instanceof LayerSpec.ClassificationOutput
                || spec instanceof LayerSpec.RegressionOutput;
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The specifications the network was built from. */
    public List<LayerSpec> specs() {
        return specs;
    }

    public ParameterStore parameters() {
        return store;
    }

    public Precision precision() {
        return precision;
    }

    /** Class names in output order; empty for regression. */
    public List<String> classes() {
        return classes;
    }

    public boolean isClassification() {
        return output.isClassification();
    }

    public int inputSize() {
        return layers.get(0).inputSize();
    }

    public int outputSize() {
        return output.outputSize();
    }

    public OutputLayer outputLayer() {
        return output;
    }

    /**
     * Sets the listener that sees every layer of the following forward and backward passes
     * (the backpropagation trace); {@code null} removes it.
     */
    public void setPassListener(PassListener listener) {
        this.listener = listener;
    }

    /** The listener set by {@link #setPassListener}, or {@code null}. */
    public PassListener passListener() {
        return listener;
    }

    /**
     * The predictions (scores or responses) for batch {@code x}; a network buffer, valid until
     * the next call.
     */
    public Matrix forward(Matrix x, boolean training) {
        checkBatchSize(x.rows());
        Matrix a = x;
        for (int i = 0; i < layers.size() - 1; ) {
            if (i == softmaxIndex) {
                logits = a;
            }
            int span = listener == null ? fusedSpan[i] : 1;
            if (span > 1) {
                FullyConnectedLayer fc = (FullyConnectedLayer) layers.get(i);
                DropoutLayer dropout = span == 3 ? (DropoutLayer) layers.get(i + 2) : null;
                a = ((ActivationLayer) layers.get(i + 1)).forwardFused(fc.product(a, training),
                        fc.bias(), dropout, training);
                i += span;
                continue;
            }
            Matrix input = a;
            a = layers.get(i).forward(a, training);
            if (listener != null) {
                listener.forwarded(i, layers.get(i), input, a);
            }
            i++;
        }
        prediction = a;
        return a;
    }

    /** The loss of the last forward batch against {@code target} (data loss, no L2 term). */
    public double loss(Matrix target) {
        return softmaxIndex >= 0
                ? ((ClassificationOutputLayer) output).lossFromLogits(logits, target,
                        (SoftmaxLayer) layers.get(softmaxIndex))
                : output.loss(prediction, target);
    }

    /**
     * Forward pass in training mode, loss, and backward pass: afterwards the store's gradients
     * hold dL/d(parameters) for this batch.
     *
     * @return the batch loss
     */
    public double computeGradients(Matrix x, Matrix target, boolean training) {
        forward(x, training);
        double loss = loss(target);
        backward(target);
        return loss;
    }

    /** Backward pass of the last forward batch. */
    public void backward(Matrix target) {
        Matrix grad;
        int start;
        if (softmaxIndex >= 0) {
            grad = ((ClassificationOutputLayer) output).gradientFromLogits(prediction, target);
            start = softmaxIndex - 1;
        } else {
            grad = output.lossGradient(prediction, target);
            start = layers.size() - 2;
        }
        if (listener != null) {
            listener.lossGradient(grad, softmaxIndex >= 0);
        }
        // Layer 0 is the input layer; nothing below it needs a gradient.
        for (int i = start; i >= 1; i--) {
            if (listener == null && i >= 2 && fusedSpan[i - 2] == 3
                    && ((DropoutLayer) layers.get(i)).masked()) {
                grad = ((ActivationLayer) layers.get(i - 1)).backwardFused(grad,
                        (DropoutLayer) layers.get(i));
                i--;
                continue;
            }
            Matrix outputGrad = grad;
            grad = layers.get(i).backward(grad, i > 1);
            if (listener != null) {
                listener.backwarded(i, layers.get(i), outputGrad, grad);
            }
        }
    }

    /** The dropout generators' states, in layer order (for checkpoints). */
    public long[] dropoutStates() {
        return layers.stream().filter(l -> l instanceof DropoutLayer)
                .mapToLong(l -> ((DropoutLayer) l).rng().state()).toArray();
    }

    /** Restores states from {@link #dropoutStates()}. */
    public void restoreDropoutStates(long[] states) {
        int i = 0;
        for (Layer layer : layers) {
            if (layer instanceof DropoutLayer dropout) {
                dropout.rng().restore(states[i++]);
            }
        }
    }

    @Override
    public String toString() {
        return Layers.describe(specs) + " (" + store.size() + " parameters, " + precision + ")";
    }
}
