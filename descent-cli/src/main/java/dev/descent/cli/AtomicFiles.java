package dev.descent.cli;

import dev.descent.io.TemporaryFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files so that readers see the old content or the whole new content, never a part: the
 * bytes go to a temporary file in the same folder, which is then renamed over the target.
 */
public final class AtomicFiles {
    private static final SecureRandom SUFFIXES = new SecureRandom();

    private AtomicFiles() {}

    /** Produces a file's content. */
    @FunctionalInterface
    public interface Content {
        /** Writes the content to {@code out}, which the caller closes. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target}, replacing any file there.
     *
     * @throws IOException if the folder is missing or not writable, {@code target} is a folder,
     *     or {@code content} fails; the target is then unchanged and the temporary file removed;
     *     a file-system error names {@code target}, not the temporary file
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(absolute.toString(), null,
                    "is a folder, so no file of that name can be written");
        }
        // A name of our own instead of Files.createTempFile, whose owner-only permissions would
        // survive the rename; CREATE_NEW keeps the umask's permissions and never reuses a file.
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toHexString(SUFFIXES.nextLong()) + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
            move(temporary, absolute);
        } catch (FileSystemException e) {
            throw TemporaryFile.naming(absolute, temporary, e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code target}; see {@link #write(Path, Content)}. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
