package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.LabeledData;
import dev.descent.io.ModelFile;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainCommandTest {
    @TempDir Path temp;

    /** Three separated classes in 2 features, rows ordered by class, 60 of each. */
    private Path blobs() throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,kind\n");
        Rng rng = new Rng(3);
        String[] kinds = {"a", "b", "c"};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 60; i++) {
                csv.append(3 * k + 0.3 * rng.nextGaussian()).append(',')
                        .append(-2 * k + 0.3 * rng.nextGaussian()).append(',')
                        .append(kinds[k]).append('\n');
            }
        }
        return Files.writeString(temp.resolve("blobs.csv"), csv);
    }

    @Test
    void trainsOnACsvFileWithAValidationSplitAndSavesAModel() throws IOException {
        Path out = temp.resolve("run");
        CommandRunner run = CommandRunner.run("train", "--data", blobs().toString(),
                "--layers", "fc:8,tanh,fc:3,softmax", "--learn-rate", "0.05", "--epochs", "30",
                "--batch", "16", "--validation-split", "0.25", "--validation-frequency", "5",
                "--threads", "1", "--json", "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("Training input:2,fc:8,tanh,fc:3,softmax,classification"
                + " on 135 observations, validating on 45 (3 labels)");
        assertThat(run.out()).contains("\"accuracy_on\":\"validation\"", "\"test_count\":45",
                "\"train_count\":135", "\"test_accuracy\":100");
        assertThat(out.resolve("model.descent")).isNotEmptyFile();
        CommandRunner classify = CommandRunner.run("classify", "--model",
                out.resolve("model.descent").toString(), "--data", blobs().toString());
        assertThat(classify.out()).contains("Accuracy: 100.00% of 180 observations");
    }

    @Test
    void objectiveMetricAccuracyPicksTheBestValidationAccuracyAndIsSavedInTheModel()
            throws IOException {
        Path out = temp.resolve("run");
        CommandRunner run = CommandRunner.run("train", "--data", blobs().toString(),
                "--layers", "fc:8,tanh,fc:3,softmax", "--learn-rate", "0.05", "--epochs", "10",
                "--batch", "16", "--validation-split", "0.25", "--validation-frequency", "5",
                "--objective-metric", "accuracy", "--plots", "none", "--threads", "1",
                "--json", "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern(
                "\"output_network\":\"best validation accuracy \\(iteration \\d+\\)\"");
        assertThat(ModelFile.load(out.resolve("model.descent")).training().options()
                .objectiveMetric()).isEqualTo(TrainingOptions.ObjectiveMetric.ACCURACY);
    }

    @Test
    void fullBatchMeansOneIterationPerEpochAndPiecewiseDropsTheRate() throws IOException {
        Path out = temp.resolve("run");
        CommandRunner run = CommandRunner.run("train", "--data", blobs().toString(),
                "--layers", "fc:4,relu,fc:3,softmax", "--solver", "sgdm", "--batch", "full",
                "--epochs", "4", "--schedule", "piecewise", "--drop-period", "2",
                "--drop-factor", "0.5", "--plots", "none", "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("history.csv"));
        assertThat(rows).hasSize(5);
        assertThat(rows.subList(1, 5)).extracting(row -> row.split(",")[2])
                .containsExactly("0.01", "0.01", "0.005", "0.005");
        assertThat(rows.subList(1, 5)).extracting(row -> row.split(",")[1])
                .containsExactly("1", "2", "3", "4");
        // The verbose table's last row: epoch 4 is iteration 4.
        assertThat(run.out()).containsPattern("\\|\\s+4 \\|\\s+4 \\|");
    }

    @ParameterizedTest
    @CsvSource({"sgd, 33", "sgdm, 33", "rmsprop, 33", "adam, 33", "trainscg, 3",
            "traingd, 3", "traingdm, 3", "traingda, 3", "traingdx, 3", "trainrp, 3"})
    void acceptsEverySolverAndTheFullBatchOnesRunOneIterationPerEpoch(String solver,
            int iterations) throws IOException {
        // 180 rows in mini-batches of 16: 11 per epoch; a full-batch function: 1 per epoch
        // (and refuses --batch, which does not apply to it).
        Path out = temp.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--data", blobs().toString(),
                "--layers", "fc:4,tanh,fc:3,softmax", "--solver", solver, "--epochs", "3",
                "--plots", "none", "--threads", "1", "--out", out.toString()));
        if (iterations > 3) {
            args.addAll(List.of("--batch", "16"));
        }
        CommandRunner run = CommandRunner.run(args.toArray(String[]::new));

        assertThat(run.status()).as(run.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("history.csv"));
        assertThat(rows).hasSize(1 + iterations);
        assertThat(rows.get(iterations).split(",")[0]).isEqualTo("3");
        assertThat(run.out()).contains("Training finished: Max epochs completed.");
    }

    @Test
    void trainscgLearnsTheBlobsAndSavesAFloat64ModelThatClassifies() throws IOException {
        Path out = temp.resolve("run");
        CommandRunner run = CommandRunner.run("train", "--data", blobs().toString(),
                "--layers", "fc:8,relu,dropout:0.2,fc:3,softmax", "--solver", "trainscg",
                "--epochs", "40", "--validation-split", "0.25",
                "--plots", "none", "--threads", "1", "--json", "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("Note: dropout is off with trainscg");
        assertThat(run.out()).contains("\"test_accuracy\":100");
        CommandRunner classify = CommandRunner.run("classify", "--model",
                out.resolve("model.descent").toString(), "--data", blobs().toString());
        assertThat(classify.out()).contains("Accuracy: 100.00% of 180 observations");
    }

    @Test
    void fullBatchFunctionsRefuseCheckpointsWithOneLine() throws IOException {
        CommandRunner run = CommandRunner.run("train", "--data", blobs().toString(),
                "--layers", "fc:4,relu,fc:3,softmax", "--solver", "trainscg",
                "--checkpoint-dir", temp.resolve("ck").toString(),
                "--plots", "none", "--out", temp.resolve("run").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines().toList()).last().isEqualTo("descent: --checkpoint-dir: "
                + "not available with --solver trainscg (full-batch training functions write no"
                + " checkpoints yet); use a stochastic solver or leave the option out");
    }

    @Test
    void batchOneIsPureSgdWithOneIterationPerObservation() throws IOException {
        Path out = temp.resolve("run");
        CommandRunner run = CommandRunner.run("train", "--data", blobs().toString(),
                "--layers", "fc:4,relu,fc:3,softmax", "--solver", "sgd", "--batch", "1",
                "--epochs", "2", "--plots", "none", "--threads", "1", "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("history.csv"));
        assertThat(rows).hasSize(1 + 360);
        assertThat(rows.get(180)).startsWith("1,180,");
        assertThat(rows.get(181)).startsWith("2,181,");
        // The verbose table's last row: epoch 2, iteration 360.
        assertThat(run.out()).containsPattern("\\|\\s+2 \\|\\s+360 \\|");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--batch|some|--batch must be a whole number of at least 1, or full, got 'some'",
        "--validation-split|1|--validation-split must be in [0, 1), got 1",
        "--layers|fc:8,relux|--layers: unknown layer \"relux\"; expected input:N, fc:N, relu,"
                + " leakyrelu[:s], tanh, sigmoid, linear, dropout[:p], softmax, classification"
                + " or regression",
        "--shuffle|sometimes|--shuffle must be once, every-epoch or never, got sometimes",
        "--epsilon|0|--epsilon must be finite and greater than 0, got 0",
        "--epsilon|0e-3|--epsilon must be finite and greater than 0, got 0e-3",
        "--squared-gradient-decay|1.5|--squared-gradient-decay must be in [0, 1), got 1.5",
        "--gradient-threshold-method|foo|--gradient-threshold-method must be l2norm,"
                + " global-l2norm or absolute-value, got foo",
        "--output-network|foo|--output-network must be auto, last-iteration or"
                + " best-validation, got foo",
        "--gradient-threshold|big|--gradient-threshold must be a number or inf, got 'big'",
        "--epochs|0|--epochs must be at least 1, got 0",
        "--objective-metric|rmse|--objective-metric must be loss or accuracy, got rmse",
    })
    void badOptionsNameTheOption(String option, String value, String message)
            throws IOException {
        CommandRunner run = CommandRunner.run("train", "--data", blobs().toString(), option,
                value, "--out", temp.resolve("never").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines().toList()).last().isEqualTo("descent: " + message);
        assertThat(temp.resolve("never")).doesNotExist();
    }

    @Test
    void aDivergingRunStopsWithTheReasonAndAHintAndSavesFiniteWeights() throws IOException {
        Path out = temp.resolve("run");
        CommandRunner run = CommandRunner.run("train", "--data", blobs().toString(),
                "--layers", "fc:8,relu,fc:3,softmax", "--solver", "sgd", "--learn-rate", "1e30",
                "--epochs", "5", "--plots", "none", "--threads", "1", "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("Training finished: Training loss is (NaN|infinite)")
                .contains("Hint: the learning rate is probably too large: try a smaller "
                        + "InitialLearnRate (for example a tenth) or set a GradientThreshold."
                        + " Weights kept: ");
        float[] weights = dev.descent.io.ModelFile.read(out.resolve("model.descent"))
                .parameters().heapValues32();
        for (float w : weights) {
            assertThat(w).isFinite();
        }
    }

    @Test
    void aBadOptionIsReportedBeforeTheDataIsRead() throws IOException {
        Path bad = Files.writeString(temp.resolve("bad.csv"), "x,label\n1,a\noops,b\n");

        CommandRunner run = CommandRunner.run("train", "--data", bad.toString(),
                "--learn-rate", "-1", "--out", temp.resolve("never").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "descent: --learn-rate must be finite and greater than 0, got -1");
    }

    @Test
    void holdOutTakesTheFloorOfEachLabelAndKeepsOrder() {
        int[] labels = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2};
        float[] features = new float[labels.length];
        for (int i = 0; i < features.length; i++) {
            features[i] = i;
        }
        LabeledData data = new LabeledData(features, labels.length, 1, labels,
                List.of("a", "b", "c"));

        LabeledData[] parts = TrainCommand.holdOut(data, 0.4, new Rng(5));

        assertThat(parts[1].countEachLabel()).containsExactly(2, 1, 0);
        assertThat(parts[0].countEachLabel()).containsExactly(3, 2, 2);
        Set<Float> seen = new HashSet<>();
        float previous = -1;
        for (float value : parts[0].features()) {
            assertThat(value).isGreaterThan(previous);
            previous = value;
            seen.add(value);
        }
        for (float value : parts[1].features()) {
            assertThat(seen.add(value)).isTrue();
        }
        assertThat(seen).hasSize(10);
    }
}
