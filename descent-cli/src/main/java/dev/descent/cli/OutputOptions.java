package dev.descent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a command's files and results go: {@code --out}, {@code --json} and {@code --plots}. Add
 * it to a command with {@code @Mixin OutputOptions output;}.
 */
public final class OutputOptions implements CheckedOptions {
    /** The default of {@code --out}, relative to the current folder. */
    public static final String DEFAULT_OUT = "descent-out";

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = DEFAULT_OUT,
            description = "Folder for the files the command writes, created if missing "
                    + "(default: ${DEFAULT-VALUE} in the current folder).")
    private Path out;

    @Option(
            names = "--json",
            description = "Print one JSON object of the results on stdout; tables and progress "
                    + "go to stderr.")
    private boolean json;

    @Option(
            names = "--plots",
            paramLabel = "MODE",
            defaultValue = "png",
            converter = PlotMode.Converter.class,
            description = "Pictures: none, png or live (default: ${DEFAULT-VALUE}). live also "
                    + "serves a page on 127.0.0.1 that redraws the training progress as it "
                    + "goes, with a Stop button; its address is printed to stderr.")
    private PlotMode plots;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    /**
     * The output folder, created with its parents if missing.
     *
     * @throws IOException if it cannot be created, or a file of that name is in the way
     */
    public Path outDirectory() throws IOException {
        // Not createDirectories' result: that is absolute whenever a parent had to be made.
        // Normalized: createDirectories makes x/../y as y, where writing into x/../y needs x.
        Path folder = out.normalize();
        Files.createDirectories(folder);
        return folder;
    }

    /**
     * Checks that {@code --out} names a folder that exists or can be created, outside the image
     * folders the command reads, and that no file the command writes there is taken by a
     * folder, so that a command fails before it reads data or trains. {@link Main} calls it
     * before every command that has these options.
     *
     * @throws IllegalArgumentException naming {@code --out} (and the other option or the file)
     */
    @Override
    public void check() {
        OutputFiles command = mixee != null && mixee.userObject() instanceof OutputFiles files
                ? files : null;
        requireNotBlank("--out", out);
        if (command != null) {
            for (Map.Entry<String, Path> input : command.inputFolders().entrySet()) {
                requireOutside(out, input.getKey(), input.getValue());
            }
        }
        checkFolder("--out", out, out, "the command's files");
        if (command != null) {
            for (String name : command.outputFiles()) {
                requireWritableFile("--out", out, name);
            }
        }
    }

    /** Refuses an empty or blank {@code value} of a folder option, which means the current one. */
    static void requireNotBlank(String option, Path value) {
        if (value.toString().isBlank()) {
            throw new IllegalArgumentException(option + " is empty; give a folder (new or "
                    + "existing), such as . for the current one");
        }
    }

    /**
     * Refuses {@code --out} equal to or inside the image folder {@code folder} of {@code
     * option}: its pictures would be read as images, or its sub-folder as a label, next time.
     */
    static void requireOutside(Path out, String option, Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        Path data = resolved(folder);
        Path target = resolved(out);
        if (target.startsWith(data)) {
            throw new IllegalArgumentException("--out " + out + ": " + (target.equals(data)
                    ? "is the image folder of " : "is inside the image folder of ") + option + " "
                    + folder + ", whose images and sub-folders are read as data; give a folder "
                    + "outside it");
        }
    }

    /** {@code path} absolute, with the links of its longest existing part resolved. */
    private static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    /**
     * Refuses the file {@code name} in {@code folder}, the value of {@code option}, when a folder
     * or another non-file has its name.
     *
     * @throws IllegalArgumentException naming {@code option}, its value and the file
     */
    static void requireWritableFile(String option, Path folder, String name) {
        Path file = folder.resolve(name);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + folder + ": " + file + " is a "
                    + "folder, but the command writes a file of that name; move the folder away "
                    + "or give another " + option);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + folder + ": " + file + " is not a "
                    + "regular file, but the command writes a file of that name; remove it or "
                    + "give another " + option);
        }
    }

    /**
     * Checks that {@code folder}, given by {@code option} (its value {@code value}: the folder,
     * or a file in it), exists or can be created and can be written to, so that a command fails
     * before it reads data or trains.
     *
     * @param purpose what the folder is for, as in "give a folder (new or existing) for ..."
     * @throws IllegalArgumentException naming {@code option} and its value if it cannot, or if
     *     the folder given is empty or blank
     */
    static void checkFolder(String option, Path value, Path folder, String purpose) {
        if (value.equals(folder)) {
            requireNotBlank(option, value);
        }
        refuseDanglingLinks(option, value, folder);
        String named = option + " " + value + ": ";
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(named + (folder.equals(value)
                    ? "a file of that name exists" : "cannot be written, because " + folder
                            + " is a file") + "; give a folder (new or existing) for " + purpose);
        }
        Path existing = folder.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new IllegalArgumentException(named + "cannot be created, because "
                    + existing + " is a file; give another folder");
        }
        if (existing != null && !Files.exists(folder) && !Files.isWritable(existing)) {
            throw new IllegalArgumentException(named + "cannot be created, because "
                    + existing + " is not writable; give another folder");
        }
        tryWriting(named, folder);
    }

    /**
     * Refuses {@code folder} (the value {@code value} of {@code option}, or its folder) when it
     * or a folder above it is a link to something that does not exist: creating the folder
     * would fail, and the link is the user's, never to be replaced or removed.
     */
    private static void refuseDanglingLinks(String option, Path value, Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.isSymbolicLink(p) && !Files.exists(p)) {
                String target;
                try {
                    target = Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    target = "a path";
                }
                String where = p.equals(value) ? value.toString() : value + ": " + p;
                throw new IllegalArgumentException(option + " " + where + " is a link to "
                        + target + ", which does not exist; create it or "
                        + "pass another folder");
            }
        }
    }

    /**
     * Creates {@code folder} and a file in it, then removes what it created, and nothing else:
     * the only sure test (permissions can say yes where the file system says no, as in /proc).
     */
    private static void tryWriting(String named, Path folder) {
        List<Path> created = new ArrayList<>();
        Path probe = null;
        try {
            createFolders(folder, created);
            probe = Files.createTempFile(folder, ".descent-", ".probe");
        } catch (IOException e) {
            throw new IllegalArgumentException(named + "cannot be written ("
                    + ErrorHandler.describe(e) + "); give a folder you can write to", e);
        } finally {
            removeQuietly(probe, created);
        }
    }

    /**
     * Creates {@code folder} and its missing parents one at a time, adding each one made to
     * {@code created} (outermost first), so that a failure leaves a list of what this run made.
     */
    private static void createFolders(Path folder, List<Path> created) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = folder.toAbsolutePath(); p != null
                && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            // "x/.." exists once x is made, as mkdir -p and Files.createDirectories see it.
            if (!Files.isDirectory(p)) {
                Files.createDirectory(p);
                created.add(p);
            }
        }
    }

    /** Removes {@code probe}, if made, and the folders in {@code created}, innermost first. */
    private static void removeQuietly(Path probe, List<Path> created) {
        try {
            if (probe != null) {
                Files.deleteIfExists(probe);
            }
            for (int i = created.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(created.get(i));
            }
        } catch (IOException e) {
            // Left over: an empty folder or probe file, not worth failing the command for.
        }
    }

    /** Whether results go to stdout as one JSON object. */
    public boolean json() {
        return json;
    }

    /** Which pictures to make. */
    public PlotMode plots() {
        return plots;
    }

    /** Whether pictures are written to files (with {@code png} and {@code live}). */
    public boolean writesPictures() {
        return plots == PlotMode.PNG || plots == PlotMode.LIVE;
    }

    /**
     * With {@code --plots live}, starts the live page and prints its address to stderr;
     * otherwise returns {@code null}.
     *
     * @throws IOException if no local socket can be opened
     */
    LiveView startLive(CommandSpec spec) throws IOException {
        return plots == PlotMode.LIVE ? LiveView.start(spec.commandLine().getErr()) : null;
    }

    /**
     * Where human-readable output (tables, progress, summaries) goes: the command's stdout, or
     * its stderr when {@code --json} keeps stdout for the JSON object.
     */
    public PrintWriter humanOutput(CommandSpec spec) {
        return json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }
}
