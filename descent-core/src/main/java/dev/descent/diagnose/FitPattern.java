package dev.descent.diagnose;

/** How well a trained network fits, as the lesson reads the training and validation curves. */
public enum FitPattern {
    /** Both losses high and flat: the network has not learned the training data. */
    UNDERFITTING("underfitting"),
    /** Both losses low and close. */
    GOOD_FIT("good fit"),
    /** The validation loss fell, then rose (or stays well above the training loss). */
    OVERFITTING("overfitting"),
    /** Training loss near zero, validation loss high throughout. */
    SEVERE_OVERFITTING("severe overfitting"),
    /** Not enough to tell: no iterations, a divergent run, or no validation data. */
    UNDETERMINED("undetermined");

    private final String label;

    FitPattern(String label) {
        this.label = label;
    }

    /** The pattern in the lesson's words, lower case. */
    public String label() {
        return label;
    }
}
