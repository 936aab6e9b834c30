package dev.descent.optim.batch;

import java.util.Map;

/**
 * One row of MATLAB's training record {@code tr}: the state after iteration {@code epoch}
 * (0 = the starting point).
 *
 * @param validationPerformance NaN without validation data
 * @param testPerformance NaN without test data
 * @param validationFailures MATLAB's {@code val_fail}
 * @param state the function's own states ({@code lr}, {@code lambda}), see
 *     {@link TrainingFunction#state()}
 */
public record EpochRecord(int epoch, double seconds, double performance,
        double validationPerformance, double testPerformance, double gradientNorm,
        int validationFailures, Map<String, Double> state) {
    public EpochRecord {
        state = Map.copyOf(state);
    }
}
