package dev.descent.train;

/** Why a deep-learning training run ended, worded as MATLAB's "Training finished:" line. */
public enum StopReason {
    /** Every epoch ran. */
    MAX_EPOCHS("Max epochs completed"),
    /** Validation loss did not improve for {@code ValidationPatience} validations. */
    VALIDATION_PATIENCE("Met validation criterion"),
    /** A listener or the live view's Stop button asked to stop. */
    STOPPED_MANUALLY("Stopped manually"),
    /** The mini-batch loss became NaN. */
    LOSS_IS_NAN("Training loss is NaN"),
    /** The mini-batch loss became infinite. */
    LOSS_IS_INFINITE("Training loss is infinite");

    private final String message;

    StopReason(String message) {
        this.message = message;
    }

    /** The reason as MATLAB words it, without a final period. */
    public String message() {
        return message;
    }

    /**
     * What to do about this ending, or an empty string: for a non-finite loss, a hint that the
     * learning rate is likely too large.
     */
    public String hint() {
        return isDivergence()
                ? "the learning rate is probably too large: try a smaller InitialLearnRate"
                        + " (for example a tenth) or set a GradientThreshold"
                : "";
    }

    /** Whether the loss stopped being finite (the learning rate is likely too large). */
    public boolean isDivergence() {
        return this == LOSS_IS_NAN || this == LOSS_IS_INFINITE;
    }
}
