package dev.descent.experiment;

/** A run of a {@link RunExecutor} threw; the cause is what it threw. */
public final class RunFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int index;

    public RunFailedException(int index, Throwable cause) {
        super("run " + (index + 1) + " failed: " + cause.getMessage(), cause);
        this.index = index;
    }

    /** Position of the failed run in the settings. */
    public int index() {
        return index;
    }
}
