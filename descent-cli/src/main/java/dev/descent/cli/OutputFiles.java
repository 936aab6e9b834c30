package dev.descent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A command that writes files into its {@code --out} folder ({@link OutputOptions}): which
 * files, and which folders it reads, so that {@link OutputOptions#check()} can refuse, before
 * any work, a file name taken by a folder and an {@code --out} inside the data.
 */
interface OutputFiles {
    /** The names of the files the command may write into {@code --out}, with these options. */
    List<String> outputFiles();

    /**
     * The folders the command reads images from, by option (for example {@code --data}), in the
     * order to check them; files and missing paths may be included and are ignored.
     */
    default Map<String, Path> inputFolders() {
        return Map.of();
    }
}
