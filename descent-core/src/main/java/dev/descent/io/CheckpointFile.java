package dev.descent.io;

import dev.descent.nn.Network;
import dev.descent.optim.SolverState;
import dev.descent.train.IterationRecord;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training checkpoints: everything {@link Trainer#resume} needs to continue a run exactly as if
 * it had not stopped (network and its values, solver state, generator states, shuffle order,
 * early-stopping state, history and options). Same container as {@link ModelFile}, with format
 * {@code descent-checkpoint}; all arrays are float64 (float32 values convert exactly), so a
 * resumed run is bit-identical. {@link ModelFile#read} reads the network of a checkpoint too.
 */
public final class CheckpointFile {
    static final String FORMAT = "descent-checkpoint";
    private static final String BEST = "best_parameters";
    private static final String ORDER = "order";
    private static final String HISTORY = "history";
    private static final String SOLVER = "solver.";
    private static final int RECORD_FIELDS = 8;

    private CheckpointFile() {}

    /** A checkpoint as read back: the network (at the checkpoint's values) and the run. */
    public record Saved(Network network, TrainingOptions options, Trainer.Checkpoint checkpoint) {}

    /**
     * Writes a checkpoint atomically. {@code network} supplies the layers, precision and
     * classes; the values come from {@code checkpoint}.
     *
     * @throws IllegalArgumentException if the checkpoint does not fit the network
     */
    public static void write(Path file, Network network, TrainingOptions options,
            Trainer.Checkpoint checkpoint) throws IOException {
        int size = network.parameters().size();
        if (checkpoint.parameters().length != size) {
            throw new IllegalArgumentException("checkpoint has " + checkpoint.parameters().length
                    + " parameters but the network has " + size);
        }
        Container.Writer writer = new Container.Writer();
        writer.put("format", FORMAT);
        Codec.putNetwork(writer, network);
        writer.add(Codec.PARAMETERS, checkpoint.parameters());

        Map<String, Object> training = new LinkedHashMap<>();
        training.put("options", Codec.options(options));
        writer.put("training", training);

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("epoch", checkpoint.epoch());
        run.put("iteration", checkpoint.iteration());
        run.put("learn_rate", checkpoint.learnRate());
        run.put("shuffle_state", checkpoint.shuffleState());
        List<Object> dropout = new ArrayList<>();
        for (long state : checkpoint.dropoutStates()) {
            dropout.add(state);
        }
        run.put("dropout_states", dropout);
        SolverState solver = checkpoint.solver();
        Map<String, Object> solverFields = new LinkedHashMap<>();
        solverFields.put("name", solver.solver());
        solverFields.put("steps", solver.steps());
        solverFields.put("arrays", solver.arrays().size());
        run.put("solver", solverFields);
        run.put("best_loss", checkpoint.bestLoss());
        run.put("best_iteration", checkpoint.bestIteration());
        run.put("failures", checkpoint.failures());
        run.put("elapsed_seconds", checkpoint.elapsedSeconds());
        run.put("records", checkpoint.records().size());
        writer.put("checkpoint", run);

        if (checkpoint.bestParameters() != null) {
            writer.add(BEST, checkpoint.bestParameters());
        }
        for (int i = 0; i < solver.arrays().size(); i++) {
            writer.add(SOLVER + i, solver.arrays().get(i));
        }
        writer.add(ORDER, checkpoint.order());
        writer.add(HISTORY, flatten(checkpoint.records()));
        writer.writeAtomically(file);
    }

    private static double[] flatten(List<IterationRecord> records) {
        double[] out = new double[records.size() * RECORD_FIELDS];
        int k = 0;
        for (IterationRecord r : records) {
            out[k++] = r.epoch();
            out[k++] = r.iteration();
            out[k++] = r.learnRate();
            out[k++] = r.trainingLoss();
            out[k++] = r.trainingAccuracy();
            out[k++] = r.validationLoss();
            out[k++] = r.validationAccuracy();
            out[k++] = r.elapsedSeconds();
        }
        return out;
    }

    /**
     * Reads a checkpoint written by {@link #write}.
     *
     * @throws ModelFormatException naming the file if it is not a checkpoint or is damaged
     */
    public static Saved read(Path file) throws IOException {
        try (Container.Reader reader = Container.open(file)) {
            Fields header = new Fields(reader.header(), file, "header");
            String format = header.string("format");
            if (!format.equals(FORMAT)) {
                throw header.fault("format is \"" + format + "\", expected \"" + FORMAT + "\""
                        + (format.equals(ModelFile.FORMAT) ? " (this is a model, which holds"
                                + " no training state to resume)" : ""));
            }
            Network network = Codec.readNetwork(reader, Codec.PARAMETERS);
            int size = network.parameters().size();
            TrainingOptions options = Codec.readOptions(header.object("training")
                    .object("options"));
            Fields run = header.object("checkpoint");
            if (options.isFullBatch()) {
                throw run.fault("checkpoint is for " + options.solver() + ", a full-batch "
                        + "training function; those write no checkpoints");
            }

            long[] dropout = run.integers("dropout_states");
            int dropoutLayers = network.dropoutStates().length;
            if (dropout.length != dropoutLayers) {
                throw run.fault("checkpoint has " + dropout.length + " dropout states but the"
                        + " network has " + dropoutLayers + " dropout layers");
            }
            Fields solverFields = run.object("solver");
            String solverName = solverFields.string("name");
            String expectedSolver = options.createSolver().name();
            if (!solverName.equals(expectedSolver)) {
                throw run.fault("solver state is for " + solverName + " but the options use "
                        + expectedSolver);
            }
            int arrays = solverFields.integer("arrays", 0, 16);
            List<double[]> solverArrays = new ArrayList<>();
            for (int i = 0; i < arrays; i++) {
                solverArrays.add(doubles(reader, run, SOLVER + i, size, true));
            }
            SolverState solver = new SolverState(solverName, solverFields.integer("steps"),
                    solverArrays);

            double[] parameters = doubles(reader, run, Codec.PARAMETERS, size, false);
            double[] best = reader.array(BEST) == null ? null
                    : doubles(reader, run, BEST, size, false);
            int[] order = order(reader, run);
            int recordCount = run.integer("records", 0, Integer.MAX_VALUE / RECORD_FIELDS);
            List<IterationRecord> records = records(reader, run, recordCount);

            Trainer.Checkpoint checkpoint = new Trainer.Checkpoint(
                    run.integer("epoch", 0, Integer.MAX_VALUE),
                    run.integer("iteration", 0, Integer.MAX_VALUE), run.number("learn_rate"),
                    run.integer("shuffle_state"), order, dropout, solver, parameters, best,
                    run.number("best_loss"), run.integer("best_iteration", 0, Integer.MAX_VALUE),
                    run.integer("failures", 0, Integer.MAX_VALUE), records,
                    run.number("elapsed_seconds"));
            return new Saved(network, options, checkpoint);
        }
    }

    private static double[] doubles(Container.Reader reader, Fields run, String name, int size,
            boolean emptyAllowed) throws IOException {
        Container.ArrayInfo info = reader.array(name);
        if (info == null) {
            throw run.fault("checkpoint has no array \"" + name + "\"");
        }
        if (info.type() != Container.Type.FLOAT64
                || (info.count() != size && !(emptyAllowed && info.count() == 0))) {
            throw run.fault("array \"" + name + "\" must hold " + size + " float64 values, has "
                    + info.count() + " " + info.type().id());
        }
        return reader.doubles(info);
    }

    private static int[] order(Container.Reader reader, Fields run) throws IOException {
        Container.ArrayInfo info = reader.array(ORDER);
        if (info == null || info.type() != Container.Type.INT32) {
            throw run.fault("checkpoint needs an int32 array \"" + ORDER + "\"");
        }
        int[] order = reader.ints(info);
        boolean[] seen = new boolean[order.length];
        for (int i : order) {
            if (i < 0 || i >= order.length || seen[i]) {
                throw run.fault("array \"" + ORDER + "\" is not a permutation of 0.."
                        + (order.length - 1));
            }
            seen[i] = true;
        }
        return order;
    }

    private static List<IterationRecord> records(Container.Reader reader, Fields run, int count)
            throws IOException {
        Container.ArrayInfo info = reader.array(HISTORY);
        if (info == null || info.type() != Container.Type.FLOAT64
                || info.count() != (long) count * RECORD_FIELDS) {
            throw run.fault("checkpoint needs a float64 array \"" + HISTORY + "\" of "
                    + (long) count * RECORD_FIELDS + " values");
        }
        double[] flat = reader.doubles(info);
        List<IterationRecord> records = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            int k = r * RECORD_FIELDS;
            records.add(new IterationRecord((int) flat[k], (int) flat[k + 1], flat[k + 2],
                    flat[k + 3], flat[k + 4], flat[k + 5], flat[k + 6], flat[k + 7]));
        }
        return records;
    }
}
