package dev.descent.cli;

import dev.descent.data.LabeledData;
import dev.descent.shallow.ShallowData;
import dev.descent.shallow.ShallowNetwork;
import dev.descent.util.Rng;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How {@code patternnet} and {@code fitnet} read their observations, as a value that can be
 * shipped to a Spark executor, which then reads the same file (it must see the same path) with
 * the same code as the driver. Paths are absolute so that they do not depend on a working
 * folder.
 *
 * @param fitnet true for fitnet's numeric target column, false for patternnet's labels
 * @param data the data path, or null for the built-in digits
 * @param labels IDX labels path, or null
 * @param column label column (patternnet) or target column (fitnet), or null for the default
 * @param digitsPerClass built-in digits per class
 * @param seed the run's seed (the built-in digits subset depends on it)
 */
record ShallowSource(boolean fitnet, String data, String labels, String column,
        int digitsPerClass, long seed) implements ShallowData.Reader {
    private static final long serialVersionUID = 1L;

    static ShallowSource patternnet(Path data, Path labels, String column, int digitsPerClass,
            long seed) {
        return new ShallowSource(false, absolute(data), absolute(labels), column,
                digitsPerClass, seed);
    }

    static ShallowSource fitnet(Path data, String column) {
        return new ShallowSource(true, absolute(data), null, column, 0, 0);
    }

    private static String absolute(Path path) {
        return path == null ? null : path.toAbsolutePath().normalize().toString();
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }

    /** The labelled data of patternnet (its classes, for the pictures). */
    LabeledData labeled() throws IOException {
        if (fitnet) {
            throw new IllegalStateException("fitnet reads numbers, not labels");
        }
        // The data subset of the built-in digits takes the seed's first split, as before.
        return ShallowCommand.load(path(data), path(labels), column, digitsPerClass,
                new Rng(seed).split());
    }

    @Override
    public ShallowData read() throws IOException {
        if (fitnet) {
            return FitnetCommand.read(path(data), column);
        }
        LabeledData loaded = labeled();
        int k = loaded.classes().size();
        return new ShallowData(ShallowCommand.inputs(loaded), loaded.rows(),
                ShallowNetwork.oneHot(loaded.labels(), k));
    }
}
