package dev.descent.diagnose;

import java.util.ArrayList;
import java.util.List;

/** The lesson's remedies, one sentence per diagnosis, in the words of the training method. */
final class Remedies {
    private Remedies() {}

    /**
     * What to change for {@code fit} and {@code rate}; the rate comes first when it is off.
     * {@code method} decides which knobs are named: mini-batches and gradient thresholds only
     * for mini-batch solvers, the learning rate only where there is one, dropout only where it
     * is on (not with a full-batch function), MATLAB's {@code max_fail} and {@code
     * performParam.regularization} for the shallow networks.
     */
    static String of(FitPattern fit, RateRegime rate, int bestIteration, boolean restored,
            Curves.Method method) {
        boolean miniBatch = method.miniBatch();
        String step = method.step();
        // MATLAB's shallow networks have no dropout; their regularisation is the weight term.
        // Full-batch training of a deep network turns dropout off.
        String regularise = method.shallow() ? "regularisation (performParam.regularization)"
                : miniBatch ? "dropout or L2 regularisation" : "L2 regularisation";
        String patience = method.shallow() ? "max_fail" : "validation patience";
        List<String> parts = new ArrayList<>();
        switch (rate) {
            case DIVERGENT -> parts.add(!method.learnRate()
                    ? "check the data for extreme or missing values; the training function sets"
                            + " its own step sizes, so try another one"
                    : miniBatch
                    ? "lower the learning rate by a factor of 10 or more, or set a gradient"
                            + " threshold"
                    : "lower the learning rate by a factor of 10 or more");
            case OSCILLATING -> parts.add("lower the learning rate (for example to a third)"
                    + (miniBatch ? " or use larger mini-batches" : ""));
            case TOO_SLOW -> parts.add("raise the learning rate (for example 10 times) or train"
                    + " for more epochs");
            case GOOD, NOT_APPLICABLE, UNDETERMINED -> { }
        }
        switch (fit) {
            case UNDERFITTING -> parts.add(switch (rate) {
                case GOOD -> "use a bigger network (more hidden units), train for more epochs,"
                        + " raise the learning rate or use more data";
                case NOT_APPLICABLE -> "use a bigger network (more hidden units), train for more"
                        + " epochs or use more data";
                default -> "use a bigger network (more hidden units) or more data";
            });
            case GOOD_FIT -> {
                // After a rate remedy, "nothing to fix" would contradict it.
                if (parts.isEmpty()) {
                    parts.add("nothing to fix");
                }
            }
            case OVERFITTING -> parts.add((restored
                    ? "keep the best validation weights (" + step + " " + bestIteration
                            + ", restored)"
                    : "use early stopping (" + patience + ")")
                    + " and add " + regularise + ", or use more data");
            case SEVERE_OVERFITTING -> parts.add("use more data, a smaller network, or more "
                    + regularise + "; early stopping alone cannot help much");
            case UNDETERMINED -> {
                if (rate != RateRegime.DIVERGENT && rate != RateRegime.UNDETERMINED) {
                    parts.add("hold out validation data to see over- or underfitting");
                }
            }
        }
        if (parts.isEmpty()) {
            return "Train for at least one " + step + ".";
        }
        String text = String.join("; then ", parts);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }
}
