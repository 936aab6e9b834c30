package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.LabeledData;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.train.Examples;
import dev.descent.train.Predictor;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir Path folder;

    /** Two noisy classes in 3 features. */
    private static LabeledData twoClasses(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) (rng.nextGaussian() + (labels[i] == 1 ? 1.5 : -1.5));
            }
        }
        return new LabeledData(x, n, 3, labels, List.of("cat", "dog"));
    }

    private static Network trainedNetwork(Precision precision) {
        Network network = Network.create(List.of(Layers.featureInput(3), Layers.fullyConnected(5),
                Layers.relu(), Layers.dropout(0.2), Layers.fullyConnected(2), Layers.softmax(),
                Layers.classification()), precision, new Rng(7), List.of("cat", "dog"));
        TrainingOptions options = TrainingOptions.builder("adam").initialLearnRate(0.01)
                .maxEpochs(3).miniBatchSize(8).seed(3).build();
        new Trainer(options).fit(network, Examples.classification(twoClasses(40, 1)), null);
        return network;
    }

    private static final float[] THREE_INPUTS = {0.1f, -2f, 3f, 1e-3f, 0f, -0.5f, 7f, 7f, -7f};

    @Test
    void aFolderWhereTheModelGoesIsNamedNotTheTemporaryFile() throws IOException {
        Path target = Files.createDirectory(folder.resolve("model.descent"));

        assertThatThrownBy(() -> ModelFile.write(target, trainedNetwork(Precision.FLOAT32)))
                .isInstanceOf(FileSystemException.class)
                .hasMessage(target + ": is a folder, so no file of that name can be written");

        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aMissingFolderIsReportedAsTheModelFile() {
        Path target = folder.resolve("no/model.descent");

        assertThatThrownBy(() -> ModelFile.write(target, trainedNetwork(Precision.FLOAT32)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(target.toString());
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    @Test
    void roundTripKeepsPredictionsBitIdenticalInFloat32() throws IOException {
        // Case B28 (a).
        Network network = trainedNetwork(Precision.FLOAT32);
        Path file = folder.resolve("net.descent");

        ModelFile.write(file, network);
        Network loaded = ModelFile.read(file);

        assertThat(bits(Predictor.predict(loaded, THREE_INPUTS, 3, 3)))
                .containsExactly(bits(Predictor.predict(network, THREE_INPUTS, 3, 3)));
        assertThat(loaded.classes()).containsExactly("cat", "dog");
        assertThat(loaded.specs()).isEqualTo(network.specs());
        assertThat(loaded.precision()).isEqualTo(Precision.FLOAT32);
        assertThat(loaded.parameters().valuesAsDoubles())
                .containsExactly(network.parameters().valuesAsDoubles());
    }

    @Test
    void roundTripKeepsFloat64ValuesAndPreprocessingAndOptions() throws IOException {
        // Case B28 (a): class names, input normalisation and training options preserved.
        Network network = trainedNetwork(Precision.FLOAT64);
        Preprocessing preprocessing = new Preprocessing(new boolean[] {true, false, true, true},
                new double[] {-1.5, 0.1, Double.NEGATIVE_INFINITY},
                new double[] {2.5, 0.1, 4}, -1, 1);
        TrainingOptions options = TrainingOptions.builder("sgdm").momentum(0.8)
                .gradientThreshold(TrainingOptions.GradientThresholdMethod.GLOBAL_L2NORM, 5)
                .piecewiseSchedule(0.5, 3).validationPatience(Double.POSITIVE_INFINITY)
                .shuffle(TrainingOptions.Shuffle.EVERY_EPOCH).seed(-42).build();
        ModelFile.SavedModel model = new ModelFile.SavedModel(network, preprocessing,
                new ModelFile.TrainingSummary(options, "Met validation criterion", 4, 17));
        Path file = folder.resolve("net64.descent");

        ModelFile.write(file, model);
        ModelFile.SavedModel loaded = ModelFile.load(file);

        assertThat(loaded.network().parameters().valuesAsDoubles())
                .containsExactly(network.parameters().valuesAsDoubles());
        assertThat(loaded.preprocessing()).isEqualTo(preprocessing);
        assertThat(loaded.training()).isEqualTo(model.training());
        assertThat(loaded.training().options()).isEqualTo(options);
    }

    @Test
    void modelWithoutExtrasLoadsWithNullPreprocessingAndTraining() throws IOException {
        Path file = folder.resolve("plain.descent");
        ModelFile.write(file, trainedNetwork(Precision.FLOAT32));

        ModelFile.SavedModel loaded = ModelFile.load(file);

        assertThat(loaded.preprocessing()).isNull();
        assertThat(loaded.training()).isNull();
    }

    @Test
    void goldenVersionOneFileStillReads() throws IOException {
        // Case B28 (b): the fixture was written once by Golden.main and is never rewritten.
        Path file = copyGolden();

        ModelFile.SavedModel loaded = ModelFile.load(file);

        ModelFile.SavedModel fresh = Golden.model();
        assertThat(loaded.network().specs()).isEqualTo(fresh.network().specs());
        assertThat(loaded.network().classes()).containsExactly("1", "10", "2");
        assertThat(loaded.preprocessing()).isEqualTo(fresh.preprocessing());
        assertThat(loaded.training()).isEqualTo(fresh.training());
        // Written before ObjectiveMetricName existed: such files watched the loss.
        assertThat(loaded.training().options().objectiveMetric())
                .isEqualTo(TrainingOptions.ObjectiveMetric.LOSS);
        float[] values = loaded.network().parameters().heapValues32();
        assertThat(Float.floatToRawIntBits(values[0])).isEqualTo(GOLDEN_FIRST_WEIGHT);
        assertThat(values).containsExactly(fresh.network().parameters().heapValues32());
        // Recorded when the fixture was written; OpenBLAS kernels may differ in the last bit
        // across processors, so the recorded scores are compared to 1e-6.
        float[] scores = Golden.scores(loaded);
        for (int i = 0; i < GOLDEN_SCORES.length; i++) {
            assertThat(scores[i]).isCloseTo(Float.intBitsToFloat(GOLDEN_SCORES[i]),
                    within(1e-6f));
        }
        assertThat(bits(scores)).containsExactly(bits(Golden.scores(fresh)));
    }

    private static final int GOLDEN_FIRST_WEIGHT = Float.floatToRawIntBits(
            Golden.model().network().parameters().heapValues32()[0]);

    private static final int[] GOLDEN_SCORES = {
        0x3eab6f04, 0x3eaf90ac, 0x3ea50050,
        0x3ea49f1b, 0x3e989e46, 0x3ec2c29f,
        0x3eb323ae, 0x3eb44cf9, 0x3e988f5a,
    };

    private Path copyGolden() throws IOException {
        Path file = folder.resolve("golden-v1.descent");
        try (InputStream in = ModelFileTest.class.getResourceAsStream(Golden.RESOURCE)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void versionNinetyNineIsRefusedNamingFoundAndSupportedVersions() throws IOException {
        // Case B28 (c).
        Path file = copyGolden();
        byte[] bytes = Files.readAllBytes(file);
        bytes[8] = 99;
        Files.write(file, bytes);

        assertThatThrownBy(() -> ModelFile.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(file + ": model format version 99 is not supported; this Descent"
                        + " reads version 1");
    }

    @Test
    void fileWithItsLastTenBytesCutIsRefusedAsTruncated() throws IOException {
        // Case B28 (d).
        Path file = copyGolden();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));

        assertThatThrownBy(() -> ModelFile.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(file + ": truncated or corrupt: the header declares " + bytes.length
                        + " bytes, the file has " + (bytes.length - 10));
    }

    @Test
    void flippedBitInTheWeightsFailsTheChecksum() throws IOException {
        Path file = copyGolden();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 0x10;
        Files.write(file, bytes);

        assertThatThrownBy(() -> ModelFile.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(file + ": corrupt: checksum mismatch");
    }

    /** A class whose deserialization would leave a trace. */
    static final class Canary implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean hatched;

        private void readObject(java.io.ObjectInputStream in)
                throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            hatched = true;
        }
    }

    @Test
    void javaSerializationStreamIsRefusedWithoutRunningIt() throws IOException {
        // Case B29 (a).
        Path file = folder.resolve("evil.descent");
        try (OutputStream out = Files.newOutputStream(file);
                ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(new Canary());
        }

        assertThatThrownBy(() -> ModelFile.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not a valid model file")
                .hasMessageContaining("Java serialization");
        assertThat(Canary.hatched).isFalse();
    }

    private static String header(long count) {
        return header(count, 2147483646);
    }

    private static String header(long count, int width) {
        return "{\"format\":\"descent-model\",\"precision\":\"float32\",\"layers\":["
                + "{\"type\":\"input\",\"size\":1},{\"type\":\"fc\",\"size\":" + width + ","
                + "\"bias\":false,\"weight_learn_rate_factor\":1,\"bias_learn_rate_factor\":1,"
                + "\"weight_l2_factor\":1,\"bias_l2_factor\":0},{\"type\":\"regression\"}],"
                + "\"classes\":[],\"parameter_count\":" + count + ",\"preprocessing\":null,"
                + "\"training\":null,\"arrays\":[{\"name\":\"parameters\",\"type\":\"float32\","
                + "\"count\":" + count + "}]}";
    }

    @Test
    void headerDeclaringTwoToThe31WeightsInAFewBytesIsRefusedBeforeAllocation()
            throws IOException {
        // Case B29 (b): the data length says 12 bytes, the array table says 2^31-1 floats.
        Path file = folder.resolve("huge.descent");
        Files.write(file, RawFiles.build(header(Integer.MAX_VALUE), RawFiles.floats(1, 2, 3)));

        assertThatThrownBy(() -> ModelFile.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(file + ": array parameters declares 2147483647 elements, expected"
                        + " 0.." + (Integer.MAX_VALUE - 8));
    }

    @Test
    void preambleDeclaringGigabytesOfDataInAFewBytesIsRefusedAsTruncated() throws IOException {
        long declared = 4L * Integer.MAX_VALUE;
        Path file = folder.resolve("huge2.descent");
        byte[] bytes = RawFiles.build(Container.VERSION, header(Integer.MAX_VALUE - 9), declared,
                RawFiles.floats(1, 2, 3));
        Files.write(file, bytes);

        assertThatThrownBy(() -> ModelFile.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file + ": truncated or corrupt: the header declares")
                .hasMessageEndingWith("the file has " + bytes.length);
    }

    @Test
    void largestArrayDeclaredWithOnlyTwelveBytesOfDataIsRefusedBeforeAllocation()
            throws IOException {
        // Case B29 (b) within the array limit: 2^31 - 9 floats (8 GiB, far above this JVM's
        // heap) declared in an otherwise consistent, checksum-valid file of 12 data bytes.
        Path file = folder.resolve("huge3.descent");
        Files.write(file, RawFiles.build(header(Integer.MAX_VALUE - 9),
                RawFiles.floats(1, 2, 3)));

        assertThatThrownBy(() -> ModelFile.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(file + ": array parameters declares 2147483638 float32 values"
                        + " (8589934552 bytes) but only 12 bytes of data remain: the file is"
                        + " corrupt");
    }

    @Test
    void consistentSizesThatDisagreeWithTheLayersAreRefused() throws IOException {
        // A checksum-valid file with 3 weights where the layers need 10^8.
        Path file = folder.resolve("liar.descent");
        Files.write(file, RawFiles.build(header(3, 100_000_000), RawFiles.floats(1, 2, 3)));

        assertThatThrownBy(() -> ModelFile.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file + ": the layers input:1,fc:100000000:nobias,"
                        + "regression need 100000000 parameters; the header declares 3");
    }

    @Test
    void unknownLayerTypeIsNamed() throws IOException {
        String header = "{\"format\":\"descent-model\",\"precision\":\"float32\",\"layers\":["
                + "{\"type\":\"input\",\"size\":1},{\"type\":\"lstm\"}],\"classes\":[],"
                + "\"parameter_count\":0,\"arrays\":[]}";
        Path file = folder.resolve("lstm.descent");
        Files.write(file, RawFiles.build(header, new byte[0]));

        assertThatThrownBy(() -> ModelFile.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(file + ": layers[1]: unknown layer type \"lstm\"");
    }

    @Test
    void textFileIsNotAModel() throws IOException {
        Path file = folder.resolve("notes.descent");
        Files.writeString(file, "hello, I am not a model");

        assertThatThrownBy(() -> ModelFile.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(file + ": not a valid model file: it does not start with the"
                        + " Descent magic bytes 89 44 53 4E 54 0D 0A 1A");
    }

    @Test
    void networkWithANaNWeightIsNeverSavedAndTheOldFileStays() throws IOException {
        // Case B02 (a): no NaN weight is ever written into a saved file.
        Path file = folder.resolve("net.descent");
        Network good = trainedNetwork(Precision.FLOAT32);
        ModelFile.write(file, good);
        byte[] before = Files.readAllBytes(file);
        Network bad = trainedNetwork(Precision.FLOAT32);
        double[] values = bad.parameters().valuesAsDoubles();
        values[4] = Double.NaN;
        bad.parameters().setValues(values);

        assertThatThrownBy(() -> ModelFile.write(file, bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fc_1/weights element 5 is NaN");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var listing = Files.list(folder)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly(
                    "net.descent");
        }
    }

    @Test
    void checkpointIsNotAcceptedWhereAModelIsRequiredTheOtherWayRound() throws IOException {
        Path file = folder.resolve("model.descent");
        ModelFile.write(file, trainedNetwork(Precision.FLOAT32));

        assertThatThrownBy(() -> CheckpointFile.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("expected \"descent-checkpoint\" (this is a model");
    }

    @Test
    void optionsTheSolverWouldRefuseCannotBeSavedAnyMore() {
        // Found by ModelFileFuzzTest: TrainingOptions accepted GradientDecayFactor 1, Adam did
        // not, and reading such a checkpoint threw IllegalArgumentException instead of a format
        // error. The options refuse it now, so no such file can be written; a file that holds
        // it anyway is refused on load as options that are not valid.
        assertThatThrownBy(() -> TrainingOptions.builder("adam").gradientDecayFactor(1.0)
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GradientDecayFactor must be in [0, 1), got 1.0");
    }
}
