package dev.descent.data;

/** A CSV column asked for by a header name that the file's header does not have. */
public class NoSuchColumnException extends MalformedDataException {
    /** An exception with {@code message}, which names the file, the column and those found. */
    public NoSuchColumnException(String message) {
        super(message);
    }
}
