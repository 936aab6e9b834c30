package dev.descent.io;

import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.train.Predictor;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.util.List;

/**
 * The network of the golden fixture {@code golden-v1.descent}, made from a fixed seed. The
 * fixture was written once by {@link #main} from this definition; it must never be rewritten,
 * so that later versions of the reader prove they still read version 1 files.
 */
final class Golden {
    static final String RESOURCE = "/dev/descent/io/golden-v1.descent";

    /** Three fixed observations of 5 raw features (feature 3 is constant, removed). */
    static final double[] INPUTS = {
        0.5, -1.25, 3.0, 7.0, 0.0,
        -2.0, 0.75, 3.0, 1.5, 10.0,
        1.0, 0.0, 3.0, -4.0, 2.5,
    };

    private Golden() {}

    static ModelFile.SavedModel model() {
        Network network = Network.create(List.of(Layers.featureInput(4),
                Layers.fullyConnected(6), Layers.leakyRelu(0.1), Layers.dropout(0.25),
                Layers.fullyConnected(3), Layers.tanh(), Layers.fullyConnected(3),
                Layers.softmax(), Layers.classification()), Precision.FLOAT32, new Rng(2026),
                List.of("1", "10", "2"));
        Preprocessing preprocessing = new Preprocessing(
                new boolean[] {true, true, false, true, true},
                new double[] {-2, -1.25, -4, 0}, new double[] {1, 0.75, 7, 10}, -1, 1);
        TrainingOptions options = TrainingOptions.builder("adam").initialLearnRate(0.005)
                .maxEpochs(12).miniBatchSize(32).validationPatience(5).seed(356).build();
        return new ModelFile.SavedModel(network, preprocessing,
                new ModelFile.TrainingSummary(options, "Max epochs completed", 12, 96));
    }

    /** The model's scores for {@link #INPUTS}: preprocessing in float64, then the network. */
    static float[] scores(ModelFile.SavedModel model) {
        double[] processed = model.preprocessing().apply(INPUTS, 3);
        float[] features = new float[processed.length];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) processed[i];
        }
        return Predictor.predict(model.network(), features, 3, 4);
    }

    /**
     * {@code write FILE} writes the fixture (once, by hand; the committed file must not
     * change); {@code print FILE} prints its scores as float bits.
     */
    public static void main(String[] args) throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of(args[1]);
        if (args[0].equals("write")) {
            ModelFile.write(file, model());
        } else {
            for (float score : scores(ModelFile.load(file))) {
                System.out.printf("0x%08x, // %s%n", Float.floatToRawIntBits(score), score);
            }
        }
    }
}
