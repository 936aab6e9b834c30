package dev.descent.diagnose;

import java.util.ArrayList;
import java.util.List;

/** The lesson's remedies, one sentence per diagnosis. */
final class Remedies {
    private Remedies() {}

    /** What to change for {@code fit} and {@code rate}; the rate comes first when it is off. */
    static String of(FitPattern fit, RateRegime rate, int bestIteration, boolean restored) {
        List<String> parts = new ArrayList<>();
        switch (rate) {
            case DIVERGENT -> parts.add("lower the learning rate by a factor of 10 or more, or"
                    + " set a gradient threshold");
            case OSCILLATING -> parts.add("lower the learning rate (for example to a third) or"
                    + " use larger mini-batches");
            case TOO_SLOW -> parts.add("raise the learning rate (for example 10 times) or train"
                    + " for more epochs");
            case GOOD, UNDETERMINED -> { }
        }
        switch (fit) {
            case UNDERFITTING -> parts.add(rate == RateRegime.GOOD
                    ? "use a bigger network (more hidden units), train for more epochs, raise"
                            + " the learning rate or use more data"
                    : "use a bigger network (more hidden units) or more data");
            case GOOD_FIT -> parts.add("nothing to fix: keep early stopping on");
            case OVERFITTING -> parts.add((restored
                    ? "keep early stopping (it returned the weights of iteration "
                            + bestIteration + ")"
                    : "use early stopping (validation patience)")
                    + " and add dropout or L2 regularisation, or use more data");
            case SEVERE_OVERFITTING -> parts.add("use more data, a smaller network, or more"
                    + " dropout or L2 regularisation; early stopping alone cannot help much");
            case UNDETERMINED -> {
                if (rate != RateRegime.DIVERGENT && rate != RateRegime.UNDETERMINED) {
                    parts.add("hold out validation data to see over- or underfitting");
                }
            }
        }
        if (parts.isEmpty()) {
            return "Train for at least one iteration.";
        }
        String text = String.join("; then ", parts);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }
}
