package dev.descent.diagnose;

/** The learning-rate regimes of the lesson, read from the shape of the loss curves. */
public enum RateRegime {
    /** The loss falls steadily but is still high at the end: the steps are too small. */
    TOO_SLOW("too slow"),
    /** Nothing in the curves points at the learning rate. */
    GOOD("good"),
    /** The validation loss jumps up and down between validations: the steps are too large. */
    OSCILLATING("oscillating"),
    /** The loss became NaN or infinite, or blew up and never came back. */
    DIVERGENT("divergent"),
    /**
     * The training function chooses its own step sizes (trainscg, trainrp): there is no
     * learning rate to judge; divergence is still reported as {@link #DIVERGENT}.
     */
    NOT_APPLICABLE("not applicable"),
    /** No iterations were recorded. */
    UNDETERMINED("undetermined");

    private final String label;

    RateRegime(String label) {
        this.label = label;
    }

    /** The regime in the lesson's words, lower case. */
    public String label() {
        return label;
    }
}
