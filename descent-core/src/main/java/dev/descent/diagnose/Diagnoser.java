package dev.descent.diagnose;

import dev.descent.train.TrainingHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads training curves as the lesson reads them: underfitting, good fit, overfitting, severe
 * overfitting, and the learning-rate regimes too slow, oscillating and divergent. The curves are
 * a {@link TrainingHistory} (per iteration) or a shallow network's training record (per epoch),
 * as {@link Curves}. Every threshold is a fraction of a {@link Baseline}, the loss of a model
 * that knows nothing (for classification the loss of predicting the class frequencies, ln K for
 * K balanced classes), so the same rules serve any data set. docs/diagnosis.md gives the rules.
 */
public final class Diagnoser {
    /** A loss at or above this fraction of the baseline is high. */
    public static final double HIGH = 1.0 / 3;
    /** A training loss below this fraction of the baseline is near zero. */
    public static final double NEAR_ZERO = 1.0 / 20;
    /** A validation rise above the best of this fraction of the baseline is overfitting. */
    public static final double RISE = 0.01;
    /** A validation loss this fraction of the baseline above the training loss is a gap. */
    public static final double GAP = 0.1;
    /** Validation jitter of this fraction of the baseline is oscillation. */
    public static final double JITTER = 0.01;
    /** A training level above this multiple of the baseline is worse than guessing. */
    public static final double WORSE_THAN_GUESSING = 1.5;
    /**
     * A training loss peak above this multiple of the baseline and of where the run started is
     * a blow-up...
     */
    public static final double BLOW_UP = 2;
    /** ...that counts as divergence when the run ends above this multiple of the baseline. */
    public static final double NOT_RECOVERED = 0.8;
    /** A curve whose second half falls by this fraction of its first half's fall is steady. */
    public static final double STEADY = 1.0 / 3;
    /** The first mini-batch losses whose median is where a curve starts. */
    public static final int NOISE_WINDOW = 5;
    /** The fewest validations the jitter is measured on. */
    public static final int MIN_VALIDATIONS_FOR_JITTER = 10;

    private Diagnoser() {}

    /**
     * The loss of predicting the class frequencies: {@code -sum p_k ln p_k} over the classes'
     * shares {@code p_k} of {@code counts}; {@code ln K} for K classes of equal size.
     *
     * @throws IllegalArgumentException if a count is negative or all are 0
     */
    public static double baseline(int[] counts) {
        long total = 0;
        for (int count : counts) {
            if (count < 0) {
                throw new IllegalArgumentException("class counts must be at least 0, got "
                        + Arrays.toString(counts));
            }
            total += count;
        }
        if (total == 0) {
            throw new IllegalArgumentException("class counts are all 0");
        }
        double entropy = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / total;
                entropy -= p * Math.log(p);
            }
        }
        return entropy;
    }

    /**
     * Diagnoses the mini-batch run of {@code history} against {@code baseline}, the loss of
     * predicting the class frequencies (see {@link #baseline(int[])}).
     *
     * @param baseline the loss of a model that knows nothing, in the history's loss units
     * @throws IllegalArgumentException if {@code baseline} is not finite and > 0
     */
    public static Diagnosis diagnose(TrainingHistory history, double baseline) {
        if (!(baseline > 0 && Double.isFinite(baseline))) {
            throw new IllegalArgumentException("baseline loss must be finite and greater than 0,"
                    + " got " + baseline);
        }
        return diagnose(Curves.of(history), new Baseline(baseline,
                "the loss of predicting the class frequencies"));
    }

    /**
     * Diagnoses {@code curves} against {@code baseline}. A baseline of 0 (targets that do not
     * vary) gives an undetermined diagnosis: there is nothing to learn.
     */
    public static Diagnosis diagnose(Curves curves, Baseline baseline) {
        double b = baseline.value();
        if (curves.size() == 0) {
            return undetermined(b, "No " + curves.method().step() + "s were recorded.",
                    "Train for at least one " + curves.method().step() + ".");
        }
        if (b == 0) {
            return undetermined(b, "The training targets do not vary (baseline 0, "
                    + baseline.meaning() + "): there is nothing to learn and nothing to read"
                    + " in the curves.", "Use data whose targets vary.");
        }
        return new Reading(curves, baseline).diagnose();
    }

    private static Diagnosis undetermined(double baseline, String explanation, String remedy) {
        Diagnosis.Figures none = new Diagnosis.Figures(baseline, Double.NaN, Double.NaN,
                Double.NaN, 0, Double.NaN, Double.NaN);
        return new Diagnosis(FitPattern.UNDETERMINED, RateRegime.UNDETERMINED, explanation,
                remedy, none);
    }

    /** The measurements of one pair of curves, and the rules applied to them. */
    private static final class Reading {
        final Curves curves;
        final Curves.Method method;
        final String step;
        final double b;
        final String meaning;
        final double[] training;
        final int[] validationIterations;
        final double[] validation;
        final boolean brokeDown;
        final int nonFiniteStep;
        final double nonFiniteLoss;
        final double start;
        final double trainingLevel;
        final double peak;
        final double best;
        final int bestIteration;
        final double finalLevel;
        final double jitter;
        final boolean stillFalling;
        /**
         * Whether the loss ends no lower than it started: the level against the start where
         * their windows do not overlap, else the last loss against the first (false for one).
         */
        final boolean noLower;

        Reading(Curves curves, Baseline baseline) {
            this.curves = curves;
            this.method = curves.method();
            this.step = method.step();
            this.b = baseline.value();
            this.meaning = baseline.meaning();
            int[] steps = curves.steps();
            double[] losses = curves.training();
            double[] validated = curves.validation();
            int firstNonFinite = -1;
            List<Double> finite = new ArrayList<>();
            List<Integer> validatedSteps = new ArrayList<>();
            List<Double> validatedLosses = new ArrayList<>();
            for (int i = 0; i < steps.length; i++) {
                if (Double.isFinite(losses[i])) {
                    finite.add(losses[i]);
                } else if (firstNonFinite < 0) {
                    firstNonFinite = i;
                }
                if (Double.isFinite(validated[i])) {
                    validatedSteps.add(steps[i]);
                    validatedLosses.add(validated[i]);
                }
            }
            brokeDown = firstNonFinite >= 0;
            nonFiniteStep = brokeDown ? steps[firstNonFinite] : 0;
            nonFiniteLoss = brokeDown ? losses[firstNonFinite] : 0;
            training = finite.stream().mapToDouble(Double::doubleValue).toArray();
            validationIterations = validatedSteps.stream().mapToInt(Integer::intValue).toArray();
            validation = validatedLosses.stream().mapToDouble(Double::doubleValue).toArray();

            // Mini-batch losses jump from batch to batch: the start is the median of the first
            // NOISE_WINDOW there, so that no single batch sets it.
            int window = method.miniBatch() ? Math.min(NOISE_WINDOW, training.length) : 1;
            start = training.length == 0 ? Double.NaN
                    : median(Arrays.copyOfRange(training, 0, window));
            int tail = Math.max(5, training.length / 10);
            int n = training.length;
            trainingLevel = training.length == 0 ? Double.NaN
                    : median(Arrays.copyOfRange(training, Math.max(0, training.length - tail),
                            training.length));
            noLower = n >= window + tail ? trainingLevel >= start
                    : n >= 2 && training[n - 1] >= training[0];
            double highest = Double.NaN;
            for (int i = 1; i < training.length; i++) {
                highest = Double.isNaN(highest) ? training[i] : Math.max(highest, training[i]);
            }
            peak = Double.isNaN(highest) ? trainingLevel : highest;

            int bestIndex = -1;
            for (int i = 0; i < validation.length; i++) {
                if (bestIndex < 0 || validation[i] < validation[bestIndex]) {
                    bestIndex = i;
                }
            }
            best = bestIndex < 0 ? Double.NaN : validation[bestIndex];
            bestIteration = bestIndex < 0 ? 0 : validationIterations[bestIndex];
            finalLevel = validation.length == 0 ? Double.NaN
                    : median(Arrays.copyOfRange(validation, Math.max(0, validation.length - 3),
                            validation.length));
            jitter = jitter(validation);
            stillFalling = validation.length > 0
                    ? bestIndex >= validation.length - Math.max(1, validation.length / 10)
                            && steady(validation.length > 3 ? 1 : 0, validationIterations,
                                    validation)
                    : fallingAtTheEnd(training);
        }

        Diagnosis diagnose() {
            RateRegime rate = rate();
            FitPattern fit = rate == RateRegime.DIVERGENT ? FitPattern.UNDETERMINED : fit();
            String explanation = (fitSentence(fit) + " " + rateSentence(rate)).strip();
            Diagnosis.Figures figures = new Diagnosis.Figures(b, trainingLevel, peak, best,
                    bestIteration, finalLevel, jitter);
            return new Diagnosis(fit, rate, explanation, Remedies.of(fit, rate, bestIteration,
                    curves.restoredBest(), method), figures);
        }

        /**
         * The rate regime. The divergence rules ask for a loss above where the run started as
         * well, since a network can start far above the baseline (MATLAB's shallow networks
         * begin with random output weights; unscaled inputs do the same) and still be learning,
         * and a blow-up is a peak of twice that start: mini-batch losses of a run that starts
         * high scatter around it by more than the baseline.
         */
        RateRegime rate() {
            if (brokeDown || training.length == 0
                    || (trainingLevel > WORSE_THAN_GUESSING * b && noLower)
                    || (peak > BLOW_UP * Math.max(b, start)
                            && trainingLevel > NOT_RECOVERED * b)) {
                return RateRegime.DIVERGENT;
            }
            if (!method.learnRate()) {
                return RateRegime.NOT_APPLICABLE;
            }
            if (jitter >= JITTER * b) {
                return RateRegime.OSCILLATING;
            }
            double level = validation.length > 0 ? finalLevel : trainingLevel;
            if (stillFalling && level >= HIGH * b) {
                return RateRegime.TOO_SLOW;
            }
            return RateRegime.GOOD;
        }

        FitPattern fit() {
            boolean trainingHigh = trainingLevel >= HIGH * b;
            if (validation.length == 0) {
                return trainingHigh ? FitPattern.UNDERFITTING : FitPattern.UNDETERMINED;
            }
            boolean validationHigh = best >= HIGH * b;
            if (trainingHigh && validationHigh) {
                return FitPattern.UNDERFITTING;
            }
            if (trainingLevel < NEAR_ZERO * b && validationHigh) {
                return FitPattern.SEVERE_OVERFITTING;
            }
            if (rose() || best - trainingLevel >= GAP * b) {
                return FitPattern.OVERFITTING;
            }
            return validationHigh ? FitPattern.UNDERFITTING : FitPattern.GOOD_FIT;
        }

        /**
         * Whether the validation loss rose after its best: by {@link #RISE} of the baseline and
         * by twice the jitter (a rise within the noise of an oscillating curve is no rise), to
         * above the training level (dropout can keep the training loss above the validation
         * loss; that is no overfitting).
         */
        boolean rose() {
            double rise = finalLevel - best;
            return rise >= RISE * b && !(rise < 2 * jitter) && finalLevel > trainingLevel
                    && bestIteration < lastValidationIteration();
        }

        int lastValidationIteration() {
            return validationIterations[validationIterations.length - 1];
        }

        String restored() {
            return "; the weights of " + step + " " + bestIteration
                    + " (best validation) were restored";
        }

        String fitSentence(FitPattern fit) {
            String base = "baseline " + number(b) + ", " + meaning;
            return switch (fit) {
                case UNDERFITTING -> validation.length == 0
                        ? String.format(Locale.ROOT, "Underfitting: the training loss ends at"
                                + " %s, above a third of the %s.", number(trainingLevel), base)
                        : String.format(Locale.ROOT, "Underfitting: training loss %s and best"
                                + " validation loss %s are both high (above a third of the %s).",
                                number(trainingLevel), number(best), base);
                case GOOD_FIT -> String.format(Locale.ROOT, "Good fit: training loss %s and"
                        + " best validation loss %s are both low (below a third of the %s) and"
                        + " close.", number(trainingLevel), number(best), base);
                case OVERFITTING -> rose()
                        ? String.format(Locale.ROOT, "Overfitting: the validation loss fell to %s"
                                + " at %s %d, then rose to %s while the training loss went to"
                                + " %s%s.", number(best), step, bestIteration,
                                number(finalLevel), number(trainingLevel),
                                curves.restoredBest() ? restored() : "")
                        : String.format(Locale.ROOT, "Overfitting: the best validation loss %s"
                                + " (%s %d) stays well above the training loss %s (%s)%s.",
                                number(best), step, bestIteration, number(trainingLevel), base,
                                curves.restoredBest()
                                        && bestIteration < lastValidationIteration()
                                        ? restored() : "");
                case SEVERE_OVERFITTING -> String.format(Locale.ROOT, "Severe overfitting: the"
                        + " training loss is near zero (%s) but the validation loss stays high"
                        + " (best %s, %s of the %s).", number(trainingLevel), number(best),
                        ratio(best), base);
                case UNDETERMINED -> validation.length == 0 && training.length > 0
                        && !brokeDown
                        ? String.format(Locale.ROOT, "The training loss ends at %s (%s); without"
                                + " validation data a good fit cannot be told from"
                                + " overfitting.", number(trainingLevel), base)
                        : "";
            };
        }

        String rateSentence(RateRegime rate) {
            return switch (rate) {
                case DIVERGENT -> brokeDown
                        ? String.format(Locale.ROOT, "Divergent: the training loss became %s at"
                                + " %s %d and training stopped.",
                                nonFiniteLoss > 0 ? "infinite"
                                        : Double.isNaN(nonFiniteLoss) ? "NaN" : "-infinite",
                                step, nonFiniteStep)
                        : trainingLevel > WORSE_THAN_GUESSING * b && noLower
                        ? String.format(Locale.ROOT, "Divergent: the training loss ends at %s,"
                                + " %s times the baseline %s (%s) and no lower than where it"
                                + " started.", number(trainingLevel), ratio(trainingLevel),
                                number(b), meaning)
                        : String.format(Locale.ROOT, "Divergent: the training loss jumped to %s"
                                + " (%s times the baseline %s) and ends at %s: the network"
                                + " stopped learning.", number(peak), ratio(peak), number(b),
                                number(trainingLevel));
                case OSCILLATING -> String.format(Locale.ROOT, "The learning rate is too large:"
                        + " the validation loss jumps up and down by %s on average (%s%% of the"
                        + " baseline).", number(jitter), percent(jitter));
                case TOO_SLOW -> String.format(Locale.ROOT, "The learning rate is too slow: the"
                        + " loss still falls at a steady pace and is still high at the end (%s).",
                        number(validation.length > 0 ? finalLevel : trainingLevel));
                case GOOD, NOT_APPLICABLE, UNDETERMINED -> "";
            };
        }

        String ratio(double value) {
            double r = value / b;
            return Math.abs(r) >= 1e7 ? number(r)
                    : String.format(Locale.ROOT, Math.abs(r) >= 100 ? "%.0f" : "%.2f", r);
        }

        String percent(double value) {
            return String.format(Locale.ROOT, "%.1f", 100 * value / b);
        }
    }

    /**
     * Mean distance of each validation loss in the second half of {@code values} (without the
     * first, the validation of iteration 1) from the midpoint of its two neighbours: zero on a
     * straight or gently bending curve, the jump size on a zigzag. NaN with fewer than {@link
     * #MIN_VALIDATIONS_FOR_JITTER} values after the first.
     */
    static double jitter(double[] values) {
        if (values.length - 1 < MIN_VALIDATIONS_FOR_JITTER) {
            return Double.NaN;
        }
        double[] curve = Arrays.copyOfRange(values, 1, values.length);
        int from = Math.max(1, curve.length / 2);
        double sum = 0;
        for (int i = from; i < curve.length - 1; i++) {
            sum += Math.abs(curve[i] - (curve[i - 1] + curve[i + 1]) / 2);
        }
        return sum / (curve.length - 1 - from);
    }

    /**
     * Whether a falling curve keeps its pace: from {@code y[from]} at {@code x[from]} to the
     * last point, the fall per iteration over the second half is at least {@link #STEADY} of
     * that over the first half (a curve that levels off is not slow, it has converged).
     */
    static boolean steady(int from, int[] x, double[] y) {
        int last = y.length - 1;
        if (last - from < 1) {
            return false;
        }
        double halfway = (x[from] + x[last]) / 2.0;
        int middle = from;
        for (int i = from; i <= last; i++) {
            if (Math.abs(x[i] - halfway) < Math.abs(x[middle] - halfway)) {
                middle = i;
            }
        }
        if (middle == from || middle == last) {
            return y[last] < y[from];
        }
        double firstPace = (y[from] - y[middle]) / (x[middle] - x[from]);
        double secondPace = (y[middle] - y[last]) / (x[last] - x[middle]);
        return secondPace > 0 && secondPace >= STEADY * firstPace;
    }

    /** Whether the training curve's tenths fall steadily to a lowest last tenth. */
    private static boolean fallingAtTheEnd(double[] values) {
        if (values.length < 20) {
            return false;
        }
        double[] tenths = new double[10];
        for (int k = 0; k < 10; k++) {
            tenths[k] = median(Arrays.copyOfRange(values, k * values.length / 10,
                    (k + 1) * values.length / 10));
        }
        return Arrays.stream(tenths).min().orElseThrow() == tenths[9]
                && steady(0, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, tenths);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Four significant digits, plain; from 10^7 on (where the verbose table's cells switch too)
     * with an exponent, as {@code 4.027e+17}.
     */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        if (Math.abs(value) >= 1e7) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        int digits = Math.max(0, 3 - (int) Math.floor(Math.log10(Math.abs(value))));
        return String.format(Locale.ROOT, "%." + Math.min(digits, 8) + "f", value);
    }
}
