package dev.descent.io;

import static dev.descent.data.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.ImageDatastore;
import dev.descent.data.LabeledData;
import dev.descent.data.TestImages;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.train.Classification;
import dev.descent.train.Examples;
import dev.descent.train.Predictor;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Case B24: class order and label mapping survive training, saving and loading. */
class ClassOrderRoundTripTest {
    @TempDir Path folder;

    @Test
    void classNamesNotPositionsSurviveSaveLoadAndATwoFolderTestSet() throws IOException {
        Path root = folder.resolve("train");
        // Created in the order 10, 2, 1: all white, all black, checkerboard.
        png(root.resolve("10/x.png"), TestImages.uniformGrey(4, 4, 255));
        png(root.resolve("2/x.png"), TestImages.uniformGrey(4, 4, 0));
        png(root.resolve("1/x.png"), TestImages.grey8(4, 4, 0, 255, 0, 255, 255, 0, 255, 0, 0,
                255, 0, 255, 255, 0, 255, 0));
        LabeledData train = ImageDatastore.fromFolder(root).readAll();
        Network network = Network.create(List.of(Layers.featureInput(16),
                Layers.fullyConnected(8), Layers.relu(), Layers.fullyConnected(3),
                Layers.softmax(), Layers.classification()), Precision.FLOAT32, new Rng(24),
                train.classes());
        new Trainer(TrainingOptions.builder("adam").initialLearnRate(0.05).maxEpochs(60)
                .miniBatchSize(3).l2Regularization(0).seed(24).build())
                .fit(network, Examples.classification(train), null);
        Path file = folder.resolve("b24.descent");

        ModelFile.write(file, network);
        Network loaded = ModelFile.read(file);

        assertThat(loaded.classes()).containsExactly("1", "10", "2");
        Classification before = Predictor.classify(network, train);
        Classification after = Predictor.classify(loaded, train);
        assertThat(List.of(after.labelName(0), after.labelName(1), after.labelName(2)))
                .containsExactly("1", "10", "2");
        assertThat(after.scores()).containsExactly(before.scores());
        assertThat(Predictor.accuracy(after, train)).isEqualTo(100.0);

        Path testRoot = folder.resolve("test");
        png(testRoot.resolve("2/y.png"), TestImages.uniformGrey(4, 4, 0));
        png(testRoot.resolve("10/y.png"), TestImages.uniformGrey(4, 4, 255));
        LabeledData test = ImageDatastore.fromFolder(testRoot).readAll();
        Classification predicted = Predictor.classify(loaded, test);

        assertThat(test.classes()).containsExactly("10", "2");
        assertThat(List.of(predicted.labelName(0), predicted.labelName(1)))
                .containsExactly("10", "2");
        assertThat(Predictor.accuracy(predicted, test)).isEqualTo(100.0);
    }
}
