package dev.descent.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes sample pictures into a folder for a person to look at: {@code RenderSamples DIR}. */
final class RenderSamples {
    private RenderSamples() {}

    public static void main(String[] args) throws Exception {
        Path folder = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "samples"));
        TrainingProgressPlot.write(Samples.classification(125, 50, 50, 50, 356),
                folder.resolve("progress-50-epochs.png"));
        TrainingProgressPlot.write(Samples.classification(20, 10, 6, 5, 1),
                folder.resolve("progress-early-stop.png"));
        TrainingProgressPlot.write(Samples.classification(20, 10, 6, 5, 1),
                folder.resolve("progress-early-stop.svg"));
        TrainingProgressPlot.write(Samples.classification(3, 100, 3, 0, 2),
                folder.resolve("progress-short-no-validation.png"));
        TrainingProgressPlot.write(Samples.regression(30, 8, 3),
                folder.resolve("progress-regression.png"));
    }
}
