package dev.descent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small CSV of three separable classes that the command tests train on. */
final class Blobs {
    private Blobs() {}

    /**
     * Writes {@code blobs.csv} into {@code folder}: three classes a, b and c in 2 features, 10
     * rows each, labels named in the last column.
     */
    static Path write(Path folder) throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,kind\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i % 3 * 3 + 0.01 * i).append(',').append(-2 * (i % 3) + 0.02 * i)
                    .append(',').append("abc".charAt(i % 3)).append('\n');
        }
        return Files.writeString(folder.resolve("blobs.csv"), csv);
    }
}
