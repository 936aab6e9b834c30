package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.nn.Network;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingListener;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir Path folder;

    /** Thrown by a listener to end a run as a crash would. */
    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static Trainer.Result uninterrupted() {
        return CheckpointRun.trainer(CheckpointRun.options()).fit(CheckpointRun.network(),
                CheckpointRun.train(), CheckpointRun.validation());
    }

    private static Trainer.Result resume(Path checkpoint) throws IOException {
        CheckpointFile.Saved saved = CheckpointFile.read(checkpoint);
        return CheckpointRun.trainer(saved.options()).resume(saved.network(),
                CheckpointRun.train(), CheckpointRun.validation(), saved.checkpoint());
    }

    private static void assertSameRun(Trainer.Result resumed, Trainer.Result whole) {
        assertThat(resumed.network().parameters().heapValues32())
                .containsExactly(whole.network().parameters().heapValues32());
        assertThat(resumed.history().records()).isEqualTo(whole.history().records());
        assertThat(resumed.history().stopReason()).isEqualTo(whole.history().stopReason());
        assertThat(resumed.history().bestIteration()).isEqualTo(whole.history().bestIteration());
        assertThat(resumed.history().outputNetwork()).isEqualTo(whole.history().outputNetwork());
    }

    @Test
    void runStoppedAfterEpochFourAndResumedEqualsAnUninterruptedRunBitForBit()
            throws IOException {
        Network network = CheckpointRun.network();
        CheckpointWriter writer = new CheckpointWriter(folder, network, CheckpointRun.options());
        TrainingListener crashAfterFour = new TrainingListener() {
            @Override
            public void epochFinished(Trainer.Checkpoint checkpoint) {
                if (checkpoint.epoch() == 4) {
                    throw new Crash();
                }
            }
        };
        Trainer first = CheckpointRun.trainer(CheckpointRun.options(), writer, crashAfterFour);
        assertThatThrownBy(() -> first.fit(network, CheckpointRun.train(),
                CheckpointRun.validation())).isInstanceOf(Crash.class);

        Path latest = CheckpointWriter.latestIn(folder);
        Trainer.Result resumed = resume(latest);

        assertThat(latest.getFileName().toString()).isEqualTo("checkpoint-epoch-0004.descent");
        try (var listing = Files.list(folder)) {
            assertThat(listing).containsExactly(latest);
        }
        assertSameRun(resumed, uninterrupted());
    }

    @Test
    void checkpointRoundTripKeepsEveryField() throws IOException {
        Network network = CheckpointRun.network();
        Trainer.Checkpoint[] last = new Trainer.Checkpoint[1];
        CheckpointRun.trainer(CheckpointRun.options(), new TrainingListener() {
            @Override
            public void epochFinished(Trainer.Checkpoint checkpoint) {
                last[0] = checkpoint;
            }
        }).fit(network, CheckpointRun.train(), CheckpointRun.validation());
        Trainer.Checkpoint c = last[0];
        Path file = folder.resolve("c.descent");

        CheckpointFile.write(file, network, CheckpointRun.options(), c);
        CheckpointFile.Saved saved = CheckpointFile.read(file);

        Trainer.Checkpoint r = saved.checkpoint();
        assertThat(saved.options()).isEqualTo(CheckpointRun.options());
        assertThat(r.epoch()).isEqualTo(CheckpointRun.EPOCHS);
        assertThat(r.iteration()).isEqualTo(c.iteration());
        assertThat(r.learnRate()).isEqualTo(c.learnRate());
        assertThat(r.shuffleState()).isEqualTo(c.shuffleState());
        assertThat(r.order()).containsExactly(c.order());
        assertThat(r.dropoutStates()).containsExactly(c.dropoutStates()).hasSize(2);
        assertThat(r.solver().solver()).isEqualTo("adam");
        assertThat(r.solver().steps()).isEqualTo(c.solver().steps());
        assertThat(r.solver().arrays().get(1)).containsExactly(c.solver().arrays().get(1));
        assertThat(r.parameters()).containsExactly(c.parameters());
        assertThat(r.bestParameters()).containsExactly(c.bestParameters());
        assertThat(r.bestLoss()).isEqualTo(c.bestLoss());
        assertThat(r.bestIteration()).isEqualTo(c.bestIteration());
        assertThat(r.failures()).isEqualTo(c.failures());
        assertThat(r.records()).isEqualTo(c.records());
        assertThat(ModelFile.read(file).parameters().valuesAsDoubles())
                .containsExactly(c.parameters());
    }

    @Test
    void processKilledDuringAnEpochResumesToTheUninterruptedWeights() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp",
                System.getProperty("java.class.path"), "-Djava.awt.headless=true",
                CheckpointRun.class.getName(), folder.toString());
        builder.redirectErrorStream(true).redirectOutput(folder.resolve("child.log").toFile());
        Process child = builder.start();
        // Wait (at most two minutes, a safety net rather than a measurement) until the child
        // has written the checkpoint of epoch 2 and stands inside epoch 3, then SIGKILL it.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!readLog().contains(CheckpointRun.WAITING) && child.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        boolean killedWhileRunning = child.isAlive();
        child.destroyForcibly().waitFor();

        assertThat(killedWhileRunning).as("child still running when killed; its log:%n%s",
                readLog()).isTrue();
        assertThat(readLog()).contains(CheckpointRun.WAITING + ", iteration 17");
        Path latest = CheckpointWriter.latestIn(folder);
        CheckpointFile.Saved saved = CheckpointFile.read(latest);
        assertThat(saved.checkpoint().epoch()).isEqualTo(2);
        assertThat(saved.checkpoint().iteration()).isEqualTo(14);
        assertSameRun(resume(latest), uninterrupted());
    }

    private String readLog() throws IOException {
        File log = folder.resolve("child.log").toFile();
        return log.exists() ? Files.readString(log.toPath()) : "";
    }

    @Test
    void resumeWithDifferentDataIsRefused() throws IOException {
        Network network = CheckpointRun.network();
        CheckpointWriter writer = new CheckpointWriter(folder, network, CheckpointRun.options());
        CheckpointRun.trainer(CheckpointRun.options().toBuilder().maxEpochs(1).build(), writer)
                .fit(network, CheckpointRun.train(), CheckpointRun.validation());
        CheckpointFile.Saved saved = CheckpointFile.read(writer.latest());

        assertThatThrownBy(() -> CheckpointRun.trainer(saved.options()).resume(saved.network(),
                dev.descent.train.Examples.classification(CheckpointRun.data(90, 11)), null,
                saved.checkpoint()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the checkpoint was made with 120 training observations, this data"
                        + " has 90; resume with the same data");
    }

    @Test
    void checkpointClaimingAFullBatchSolverIsAFormatError() throws IOException {
        // Full-batch training functions write no checkpoints; a file that says otherwise made
        // createSolver throw IllegalStateException before the reader checked for it.
        Network network = CheckpointRun.network();
        CheckpointWriter writer = new CheckpointWriter(folder, network, CheckpointRun.options());
        CheckpointRun.trainer(CheckpointRun.options().toBuilder().maxEpochs(1).build(), writer)
                .fit(network, CheckpointRun.train(), CheckpointRun.validation());
        byte[] bytes = Files.readAllBytes(writer.latest());
        java.nio.ByteBuffer preamble = java.nio.ByteBuffer.wrap(bytes)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int headerLength = preamble.getInt(12);
        String header = new String(bytes, 24, headerLength,
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(header).contains("\"solver\":\"adam\"");
        byte[] data = java.util.Arrays.copyOfRange(bytes, 24 + headerLength, bytes.length - 4);
        Path file = folder.resolve("scg.descent");
        Files.write(file, RawFiles.build(header.replace("\"solver\":\"adam\"",
                "\"solver\":\"trainscg\""), data));

        assertThatThrownBy(() -> CheckpointFile.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("checkpoint is for trainscg, a full-batch training function");
    }
}
