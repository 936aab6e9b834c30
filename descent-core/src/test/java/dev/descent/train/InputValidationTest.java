package dev.descent.train;

import static dev.descent.data.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.DatastoreSplit;
import dev.descent.data.ImageDatastore;
import dev.descent.data.LabeledData;
import dev.descent.data.TestImages;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad feature matrices and degenerate data are refused before any work (cases B02, B30). */
class InputValidationTest {
    @TempDir Path root;

    private static Network network(int inputs, List<String> classes) {
        return Network.create(List.of(Layers.featureInput(inputs), Layers.fullyConnected(
                classes.size()), Layers.softmax(), Layers.classification()), Precision.FLOAT32,
                new Rng(1), classes);
    }

    private static LabeledData withNaNAtObservation3Feature2() {
        float[] x = new float[5 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.1f;
        }
        x[2 * 4 + 1] = Float.NaN;
        return new LabeledData(x, 5, 4, new int[] {0, 1, 0, 1, 0}, List.of("a", "b"));
    }

    @Test
    void nanFeatureIsNamedByObservationAndFeatureBeforeTraining() {
        // Case B02 (b), training side.
        assertThatThrownBy(() -> Examples.classification(withNaNAtObservation3Feature2()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features must be finite, got NaN at observation 3, feature 2 (of"
                        + " 5x4)");
    }

    @Test
    void nanFeatureIsNamedBeforeClassifyComputesAnything() {
        // Case B02 (b), prediction side: never a label from NaN scores.
        Network network = network(4, List.of("a", "b"));

        assertThatThrownBy(() -> Predictor.classify(network, withNaNAtObservation3Feature2()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN at observation 3, feature 2");
    }

    @Test
    void infiniteResponseIsNamedToo() {
        float[] responses = {0, 1, Float.POSITIVE_INFINITY, 2};

        assertThatThrownBy(() -> Examples.regression(new float[4], 4, 1, responses, 1))
                .hasMessage("responses must be finite, got Infinity at observation 3, feature 1"
                        + " (of 4x1)");
    }

    @Test
    void featureArrayOfTheWrongLengthIsRefusedByPredict() {
        Network network = network(4, List.of("a", "b"));

        assertThatThrownBy(() -> Predictor.predict(network, new float[7], 2, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features must hold rows*cols = 2*4 values, got 7");
    }

    @Test
    void singleClassFolderIsRefusedBeforeTraining() throws IOException {
        // Case B30 (a): root with one folder 7/ of 3 images.
        for (int i = 1; i <= 3; i++) {
            png(root.resolve("7/" + i + ".png"), TestImages.uniformGrey(2, 2, 40 * i));
        }
        LabeledData data = ImageDatastore.fromFolder(root).readAll();
        Network network = network(4, data.classes());
        Trainer trainer = new Trainer(TrainingOptions.builder("sgdm").maxEpochs(1).build());

        assertThatThrownBy(() -> trainer.fit(network, Examples.classification(data), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classification needs at least 2 classes in the training data,"
                        + " found 1 (\"7\")");
    }

    @Test
    void classListOfTwoWithOnlyOneClassPresentIsRefusedToo() {
        LabeledData data = new LabeledData(new float[6], 3, 2, new int[] {1, 1, 1},
                List.of("cat", "dog"));
        Trainer trainer = new Trainer(TrainingOptions.builder("sgdm").maxEpochs(1).build());

        assertThatThrownBy(() -> trainer.fit(network(2, data.classes()),
                Examples.classification(data), null))
                .hasMessage("classification needs at least 2 classes in the training data,"
                        + " found 1 (\"dog\")");
    }

    @Test
    void emptyTestPartClassifiesToNothingAndHasNoAccuracy() throws IOException {
        // Case B30 (c): a per-label split that leaves an empty second part. Descent reads the
        // value 1 as a count of one file per label (as MATLAB), so the whole of each label is
        // taken here by its count, 2.
        for (String label : List.of("cat", "dog")) {
            for (int i = 1; i <= 2; i++) {
                png(root.resolve(label + "/" + i + ".png"), TestImages.uniformGrey(2, 2, 9 * i));
            }
        }
        DatastoreSplit split = ImageDatastore.fromFolder(root).splitEachLabel(2);
        LabeledData test = split.part(2).readAll();
        Network network = network(4, test.classes());

        Classification predicted = Predictor.classify(network, test);

        assertThat(test.rows()).isZero();
        assertThat(predicted.size()).isZero();
        assertThatThrownBy(() -> Predictor.accuracy(predicted, test))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("accuracy of an empty test set is undefined");
    }
}
