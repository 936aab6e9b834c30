package dev.descent.io;

import dev.descent.nn.Network;
import dev.descent.nn.Parameter;
import dev.descent.nn.ParameterStore;
import dev.descent.tensor.Precision;
import dev.descent.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads trained networks in Descent's model format (docs/model-format.md): a binary
 * file with magic bytes, a version, a JSON header (layers, precision, classes, optional
 * preprocessing and training summary), the weights as little-endian arrays and a CRC-32C.
 * Never Java serialization: loading a file runs no code from it, and every size is checked
 * against the file's length before anything is allocated.
 *
 * {@snippet :
 * ModelFile.write(Path.of("digits.descent"), network);
 * Network same = ModelFile.read(Path.of("digits.descent"));  // bit-identical predictions
 * }
 */
public final class ModelFile {
    /** The file name ending Descent uses for models and checkpoints. */
    public static final String EXTENSION = ".descent";
    static final String FORMAT = "descent-model";
    private static final String XMIN = "preprocessing.xmin";
    private static final String XMAX = "preprocessing.xmax";

    private ModelFile() {}

    /**
     * A network with what else a model file carries.
     *
     * @param preprocessing input processing to apply before the network, or {@code null}
     * @param training how the network was trained, or {@code null}
     */
    public record SavedModel(Network network, Preprocessing preprocessing,
            TrainingSummary training) {
        /**
         * @throws IllegalArgumentException if the preprocessing output width differs from the
         *     network's input width
         */
        public SavedModel {
            if (network == null) {
                throw new IllegalArgumentException("network must not be null");
            }
            if (preprocessing != null && preprocessing.outputSize() != network.inputSize()) {
                throw new IllegalArgumentException("preprocessing produces "
                        + preprocessing.outputSize() + " features but the network takes "
                        + network.inputSize());
            }
        }

        /** A model of {@code network} alone. */
        public static SavedModel of(Network network) {
            return new SavedModel(network, null, null);
        }
    }

    /**
     * How the saved network was trained.
     *
     * @param options the training options used
     * @param stopReason why training ended, in words (for example "Max epochs completed"), or
     *     empty
     * @param epochs epochs run
     * @param iterations iterations run
     */
    public record TrainingSummary(TrainingOptions options, String stopReason, int epochs,
            int iterations) {
        public TrainingSummary {
            if (options == null) {
                throw new IllegalArgumentException("options must not be null");
            }
            stopReason = stopReason == null ? "" : stopReason;
        }
    }

    /**
     * Writes {@code network} to {@code file}, atomically (temporary file in the same folder,
     * then a rename), replacing any file there.
     *
     * @throws IllegalArgumentException if a weight is NaN or infinite (never saved)
     * @throws IOException if the folder cannot be written or {@code file} is a folder (the
     *     message names {@code file}, never the temporary file)
     */
    public static void write(Path file, Network network) throws IOException {
        write(file, SavedModel.of(network));
    }

    /** Writes {@code model}; see {@link #write(Path, Network)}. */
    public static void write(Path file, SavedModel model) throws IOException {
        Network network = model.network();
        requireFiniteWeights(network);
        Container.Writer writer = new Container.Writer();
        writer.put("format", FORMAT);
        Codec.putNetwork(writer, network);
        ParameterStore store = network.parameters();
        store.pullValues();
        if (network.precision() == Precision.FLOAT32) {
            writer.add(Codec.PARAMETERS, store.heapValues32().clone());
        } else {
            writer.add(Codec.PARAMETERS, store.heapValues64().clone());
        }
        putPreprocessing(writer, model.preprocessing());
        putTraining(writer, model.training());
        writer.writeAtomically(file);
    }

    /**
     * Reads the network in {@code file} (a model or a checkpoint).
     *
     * @throws ModelFormatException naming the file when it is not a Descent model, has an
     *     unsupported version, is truncated or corrupt, or describes an invalid network
     */
    public static Network read(Path file) throws IOException {
        return load(file).network();
    }

    /** Reads a model with its preprocessing and training summary; see {@link #read}. */
    public static SavedModel load(Path file) throws IOException {
        try (Container.Reader reader = Container.open(file)) {
            Fields header = new Fields(reader.header(), file, "header");
            String format = header.string("format");
            if (!format.equals(FORMAT) && !format.equals(CheckpointFile.FORMAT)) {
                throw header.fault("format is \"" + format + "\", expected \"" + FORMAT + "\"");
            }
            Network network = Codec.readNetwork(reader, Codec.PARAMETERS);
            Preprocessing preprocessing = readPreprocessing(reader, header);
            TrainingSummary training = readTraining(header);
            try {
                return new SavedModel(network, preprocessing, training);
            } catch (IllegalArgumentException e) {
                throw header.fault(e.getMessage());
            }
        }
    }

    static void requireFiniteWeights(Network network) {
        double[] values = network.parameters().valuesAsDoubles();
        for (Parameter p : network.parameters().parameters()) {
            for (int i = 0; i < p.size(); i++) {
                double v = values[p.offset() + i];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("refusing to save a network with a "
                            + "non-finite weight: " + p.name() + " element " + (i + 1) + " is "
                            + v + "; training diverged (try a smaller learning rate)");
                }
            }
        }
    }

    private static void putPreprocessing(Container.Writer writer, Preprocessing p) {
        if (p == null) {
            writer.put("preprocessing", null);
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "removeconstantrows+mapminmax");
        m.put("input_size", p.inputSize());
        List<Object> removed = new ArrayList<>();
        boolean[] keep = p.keep();
        for (int j = 0; j < keep.length; j++) {
            if (!keep[j]) {
                removed.add(j);
            }
        }
        m.put("removed", removed);
        m.put("ymin", p.ymin());
        m.put("ymax", p.ymax());
        writer.put("preprocessing", m);
        writer.add(XMIN, p.xmin());
        writer.add(XMAX, p.xmax());
    }

    private static Preprocessing readPreprocessing(Container.Reader reader, Fields header)
            throws IOException {
        if (!header.has("preprocessing")) {
            return null;
        }
        Fields p = header.object("preprocessing");
        String kind = p.string("kind");
        if (!kind.equals("removeconstantrows+mapminmax")) {
            throw p.fault("unknown preprocessing \"" + kind + "\"");
        }
        int inputSize = p.integer("input_size", 1, Integer.MAX_VALUE);
        long[] removed = p.integers("removed");
        if (removed.length > inputSize) {
            throw p.fault("preprocessing removes " + removed.length + " of " + inputSize
                    + " features");
        }
        Container.ArrayInfo xmin = reader.array(XMIN);
        Container.ArrayInfo xmax = reader.array(XMAX);
        if (xmin == null || xmax == null) {
            throw p.fault("preprocessing needs the arrays " + XMIN + " and " + XMAX);
        }
        long kept = (long) inputSize - removed.length;
        if (xmin.count() != kept || xmax.count() != kept) {
            throw p.fault("preprocessing keeps " + kept + " features but " + XMIN + " has "
                    + xmin.count() + " values and " + XMAX + " " + xmax.count());
        }
        // input_size is now bounded by the file's length (kept values + header entries).
        boolean[] keep = new boolean[inputSize];
        Arrays.fill(keep, true);
        long previous = -1;
        for (long j : removed) {
            if (j <= previous || j >= inputSize) {
                throw p.fault("preprocessing.removed must list increasing feature indices"
                        + " below " + inputSize + ", got " + j);
            }
            keep[(int) j] = false;
            previous = j;
        }
        try {
            return new Preprocessing(keep, reader.doubles(xmin), reader.doubles(xmax),
                    p.number("ymin"), p.number("ymax"));
        } catch (IllegalArgumentException e) {
            throw p.fault(e.getMessage());
        }
    }

    private static void putTraining(Container.Writer writer, TrainingSummary t) {
        if (t == null) {
            writer.put("training", null);
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("options", Codec.options(t.options()));
        m.put("stop_reason", t.stopReason());
        m.put("epochs", t.epochs());
        m.put("iterations", t.iterations());
        writer.put("training", m);
    }

    private static TrainingSummary readTraining(Fields header) throws ModelFormatException {
        if (!header.has("training")) {
            return null;
        }
        Fields t = header.object("training");
        TrainingOptions options = Codec.readOptions(t.object("options"));
        String stop = t.has("stop_reason") ? t.string("stop_reason") : "";
        int epochs = t.has("epochs") ? t.integer("epochs", 0, Integer.MAX_VALUE) : 0;
        int iterations = t.has("iterations") ? t.integer("iterations", 0, Integer.MAX_VALUE)
                : 0;
        return new TrainingSummary(options, stop, epochs, iterations);
    }
}
