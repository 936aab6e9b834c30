package dev.descent.data;

/**
 * Data with more values (rows x features) than one array holds; the message gives the counts
 * and the limit, and says what to shrink.
 */
public class DataTooLargeException extends MalformedDataException {
    /** An exception with {@code message}, which gives the counts and the limit. */
    public DataTooLargeException(String message) {
        super(message);
    }
}
