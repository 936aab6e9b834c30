package dev.descent.cli;

import dev.descent.data.LabeledData;
import dev.descent.train.IterationRecord;
import dev.descent.train.StopReason;
import dev.descent.train.TrainingHistory;
import dev.descent.util.Rng;
import java.util.List;

/** Synthetic training histories and images for the picture tests. */
final class Samples {
    private Samples() {}

    /**
     * A plausible classification run: accuracy rising from 10% towards 90% with mini-batch
     * noise, loss falling from 2.3, validation every {@code validationFrequency} iterations and
     * at the last one (0 for none).
     */
    static TrainingHistory classification(int iterationsPerEpoch, int epochs, int ranEpochs,
            int validationFrequency, long seed) {
        TrainingHistory history = new TrainingHistory(iterationsPerEpoch, epochs, true,
                validationFrequency, 10);
        Rng rng = new Rng(seed);
        int iterations = iterationsPerEpoch * ranEpochs;
        for (int i = 1; i <= iterations; i++) {
            double progress = 1 - Math.exp(-i / (0.15 * iterations));
            double loss = 2.3 * (1 - progress) + 0.35 + 0.25 * rng.nextGaussian();
            double accuracy = 10 + 78 * progress + 6 * rng.nextGaussian();
            boolean validation = validationFrequency > 0
                    && (i == 1 || i % validationFrequency == 0 || i == iterations);
            double validationLoss = validation ? 2.3 * (1 - progress) + 0.5 : Double.NaN;
            double validationAccuracy = validation ? 10 + 73.5 * progress : Double.NaN;
            history.add(new IterationRecord((i - 1) / iterationsPerEpoch + 1, i, 0.05,
                    Math.max(0.02, loss), Math.min(100, Math.max(0, accuracy)), validationLoss,
                    validationAccuracy, 0.021 * i));
        }
        history.setStopReason(ranEpochs < epochs
                ? StopReason.VALIDATION_PATIENCE
                : StopReason.MAX_EPOCHS);
        return history;
    }

    /** A regression run without validation data. */
    static TrainingHistory regression(int iterationsPerEpoch, int epochs, long seed) {
        TrainingHistory history = new TrainingHistory(iterationsPerEpoch, epochs, false, 0, 0);
        Rng rng = new Rng(seed);
        for (int i = 1; i <= iterationsPerEpoch * epochs; i++) {
            double loss = 40 * Math.exp(-i / 60.0) + 2 + rng.nextDouble();
            history.add(new IterationRecord((i - 1) / iterationsPerEpoch + 1, i, 1e-3, loss,
                    Double.NaN, Double.NaN, Double.NaN, 0.01 * i));
        }
        history.setStopReason(StopReason.MAX_EPOCHS);
        return history;
    }

    /** {@code count} 28x28 images of blurred strokes, labels cycling through ten digits. */
    static LabeledData digits(int count, long seed) {
        Rng rng = new Rng(seed);
        float[] pixels = new float[count * 784];
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            labels[n] = n % 10;
            drawStroke(pixels, n * 784, rng);
        }
        List<String> classes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        return new LabeledData(pixels, count, 784, labels, classes, 28, 28);
    }

    private static void drawStroke(float[] pixels, int offset, Rng rng) {
        double cx = 14 + 4 * rng.nextGaussian();
        double cy = 14 + 4 * rng.nextGaussian();
        double radius = 5 + 3 * rng.nextDouble();
        for (int row = 0; row < 28; row++) {
            for (int col = 0; col < 28; col++) {
                double distance = Math.hypot(row - cy, col - cx);
                double ink = Math.exp(-Math.pow(distance - radius, 2) / 3);
                pixels[offset + row * 28 + col] = (float) Math.min(1, ink * 1.2);
            }
        }
    }
}
