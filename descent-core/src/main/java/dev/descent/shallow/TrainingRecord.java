package dev.descent.shallow;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MATLAB's training record {@code tr} (reference section 4.8): the settings of the run, the
 * division, why it stopped, and one entry per epoch 0..numEpochs of time, performance on the
 * three sets, gradient norm, validation failures and the training function's states. Arrays
 * are 0-based by epoch; {@code vperf} and {@code tperf} are NaN where the set is empty.
 *
 * @param trainFcn for example trainscg
 * @param trainParam the parameters the run used, by MATLAB's names
 * @param performFcn crossentropy or mse
 * @param regularization performParam.regularization
 * @param divideFcn dividerand, divideblock, divideind or dividetrain
 * @param divideParam trainRatio, valRatio, testRatio
 * @param division the three index sets (0-based, sorted)
 * @param stop the stop message, for example "Validation stop."
 * @param bestEpoch the epoch whose weights the trained network holds
 * @param states the training function's recorded states by name (for example lambda)
 */
public record TrainingRecord(String trainFcn, Map<String, Object> trainParam, String performFcn,
        double regularization, String divideFcn, Map<String, Double> divideParam,
        Division division, String stop, int bestEpoch, double goal, double[] time, double[] perf,
        double[] vperf, double[] tperf, double[] gradient, int[] valFail,
        Map<String, double[]> states) {

    /** Copies the arrays and maps. */
    public TrainingRecord {
        trainParam = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trainParam));
        divideParam = Map.copyOf(divideParam);
        time = time.clone();
        perf = perf.clone();
        vperf = vperf.clone();
        tperf = tperf.clone();
        gradient = gradient.clone();
        valFail = valFail.clone();
        Map<String, double[]> copy = new LinkedHashMap<>();
        states.forEach((k, v) -> copy.put(k, v.clone()));
        states = copy;
    }

    /** MATLAB's divideMode: always "sample" here. */
    public String divideMode() {
        return "sample";
    }

    /** Number of iterations run. */
    public int numEpochs() {
        return perf.length - 1;
    }

    /** The epochs 0..numEpochs. */
    public int[] epoch() {
        int[] e = new int[perf.length];
        Arrays.setAll(e, i -> i);
        return e;
    }

    public int[] trainInd() {
        return division.trainInd();
    }

    public int[] valInd() {
        return division.valInd();
    }

    public int[] testInd() {
        return division.testInd();
    }

    /** Training performance at the best epoch. */
    public double bestPerf() {
        return perf[bestEpoch];
    }

    /** Validation performance at the best epoch (NaN without a validation set). */
    public double bestVperf() {
        return vperf[bestEpoch];
    }

    /** Test performance at the best epoch (NaN without a test set). */
    public double bestTperf() {
        return tperf[bestEpoch];
    }

    /** Whether the run had a validation set. */
    public boolean hasValidation() {
        return division.valInd().length > 0;
    }

    /** Whether the run had a test set. */
    public boolean hasTest() {
        return division.testInd().length > 0;
    }

    /** Names of the per-epoch states, "gradient" and "val_fail" first (plottrainstate). */
    public List<String> stateNames() {
        List<String> names = new java.util.ArrayList<>(List.of("gradient", "val_fail"));
        names.addAll(states.keySet());
        return names;
    }

    @Override
    public double[] time() {
        return time.clone();
    }

    @Override
    public double[] perf() {
        return perf.clone();
    }

    @Override
    public double[] vperf() {
        return vperf.clone();
    }

    @Override
    public double[] tperf() {
        return tperf.clone();
    }

    @Override
    public double[] gradient() {
        return gradient.clone();
    }

    @Override
    public int[] valFail() {
        return valFail.clone();
    }
}
