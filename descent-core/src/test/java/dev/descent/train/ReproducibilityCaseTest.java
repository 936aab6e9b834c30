package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.DatastoreSplit;
import dev.descent.data.ImageDatastore;
import dev.descent.data.LabeledData;
import dev.descent.data.TestImages;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Case B10: one seed reaches the split, the weights, the shuffles and the dropout masks. */
class ReproducibilityCaseTest {
    @TempDir Path temp;

    /** One run's observable results. */
    record Run(List<String> trainFiles, List<String> testFiles, double[] losses,
            double[] weights) {}

    @Test
    void sameSeedRepeatsEverythingAndAnotherSeedChangesTheSplit() throws IOException {
        Path root = folders(temp.resolve("forward"), false);
        Path reversed = folders(temp.resolve("backward"), true);

        Run first = run(root, 7);
        Math.random();
        new Rng(99).permutation(18);
        ImageDatastore.fromFolder(root).splitEachLabel(new Rng(99), 0.5);
        Run second = run(root, 7);
        Run otherOrder = run(reversed, 7);
        Run otherSeed = run(root, 8);

        assertThat(second.trainFiles()).isEqualTo(first.trainFiles());
        assertThat(second.testFiles()).isEqualTo(first.testFiles());
        assertThat(second.losses()).containsExactly(first.losses());
        assertThat(second.weights()).containsExactly(first.weights());
        assertThat(otherOrder.trainFiles()).isEqualTo(first.trainFiles());
        assertThat(otherOrder.losses()).containsExactly(first.losses());
        assertThat(otherSeed.trainFiles()).isNotEqualTo(first.trainFiles());
    }

    /** 3 label folders of 6 tiny 2x2 PNGs each, created in forward or reverse order. */
    private static Path folders(Path root, boolean reverse) throws IOException {
        String[] labels = {"a", "b", "c"};
        for (int n = 0; n < 18; n++) {
            int i = reverse ? 17 - n : n;
            int label = i / 6;
            Path folder = Files.createDirectories(root.resolve(labels[label]));
            int shade = 40 * label + 7 * (i % 6);
            TestImages.png(folder.resolve("img" + i + ".png"),
                    TestImages.grey8(2, 2, shade, 255 - shade, shade / 2, 128));
        }
        return root;
    }

    private static Run run(Path root, long seed) throws IOException {
        DatastoreSplit split = ImageDatastore.fromFolder(root).splitEachLabel(new Rng(seed), 0.5);
        LabeledData train = split.part(1).readAll();
        LabeledData test = split.part(2).readAll();
        Network network = Network.create(List.of(Layers.featureInput(4),
                Layers.fullyConnected(5), Layers.relu(), Layers.dropout(0.2),
                Layers.fullyConnected(3), Layers.softmax(), Layers.classification()),
                Precision.FLOAT32, new Rng(seed), train.classes());
        TrainingOptions options = TrainingOptions.builder("sgdm").maxEpochs(3).miniBatchSize(3)
                .shuffle(TrainingOptions.Shuffle.EVERY_EPOCH).seed(seed).build();
        Trainer.Result result = new Trainer(options).fit(network,
                Examples.classification(train), Examples.classification(test));
        double[] losses = result.history().records().stream()
                .mapToDouble(IterationRecord::trainingLoss).toArray();
        return new Run(split.part(1).files(), split.part(2).files(), losses,
                result.network().parameters().valuesAsDoubles());
    }
}
