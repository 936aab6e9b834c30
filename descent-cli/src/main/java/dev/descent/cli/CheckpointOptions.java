package dev.descent.cli;

import dev.descent.io.CheckpointFile;
import dev.descent.io.CheckpointWriter;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.train.Examples;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Recoverable training: {@code --checkpoint-dir DIR} and {@code --resume FILE}. Add it with
 * {@code @Mixin CheckpointOptions checkpoints;} and train through {@link #train}, which fits or
 * resumes and writes a checkpoint after every epoch when asked:
 *
 * {@snippet :
 * Trainer trainer = new Trainer(options, table, plot);
 * Trainer.Result result = checkpoints.train(trainer, network, train, validation);
 * Network trained = result.network();  // on --resume, the checkpoint's network
 * }
 */
public final class CheckpointOptions implements CheckedOptions {
    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description = "Write a checkpoint at the end of every epoch to "
                    + "DIR/checkpoint-epoch-NNNN.descent (atomically; the previous one is "
                    + "removed). Created if missing.")
    private Path checkpointDir;

    @Option(
            names = "--resume",
            paramLabel = "FILE",
            description = "Continue the run saved in checkpoint FILE (or the newest checkpoint "
                    + "in folder FILE). Give the same data and options: the run then ends "
                    + "exactly as if it had never stopped.")
    private Path resume;

    /**
     * Checks that the {@code --checkpoint-dir} folder can be written to and the {@code
     * --resume} file or folder exists, before any data is read.
     *
     * @throws IllegalArgumentException naming the option if not
     */
    @Override
    public void check() {
        if (checkpointDir != null) {
            OutputOptions.checkFolder("--checkpoint-dir", checkpointDir, checkpointDir,
                    "the checkpoints");
        }
        if (resume != null && !Files.isRegularFile(resume) && !Files.isDirectory(resume)) {
            throw new IllegalArgumentException("--resume " + resume + ": "
                    + (Files.exists(resume) ? "not a regular file or folder"
                            : "no such file or folder")
                    + "; give a checkpoint file or a folder of checkpoints");
        }
    }

    /** The {@code --checkpoint-dir} folder, or {@code null}. */
    public Path checkpointDir() {
        return checkpointDir;
    }

    /** The {@code --resume} file or folder, or {@code null}. */
    public Path resume() {
        return resume;
    }

    /**
     * Fits {@code network}, or with {@code --resume} continues the saved run with the
     * checkpoint's network; with {@code --checkpoint-dir} a checkpoint is written after every
     * epoch.
     *
     * @throws IllegalArgumentException if the checkpoint's network or options differ from the
     *     command's (naming the first difference)
     * @throws IOException if the checkpoint cannot be read or written
     */
    public Trainer.Result train(Trainer trainer, Network network, Examples train,
            Examples validation) throws IOException {
        if (trainer.options().isFullBatch() && (checkpointDir != null || resume != null)) {
            throw new IllegalArgumentException((checkpointDir != null ? "--checkpoint-dir"
                    : "--resume") + ": not available with --solver " + trainer.options().solver()
                    + " (full-batch training functions write no checkpoints yet); use a "
                    + "stochastic solver or leave the option out");
        }
        CheckpointFile.Saved saved = null;
        Network target = network;
        if (resume != null) {
            Path file = Files.isDirectory(resume) ? CheckpointWriter.latestIn(resume) : resume;
            saved = CheckpointFile.read(file);
            requireSameNetwork(file, saved.network(), network);
            requireSameOptions(file, saved.options(), trainer.options());
            target = saved.network();
        }
        if (checkpointDir != null) {
            trainer.addListener(new CheckpointWriter(checkpointDir, target, trainer.options()));
        }
        return saved == null
                ? trainer.fit(target, train, validation)
                : trainer.resume(target, train, validation, saved.checkpoint());
    }

    private static void requireSameNetwork(Path file, Network saved, Network command) {
        if (!saved.specs().equals(command.specs())) {
            throw new IllegalArgumentException("--resume " + file + ": the checkpoint's network "
                    + Layers.describe(saved.specs()) + " differs from this command's "
                    + Layers.describe(command.specs()));
        }
        if (!saved.classes().equals(command.classes())
                || saved.precision() != command.precision()) {
            throw new IllegalArgumentException("--resume " + file + ": the checkpoint's classes "
                    + saved.classes() + " (" + saved.precision() + ") differ from the data's "
                    + command.classes() + " (" + command.precision() + ")");
        }
    }

    /** Options must agree except for how progress is printed. */
    private static void requireSameOptions(Path file, TrainingOptions saved,
            TrainingOptions command) {
        // The options people change most, named first; then any other difference.
        List<List<Object>> fields = List.of(
                List.of("solver", saved.solver(), command.solver()),
                List.of("InitialLearnRate", saved.initialLearnRate(),
                        command.initialLearnRate()),
                List.of("MaxEpochs", saved.maxEpochs(), command.maxEpochs()),
                List.of("MiniBatchSize", saved.miniBatchSize(), command.miniBatchSize()),
                List.of("ObjectiveMetricName", saved.objectiveMetric().matlabName(),
                        command.objectiveMetric().matlabName()),
                List.of("seed", saved.seed(), command.seed()));
        for (List<Object> field : fields) {
            if (!field.get(1).equals(field.get(2))) {
                throw new IllegalArgumentException("--resume " + file + ": the checkpoint was"
                        + " made with " + field.get(0) + " " + field.get(1)
                        + ", this command has " + field.get(2)
                        + "; give the options of the interrupted run");
            }
        }
        TrainingOptions quiet = saved.toBuilder().verbose(command.verbose())
                .verboseFrequency(command.verboseFrequency()).build();
        if (!quiet.equals(command)) {
            throw new IllegalArgumentException("--resume " + file + ": the checkpoint was made"
                    + " with other training options: " + saved + "; give the options of the"
                    + " interrupted run");
        }
    }
}
