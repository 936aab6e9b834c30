package dev.descent.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** What the writers that go through a temporary file and a rename share. */
public final class TemporaryFile {
    private TemporaryFile() {}

    /**
     * {@code error} as a failure to write {@code target}, when it names {@code temporary}: the
     * temporary file is ours, the target is the caller's, so a message names the target. Other
     * errors are returned as they are.
     */
    public static IOException naming(Path target, Path temporary, FileSystemException error) {
        if (!temporary.toString().equals(error.getFile())) {
            return error;
        }
        String file = target.toString();
        String reason = error.getReason();
        FileSystemException named = error instanceof NoSuchFileException
                ? new NoSuchFileException(file, null, reason)
                : error instanceof AccessDeniedException
                        ? new AccessDeniedException(file, null, reason)
                        : new FileSystemException(file, null, reason);
        named.initCause(error);
        return named;
    }
}
