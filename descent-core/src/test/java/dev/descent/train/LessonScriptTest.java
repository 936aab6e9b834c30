package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.BuiltinDigits;
import dev.descent.data.DatastoreSplit;
import dev.descent.data.ImageDatastore;
import dev.descent.data.LabeledData;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's library example, on the built-in digits, with an accuracy floor. */
class LessonScriptTest {
    @Test
    void theReadmeExampleLearnsTheDigits() throws IOException {
        ImageDatastore digits = BuiltinDigits.load();
        DatastoreSplit parts = digits.splitEachLabel(new Rng(356), 0.8);
        LabeledData train = parts.part(1).readAll();
        LabeledData test = parts.part(2).readAll();
        Network net = Network.create(List.of(Layers.featureInput(784),
                Layers.fullyConnected(64), Layers.relu(), Layers.dropout(0.3),
                Layers.fullyConnected(10), Layers.softmax(), Layers.classification()),
                Precision.FLOAT32, new Rng(1), train.classes());
        // Two epochs instead of the README's ten keep the test short.
        TrainingOptions options = TrainingOptions.builder("adam").initialLearnRate(0.001)
                .maxEpochs(2).miniBatchSize(64).validationFrequency(50).build();
        Trainer.Result result = new Trainer(options).fit(net, Examples.classification(train),
                Examples.classification(test));
        double accuracy = Predictor.accuracy(Predictor.classify(result.network(), test), test);

        assertThat(train.rows()).isEqualTo(7_996);
        assertThat(test.rows()).isEqualTo(2_004);
        // Two epochs of 784-64-10 on 8,000 MNIST digits measured 89.97% with these seeds; 87%
        // leaves room for other seeds and thread counts while failing on a broken engine
        // (chance is 10%).
        assertThat(accuracy).isGreaterThan(87.0);
    }
}
