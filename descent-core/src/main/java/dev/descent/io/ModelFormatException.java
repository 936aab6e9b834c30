package dev.descent.io;

import dev.descent.data.MalformedDataException;

/**
 * A model or checkpoint file that Descent refuses to read: not such a file, an unsupported
 * version, truncated, corrupt (checksum) or inconsistent. The message starts with the file name
 * and says what was expected and what was found.
 */
public class ModelFormatException extends MalformedDataException {
    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} names the file. */
    public ModelFormatException(String message) {
        super(message);
    }
}
