package dev.descent.data;

import java.io.IOException;

/**
 * A data file (IDX, CSV, image, image folder) that cannot be read as the format requires. The
 * message names the file (and line, row or feature where there is one), what was expected and
 * what was found, for example {@code data.csv line 17: 5 columns, expected 785}.
 */
public class MalformedDataException extends IOException {
    /** An exception with {@code message}, which names the file and the problem. */
    public MalformedDataException(String message) {
        super(message);
    }

    /** An exception with {@code message} caused by {@code cause} (a decoder's own error). */
    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
