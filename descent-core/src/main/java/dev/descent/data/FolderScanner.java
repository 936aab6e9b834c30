package dev.descent.data;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Lists the image files under a folder, as MATLAB's {@code imageDatastore} with
 * {@code IncludeSubfolders} does: recursively, following links, by extension. Names starting
 * with '.' (files and folders) are hidden and skipped; other non-image files are skipped too.
 */
final class FolderScanner {
    /** The extensions read, in lower case. */
    static final List<String> EXTENSIONS =
            List.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    /** The image files found (relative, '/'-separated, sorted) and what was skipped. */
    record Scan(List<String> files, List<String> labels, List<String> skippedOther,
            List<String> skippedHidden) {}

    private FolderScanner() {}

    static Scan scan(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "image folder not found");
        }
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
        List<String> files = new ArrayList<>();
        List<String> other = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new Visitor(root, files, other, hidden));
        files.sort(String::compareTo);
        other.sort(String::compareTo);
        hidden.sort(String::compareTo);
        List<String> labels = new ArrayList<>(files.size());
        String rootName = nameOf(root.toAbsolutePath().normalize());
        for (String file : files) {
            int slash = file.lastIndexOf('/');
            labels.add(slash < 0 ? rootName : nameOf(Path.of(file.substring(0, slash))));
        }
        return new Scan(List.copyOf(files), List.copyOf(labels), List.copyOf(other),
                List.copyOf(hidden));
    }

    static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String nameOf(Path path) {
        Path name = path.getFileName();
        return name == null ? "" : name.toString();
    }

    private static final class Visitor extends SimpleFileVisitor<Path> {
        private final Path root;
        private final List<String> files;
        private final List<String> other;
        private final List<String> hidden;

        Visitor(Path root, List<String> files, List<String> other, List<String> hidden) {
            this.root = root;
            this.files = files;
            this.other = other;
            this.hidden = hidden;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (!dir.equals(root) && nameOf(dir).startsWith(".")) {
                hidden.add(relative(dir) + "/");
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String name = nameOf(file);
            if (name.startsWith(".")) {
                hidden.add(relative(file));
            } else if (attributes.isRegularFile() && isImageName(name)) {
                files.add(relative(file));
            } else {
                other.add(relative(file));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof FileSystemLoopException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }

        private String relative(Path path) {
            List<String> parts = new ArrayList<>();
            for (Path part : root.relativize(path)) {
                parts.add(part.toString());
            }
            return String.join("/", parts);
        }
    }

    /** The one-line note on skipped files, or "" when nothing was skipped. */
    static String note(Scan scan, Path root) {
        List<String> parts = new ArrayList<>();
        if (!scan.skippedOther().isEmpty()) {
            parts.add(count(scan.skippedOther().size(), "file") + " that "
                    + (scan.skippedOther().size() == 1 ? "is" : "are") + " not "
                    + String.join("/", EXTENSIONS) + " (" + example(scan.skippedOther()) + ")");
        }
        if (!scan.skippedHidden().isEmpty()) {
            parts.add(count(scan.skippedHidden().size(), "hidden entry") + " ("
                    + example(scan.skippedHidden()) + ")");
        }
        return parts.isEmpty() ? "" : "skipped " + String.join(" and ", parts) + " under " + root;
    }

    private static String count(int n, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies"
                : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }

    private static String example(List<String> names) {
        return names.size() == 1 ? names.get(0) : "e.g. " + names.get(0);
    }
}
