package dev.descent.optim.batch;

/** Why MATLAB's shallow training loop stopped, with its {@code tr.stop} wording. */
public enum BatchStopReason {
    USER_STOP("User stop."),
    GOAL_MET("Performance goal met."),
    MAX_EPOCHS("Maximum epoch reached."),
    MAX_TIME("Maximum time elapsed."),
    MIN_GRADIENT("Minimum gradient reached."),
    VALIDATION_STOP("Validation stop."),
    /** Descent's addition: the training performance is NaN or infinite. */
    NOT_FINITE("Performance is not finite.");

    private final String message;

    BatchStopReason(String message) {
        this.message = message;
    }

    /** MATLAB's text, with its final period. */
    public String message() {
        return message;
    }
}
