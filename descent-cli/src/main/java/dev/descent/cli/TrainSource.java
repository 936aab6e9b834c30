package dev.descent.cli;

import dev.descent.data.LabeledData;
import dev.descent.train.Examples;
import dev.descent.train.NetworkShardLoader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How {@code train} reads its training rows, as a value that can be shipped to a Spark
 * executor, which then reads the same file (it must see the same path) with the same code as
 * the driver and holds out the same validation rows. Paths are absolute so that they do not
 * depend on a working folder.
 *
 * @param data the --data path
 * @param labels IDX labels path, or null
 * @param labelColumn the CSV label column, or null for the default
 * @param validationSplit the fraction held out for validation (0: none)
 * @param seed the run's seed (the held-out rows depend on it)
 */
record TrainSource(String data, String labels, String labelColumn, double validationSplit,
        long seed) implements NetworkShardLoader.Reader {
    private static final long serialVersionUID = 1L;

    static TrainSource of(Path data, Path labels, String labelColumn, double validationSplit,
            long seed) {
        return new TrainSource(absolute(data), absolute(labels), labelColumn, validationSplit,
                seed);
    }

    private static String absolute(Path path) {
        return path == null ? null : path.toAbsolutePath().normalize().toString();
    }

    /** The training rows, as the driver computes them from the same file. */
    LabeledData training() throws IOException {
        LabeledData all = DataLoader.load(Path.of(data), labels == null ? null : Path.of(labels),
                labelColumn).data();
        return validationSplit > 0
                ? TrainCommand.holdOut(all, validationSplit, Streams.data(seed))[0] : all;
    }

    @Override
    public Examples read() throws IOException {
        return Examples.classification(training());
    }
}
