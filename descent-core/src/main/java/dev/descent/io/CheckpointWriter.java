package dev.descent.io;

import dev.descent.nn.Network;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A training listener that writes a checkpoint at the end of every epoch to
 * {@code FOLDER/checkpoint-epoch-NNNN.descent} (atomically), then deletes the previous one, so
 * the folder holds the latest complete checkpoint whenever the process stops. A failed write
 * stops training with an {@link UncheckedIOException} naming the file: a run that was asked to
 * be recoverable should not go on silently unrecoverable.
 *
 * {@snippet :
 * trainer.addListener(new CheckpointWriter(folder, network, options));
 * // later, in a new process:
 * CheckpointFile.Saved saved = CheckpointFile.read(CheckpointWriter.latestIn(folder));
 * new Trainer(saved.options()).resume(saved.network(), train, validation, saved.checkpoint());
 * }
 */
public final class CheckpointWriter implements TrainingListener {
    private static final Pattern NAME = Pattern.compile("checkpoint-epoch-(\\d+)\\.descent");

    private final Path folder;
    private final Network network;
    private final TrainingOptions options;
    private Path latest;

    /**
     * @param folder where checkpoints go; created if missing
     * @param network the network being trained (its layers and classes are saved)
     * @param options the run's options (saved, and used to resume)
     */
    public CheckpointWriter(Path folder, Network network, TrainingOptions options)
            throws IOException {
        // Normalized: createDirectories makes x/../y as y, where a file in x/../y needs x.
        this.folder = folder.normalize();
        this.network = network;
        this.options = options;
        Files.createDirectories(this.folder);
    }

    /** The file of the checkpoint after {@code epoch}. */
    public static Path fileFor(Path folder, int epoch) {
        return folder.resolve(String.format(Locale.ROOT, "checkpoint-epoch-%04d%s", epoch,
                ModelFile.EXTENSION));
    }

    /** The last checkpoint written by this listener, or {@code null}. */
    public Path latest() {
        return latest;
    }

    @Override
    public void epochFinished(Trainer.Checkpoint checkpoint) {
        Path file = fileFor(folder, checkpoint.epoch());
        try {
            CheckpointFile.write(file, network, options, checkpoint);
            if (latest != null && !latest.equals(file)) {
                Files.deleteIfExists(latest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write checkpoint: " + e.getMessage(),
                    e);
        }
        latest = file;
    }

    /**
     * The checkpoint with the highest epoch in {@code folder}.
     *
     * @throws IOException if the folder cannot be listed or holds no checkpoint
     */
    public static Path latestIn(Path folder) throws IOException {
        Path best = null;
        int bestEpoch = -1;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches() && m.group(1).length() < 10) {
                    int epoch = Integer.parseInt(m.group(1));
                    if (epoch > bestEpoch) {
                        bestEpoch = epoch;
                        best = file;
                    }
                }
            }
        }
        if (best == null) {
            throw new IOException(folder + ": no checkpoint-epoch-NNNN" + ModelFile.EXTENSION
                    + " file in this folder");
        }
        return best;
    }
}
