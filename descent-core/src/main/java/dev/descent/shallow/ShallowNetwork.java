package dev.descent.shallow;

import dev.descent.util.Rng;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A shallow feed-forward network in the manner of MATLAB's {@code patternnet}, {@code fitnet}
 * and {@code feedforwardnet}: hidden layers of {@code tansig} neurons and a {@code softmax} or
 * {@code purelin} output layer, inputs processed by {@code removeconstantrows} and
 * {@code mapminmax}, trained full-batch in float64 by a MATLAB training function with early
 * stopping on a validation set.
 *
 * <p>Observations are rows (N x F inputs, N x K targets, row-major), not MATLAB's columns.
 * Like MATLAB's network object the settings are mutable; {@link #train} leaves this network
 * unchanged and returns a trained copy.
 */
public final class ShallowNetwork {
    /** How observations are divided into training, validation and test sets. */
    public enum DivideFcn {
        /** Random, with ratios ({@link Division#dividerand}). */
        DIVIDERAND("dividerand"),
        /** Consecutive blocks, with ratios ({@link Division#divideblock}). */
        DIVIDEBLOCK("divideblock"),
        /** Given indices ({@link Division#divideind}). */
        DIVIDEIND("divideind"),
        /** Everything is training. */
        DIVIDETRAIN("dividetrain");

        private final String id;

        DivideFcn(String id) {
            this.id = id;
        }

        /** MATLAB's name. */
        public String id() {
            return id;
        }
    }

    private final String name;
    private final int[] hiddenSizes;
    private final Transfer hiddenTransfer;
    private final Transfer outputTransfer;
    private final boolean mapOutputs;
    private PerformFcn performFcn;
    private double regularization;
    private TrainParam trainParam;
    private DivideFcn divideFcn = DivideFcn.DIVIDERAND;
    private double trainRatio = 0.70;
    private double valRatio = 0.15;
    private double testRatio = 0.15;
    private Division indices;

    private RemoveConstantRows inputRemove;
    private MapMinMax inputMap;
    private MapMinMax outputMap;
    private int outputSize;
    private double[] wb;

    private ShallowNetwork(String name, int[] hiddenSizes, Transfer outputTransfer,
            boolean mapOutputs, String trainFcn, PerformFcn performFcn) {
        if (hiddenSizes.length == 0) {
            throw new IllegalArgumentException("a shallow network needs at least one hidden layer");
        }
        for (int s : hiddenSizes) {
            if (s < 1) {
                throw new IllegalArgumentException(
                        "hidden layer sizes must be at least 1, got "
                                + Arrays.toString(hiddenSizes));
            }
        }
        this.name = name;
        this.hiddenSizes = hiddenSizes.clone();
        this.hiddenTransfer = Transfer.TANSIG;
        this.outputTransfer = outputTransfer;
        this.mapOutputs = mapOutputs;
        this.performFcn = performFcn;
        this.trainParam = TrainParam.defaults(trainFcn);
    }

    /** {@code patternnet(10)}: trainscg, crossentropy, softmax output. */
    public static ShallowNetwork patternnet() {
        return patternnet(new int[] {10}, "trainscg", "crossentropy");
    }

    /** {@code patternnet(hiddenSizes)} with trainscg and crossentropy. */
    public static ShallowNetwork patternnet(int... hiddenSizes) {
        return patternnet(hiddenSizes, "trainscg", "crossentropy");
    }

    /**
     * {@code patternnet(hiddenSizes, trainFcn, performFcn)}: tansig hidden layers, a softmax
     * output layer (one neuron per class), inputs processed by removeconstantrows and
     * mapminmax, outputs left as probabilities.
     */
    public static ShallowNetwork patternnet(int[] hiddenSizes, String trainFcn,
            String performFcn) {
        return new ShallowNetwork("Pattern Recognition Neural Network", hiddenSizes,
                Transfer.SOFTMAX, false, trainFcn, PerformFcn.parse(performFcn));
    }

    /** {@code fitnet(10)}: trainscg (Descent has no trainlm), mse, purelin output. */
    public static ShallowNetwork fitnet() {
        return fitnet(new int[] {10}, "trainscg");
    }

    /** {@code fitnet(hiddenSizes)} with trainscg (Descent has no trainlm) and mse. */
    public static ShallowNetwork fitnet(int... hiddenSizes) {
        return fitnet(hiddenSizes, "trainscg");
    }

    /**
     * {@code fitnet(hiddenSizes, trainFcn)}: tansig hidden layers, a purelin output layer, mse;
     * inputs and targets processed by mapminmax (targets reverse-mapped on the way out). MATLAB's
     * default trainlm is not implemented, so trainscg is the default here.
     */
    public static ShallowNetwork fitnet(int[] hiddenSizes, String trainFcn) {
        return new ShallowNetwork("Function Fitting Neural Network", hiddenSizes,
                Transfer.PURELIN, true, trainFcn, PerformFcn.MSE);
    }

    /** A deep copy: settings, processing and weights. */
    public ShallowNetwork copy() {
        ShallowNetwork c = new ShallowNetwork(name, hiddenSizes, outputTransfer, mapOutputs,
                trainParam.trainFcn(), performFcn);
        c.regularization = regularization;
        c.trainParam = trainParam.copy();
        c.divideFcn = divideFcn;
        c.trainRatio = trainRatio;
        c.valRatio = valRatio;
        c.testRatio = testRatio;
        c.indices = indices;
        c.inputRemove = inputRemove;
        c.inputMap = inputMap;
        c.outputMap = outputMap;
        c.outputSize = outputSize;
        c.wb = wb == null ? null : wb.clone();
        return c;
    }

    /** MATLAB's network name, for example "Pattern Recognition Neural Network". */
    public String name() {
        return name;
    }

    public int[] hiddenSizes() {
        return hiddenSizes.clone();
    }

    public Transfer hiddenTransfer() {
        return hiddenTransfer;
    }

    public Transfer outputTransfer() {
        return outputTransfer;
    }

    public PerformFcn performFcn() {
        return performFcn;
    }

    /** Sets the performance function (MATLAB's {@code net.performFcn}). */
    public ShallowNetwork performFcn(PerformFcn value) {
        performFcn = Objects.requireNonNull(value);
        return this;
    }

    /** MATLAB's {@code net.performParam.regularization} (default 0). */
    public double regularization() {
        return regularization;
    }

    public ShallowNetwork regularization(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("regularization must be in [0, 1], got " + value);
        }
        regularization = value;
        return this;
    }

    /** Name of the training function, for example {@code trainscg}. */
    public String trainFcn() {
        return trainParam.trainFcn();
    }

    /** Sets the training function; trainParam goes back to that function's defaults. */
    public ShallowNetwork trainFcn(String value) {
        trainParam = TrainParam.defaults(value);
        return this;
    }

    /** MATLAB's {@code net.trainParam} (live: changes apply to this network). */
    public TrainParam trainParam() {
        return trainParam;
    }

    public DivideFcn divideFcn() {
        return divideFcn;
    }

    /** Random or block division with the given ratios (MATLAB's divideParam). */
    public ShallowNetwork divide(DivideFcn fcn, double train, double val, double test) {
        if (fcn != DivideFcn.DIVIDERAND && fcn != DivideFcn.DIVIDEBLOCK) {
            throw new IllegalArgumentException(fcn.id() + " takes no ratios");
        }
        Division.sizes(1, train, val, test);
        divideFcn = fcn;
        trainRatio = train;
        valRatio = val;
        testRatio = test;
        return this;
    }

    /** Division by the given 0-based indices ({@code divideind}). */
    public ShallowNetwork divideind(int[] trainInd, int[] valInd, int[] testInd) {
        divideFcn = DivideFcn.DIVIDEIND;
        indices = new Division(trainInd, valInd, testInd);
        return this;
    }

    /** Everything is training data ({@code dividetrain}). */
    public ShallowNetwork dividetrain() {
        divideFcn = DivideFcn.DIVIDETRAIN;
        return this;
    }

    /** {trainRatio, valRatio, testRatio}. */
    public double[] divideRatios() {
        return new double[] {trainRatio, valRatio, testRatio};
    }

    /** The division of {@code n} observations this network's settings give. */
    public Division divide(int n, Rng rng) {
        return switch (divideFcn) {
            case DIVIDERAND -> Division.dividerand(n, trainRatio, valRatio, testRatio, rng);
            case DIVIDEBLOCK -> Division.divideblock(n, trainRatio, valRatio, testRatio);
            case DIVIDEIND -> Division.divideind(n, indices.trainInd(), indices.valInd(),
                    indices.testInd());
            case DIVIDETRAIN -> Division.divideblock(n, 1, 0, 0);
        };
    }

    /** Whether {@link #configure} has run. */
    public boolean isConfigured() {
        return wb != null;
    }

    /**
     * MATLAB's {@code configure} followed by {@code init}: processing settings from all
     * {@code rows} observations, layer sizes from the processed data, then Nguyen-Widrow
     * weights for the hidden layers and uniform [-1, 1] for the output layer.
     *
     * @param x inputs, {@code rows x inputSize}
     * @param t targets, {@code rows x outputSize}
     * @throws IllegalArgumentException if the sizes disagree, or no feature varies
     */
    public ShallowNetwork configure(double[] x, int rows, int inputSize, double[] t,
            int outputSize, Rng rng) {
        checkData(x, rows, inputSize, t, outputSize);
        inputRemove = RemoveConstantRows.fit(x, rows, inputSize);
        if (inputRemove.outputSize() == 0) {
            throw new IllegalArgumentException("every one of the " + inputSize
                    + " input features is constant (or NaN) across the " + rows
                    + " observations; nothing to learn from");
        }
        inputMap = MapMinMax.fit(inputRemove.apply(x, rows), rows, inputRemove.outputSize());
        outputMap = mapOutputs ? MapMinMax.fit(t, rows, outputSize) : null;
        this.outputSize = outputSize;
        init(rng);
        return this;
    }

    private static void checkData(double[] x, int rows, int inputSize, double[] t,
            int outputSize) {
        if (rows < 1 || inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("need at least one observation, feature and "
                    + "output, got " + rows + ", " + inputSize + " and " + outputSize);
        }
        if (x.length != rows * inputSize) {
            throw new IllegalArgumentException("inputs must hold " + rows + "x" + inputSize
                    + " values, got " + x.length);
        }
        if (t.length != rows * outputSize) {
            throw new IllegalArgumentException("targets must hold " + rows + "x" + outputSize
                    + " values, got " + t.length);
        }
    }

    /** New initial weights (MATLAB's {@code init}); needs {@link #configure} first. */
    public ShallowNetwork init(Rng rng) {
        requireConfigured();
        int[] sizes = sizes();
        double[] weights = new double[ShallowObjective.offsets(sizes)[sizes.length - 1]];
        int offset = 0;
        double inMin = -1;
        double inMax = 1;
        for (int l = 0; l + 1 < sizes.length; l++) {
            Transfer f = l + 1 < sizes.length - 1 ? hiddenTransfer : outputTransfer;
            int s = sizes[l + 1];
            int r = sizes[l];
            if (f.hasFiniteActiveRange()) {
                NguyenWidrow.init(s, r, f, inMin, inMax, rng, weights, offset);
            } else {
                for (int i = 0; i < s * (r + 1); i++) {
                    weights[offset + i] = 2 * rng.nextDouble() - 1;
                }
            }
            offset += s * (r + 1);
            inMin = f == Transfer.LOGSIG ? 0 : -1;
            inMax = 1;
        }
        wb = weights;
        return this;
    }

    private void requireConfigured() {
        if (inputRemove == null) {
            throw new IllegalStateException("the network has no input and output sizes yet; "
                    + "call configure or train first");
        }
    }

    /** Layer widths: processed inputs, hidden sizes, outputs. */
    public int[] sizes() {
        requireConfigured();
        int[] sizes = new int[hiddenSizes.length + 2];
        sizes[0] = inputRemove.outputSize();
        System.arraycopy(hiddenSizes, 0, sizes, 1, hiddenSizes.length);
        sizes[sizes.length - 1] = outputSize;
        return sizes;
    }

    /** Transfer function of each layer. */
    public Transfer[] transfers() {
        Transfer[] t = new Transfer[hiddenSizes.length + 1];
        Arrays.fill(t, hiddenTransfer);
        t[hiddenSizes.length] = outputTransfer;
        return t;
    }

    /** Number of raw input features (before removeconstantrows). */
    public int inputSize() {
        requireConfigured();
        return inputRemove.inputSize();
    }

    public int outputSize() {
        requireConfigured();
        return outputSize;
    }

    /** The input processing settings. */
    public RemoveConstantRows inputRemoveConstantRows() {
        requireConfigured();
        return inputRemove;
    }

    public MapMinMax inputMapMinMax() {
        requireConfigured();
        return inputMap;
    }

    /** The output (target) mapminmax settings, or null (patternnet). */
    public MapMinMax outputMapMinMax() {
        return outputMap;
    }

    /** All weights and biases (MATLAB's {@code getwb}; layout in {@link ShallowObjective}). */
    public double[] getwb() {
        requireConfigured();
        return wb.clone();
    }

    /** Sets all weights and biases (MATLAB's {@code setwb}). */
    public ShallowNetwork setwb(double[] values) {
        requireConfigured();
        if (values.length != wb.length) {
            throw new IllegalArgumentException(
                    "the network has " + wb.length + " weights and biases, got " + values.length);
        }
        wb = values.clone();
        return this;
    }

    /** The processed inputs (removeconstantrows then mapminmax) of {@code rows} observations. */
    public double[] processInputs(double[] x, int rows) {
        requireConfigured();
        if (x.length != rows * inputRemove.inputSize()) {
            throw new IllegalArgumentException("inputs must hold " + rows + "x"
                    + inputRemove.inputSize() + " values, got " + x.length);
        }
        return inputMap.apply(inputRemove.apply(x, rows), rows);
    }

    /**
     * The performance on the observations {@code subset} of ({@code x}, {@code t}) as a
     * function of the weights.
     */
    public ShallowObjective objective(double[] processed, double[] t, int[] subset) {
        int[] sizes = sizes();
        int r = sizes[0];
        double[] xs = new double[subset.length * r];
        double[] ts = new double[subset.length * outputSize];
        for (int i = 0; i < subset.length; i++) {
            System.arraycopy(processed, subset[i] * r, xs, i * r, r);
            System.arraycopy(t, subset[i] * outputSize, ts, i * outputSize, outputSize);
        }
        return new ShallowObjective(sizes, transfers(), performFcn, regularization, outputMap,
                xs, ts, subset.length);
    }

    /** The layout, transfer and performance functions and output processing. */
    public ShallowModel model() {
        return new ShallowModel(sizes(), transfers(), performFcn, outputMap);
    }

    /**
     * A loader of shards of the observations {@code subset} (in that order) of the data that
     * {@code reader} reads, for a {@link dev.descent.optim.batch.DistributedEvaluator}; the
     * shards' blocks equal those of {@link #objective(double[], double[], int[])}.
     *
     * @param rows the number of observations the reader must find
     */
    public dev.descent.optim.batch.ShardLoader shardLoader(ShallowData.Reader reader,
            int[] subset, int rows) {
        requireConfigured();
        return new ShallowShardLoader(reader, inputRemove, inputMap, model(), subset, rows);
    }

    /** The network's outputs for {@code rows} raw observations (MATLAB's {@code net(x)}). */
    public double[] predict(double[] x, int rows) {
        double[] processed = processInputs(x, rows);
        ShallowObjective objective = new ShallowObjective(sizes(), transfers(), performFcn,
                regularization, outputMap, processed, new double[rows * outputSize], rows);
        objective.value(wb);
        return objective.lastOutputs().clone();
    }

    /** The class of each observation: the index of its largest output (first on ties). */
    public int[] classify(double[] x, int rows) {
        return argmaxRows(predict(x, rows), rows, outputSize);
    }

    /** Index of the largest value of each row (MATLAB's {@code vec2ind(compet(y'))}). */
    public static int[] argmaxRows(double[] y, int rows, int cols) {
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                if (y[r * cols + j] > bestValue) {
                    bestValue = y[r * cols + j];
                    best = j;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** One-hot targets, {@code labels.length x classes} (MATLAB's {@code ind2vec}, transposed). */
    public static double[] oneHot(int[] labels, int classes) {
        double[] t = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of observation "
                        + (i + 1) + " is outside [0, " + classes + ")");
            }
            t[i * classes + labels[i]] = 1;
        }
        return t;
    }

    /**
     * MATLAB's {@code [net, tr] = train(net, x, t)}: configures the network on all observations
     * if it is not configured yet, divides them, trains, and returns the trained copy with its
     * training record. This network is not changed.
     *
     * @param listener receives each epoch's record and the status lines; may be null
     */
    public ShallowTraining train(double[] x, int rows, double[] t, int outputSize, Rng rng,
            ShallowTrainer.Listener listener) {
        return train(x, rows, t, outputSize, rng, listener, null);
    }

    /**
     * {@link #train(double[], int, double[], int, Rng, ShallowTrainer.Listener)} with the
     * training objective built by {@code objective} (for example on a cluster, see
     * {@link ShallowTrainer#distributed}); null builds it in memory.
     */
    public ShallowTraining train(double[] x, int rows, double[] t, int outputSize, Rng rng,
            ShallowTrainer.Listener listener, ShallowTrainer.TrainingObjective objective) {
        if (outputTransfer == Transfer.SOFTMAX) {
            requireTwoClasses(t, rows, outputSize);
        }
        ShallowNetwork net = copy();
        if (!net.isConfigured()) {
            net.configure(x, rows, x.length / Math.max(rows, 1), t, outputSize, rng);
        }
        return ShallowTrainer.train(net, x, rows, t, rng, listener, objective);
    }

    /** Case B30 (d): targets of a single class leave a softmax nothing to learn. */
    private static void requireTwoClasses(double[] t, int rows, int classes) {
        int present = 0;
        int only = -1;
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < rows; i++) {
                if (t[i * classes + k] > 0) {
                    present++;
                    only = k;
                    break;
                }
            }
        }
        if (present < 2) {
            throw new IllegalArgumentException("classification needs at least 2 classes in the"
                    + " targets, found " + present + (present == 1 ? " (class " + (only + 1)
                    + " of " + classes + ")" : ""));
        }
    }

    @Override
    public String toString() {
        String sizes = inputRemove == null ? "unconfigured" : Arrays.toString(sizes());
        return String.format(Locale.ROOT, "%s %s (%s hidden, %s output, %s, %s)", name, sizes,
                hiddenTransfer.id(), outputTransfer.id(), trainFcn(), performFcn.id());
    }

    /** Class names for display, when known. */
    static List<String> defaultClassNames(int k) {
        String[] names = new String[k];
        for (int i = 0; i < k; i++) {
            names[i] = Integer.toString(i + 1);
        }
        return List.of(names);
    }
}
