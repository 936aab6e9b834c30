package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.LabeledData;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.train.Examples;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

class CheckpointOptionsTest {
    @TempDir Path folder;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A training command wired as the real ones should be. */
    @Command(name = "probe-train")
    static final class ProbeTrain implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Mixin CheckpointOptions checkpoints;

        @Option(names = "--epochs")
        int epochs = 6;

        @Option(names = "--crash-after")
        int crashAfter;

        @Option(names = "--objective-metric")
        String objectiveMetric = "loss";

        @Override
        public Integer call() throws Exception {
            Rng rng = new Rng(5);
            float[] x = new float[60 * 2];
            int[] labels = new int[60];
            for (int i = 0; i < 60; i++) {
                labels[i] = i % 2;
                x[2 * i] = (float) (rng.nextGaussian() + labels[i]);
                x[2 * i + 1] = (float) rng.nextGaussian();
            }
            LabeledData data = new LabeledData(x, 60, 2, labels, List.of("no", "yes"));
            Network network = Network.create(List.of(Layers.featureInput(2),
                    Layers.fullyConnected(4), Layers.relu(), Layers.dropout(0.2),
                    Layers.fullyConnected(2), Layers.softmax(), Layers.classification()),
                    Precision.FLOAT32, new Rng(9), data.classes());
            TrainingOptions options = TrainingOptions.builder("sgdm").maxEpochs(epochs)
                    .miniBatchSize(8).shuffle(TrainingOptions.Shuffle.EVERY_EPOCH).seed(9)
                    .objectiveMetric(TrainingOptions.ObjectiveMetric.parse(objectiveMetric))
                    .build();
            Trainer trainer = new Trainer(options);
            trainer.setTicker(() -> 0L);
            if (crashAfter > 0) {
                trainer.addListener(new TrainingListener() {
                    @Override
                    public void epochFinished(Trainer.Checkpoint checkpoint) {
                        if (checkpoint.epoch() == crashAfter) {
                            throw new IllegalStateException("simulated crash");
                        }
                    }
                });
            }
            Trainer.Result result = checkpoints.train(trainer, network,
                    Examples.classification(data), null);
            spec.commandLine().getOut().println(Arrays.toString(
                    result.network().parameters().heapValues32()));
            return 0;
        }
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = Main.commandLine().addSubcommand(new ProbeTrain());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void crashedRunResumedFromTheCheckpointFolderEndsWithTheUninterruptedWeights() {
        String dir = folder.resolve("checkpoints").toString();
        assertThat(run("probe-train", "--checkpoint-dir", dir, "--crash-after", "2"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("simulated crash");

        assertThat(run("probe-train", "--resume", dir, "--checkpoint-dir", dir)).isEqualTo(0);
        String resumed = out.toString();
        assertThat(run("probe-train")).isEqualTo(0);

        assertThat(resumed).isEqualTo(out.toString());
        assertThat(folder.resolve("checkpoints/checkpoint-epoch-0006.descent")).exists();
    }

    @Test
    void resumeWithOtherOptionsIsRefusedNamingTheOption() {
        String dir = folder.resolve("c").toString();
        assertThat(run("probe-train", "--checkpoint-dir", dir, "--epochs", "2")).isEqualTo(0);

        assertThat(run("probe-train", "--resume", dir, "--epochs", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("checkpoint-epoch-0002.descent: the checkpoint was"
                + " made with MaxEpochs 2, this command has 3; give the options of the"
                + " interrupted run");
        // One line, as every bad-input message.
        assertThat(err.toString().strip()).doesNotContain("\n");
    }

    @Test
    void resumeWatchingAnotherMetricIsRefusedNamingIt() {
        String dir = folder.resolve("c").toString();
        assertThat(run("probe-train", "--checkpoint-dir", dir, "--epochs", "2")).isEqualTo(0);

        assertThat(run("probe-train", "--resume", dir, "--epochs", "2", "--objective-metric",
                "accuracy")).isEqualTo(2);
        assertThat(err.toString()).contains("checkpoint-epoch-0002.descent: the checkpoint was"
                + " made with ObjectiveMetricName loss, this command has accuracy");
        assertThat(run("probe-train", "--resume", dir, "--epochs", "2")).isEqualTo(0);
    }

    @Test
    void resumeFromAFolderWithoutCheckpointsIsAnErrorNamingIt() {
        assertThat(run("probe-train", "--resume", folder.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("descent: " + folder + ": no checkpoint-epoch-NNNN"
                + ".descent file in this folder");
    }
}
