package dev.descent.shallow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.LabeledData;
import dev.descent.io.ModelFile;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShallowExportTest {
    @TempDir Path dir;

    private static double[] outputs(ModelFile.SavedModel model, double[] x, int rows) {
        double[] processed = model.preprocessing().apply(x, rows);
        Matrix input = Matrix.of(Precision.FLOAT64, rows, model.network().inputSize(),
                processed);
        return model.network().forward(input, false).toDoubleArray();
    }

    @Test
    void aSavedPatternnetPredictsWhatTheShallowNetworkPredicts() throws Exception {
        LabeledData data = ShallowTrainerTest.iris();
        double[] x = ShallowTrainerTest.inputs(data);
        ShallowNetwork spec = ShallowNetwork.patternnet(6, 4);
        spec.trainParam().epochs(40);
        ShallowNetwork net = spec.train(x, 150, ShallowNetwork.oneHot(data.labels(), 3), 3,
                new Rng(2), null).network();
        Path file = dir.resolve("iris.descent");
        ModelFile.write(file, ShallowExport.savedModel(net, data.classes()));
        ModelFile.SavedModel loaded = ModelFile.load(file);
        assertThat(loaded.network().classes()).isEqualTo(data.classes());
        assertThat(outputs(loaded, x, 150)).containsExactly(net.predict(x, 150), within(1e-12));
    }

    @Test
    void aSavedFitnetKeepsTheOutputScale() throws Exception {
        Rng rng = new Rng(3);
        int n = 80;
        double[] x = new double[n * 2];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = 10 * rng.nextDouble();
            x[2 * i + 1] = 7;
            t[i] = 500 + 40 * Math.cos(x[2 * i]);
        }
        ShallowNetwork spec = ShallowNetwork.fitnet(5);
        spec.trainParam().epochs(30);
        ShallowNetwork net = spec.train(x, n, t, 1, new Rng(4), null).network();
        Path file = dir.resolve("fit.descent");
        ModelFile.write(file, ShallowExport.savedModel(net, List.of()));
        ModelFile.SavedModel loaded = ModelFile.load(file);
        assertThat(loaded.preprocessing().outputSize()).isEqualTo(1);
        assertThat(outputs(loaded, x, n)).containsExactly(net.predict(x, n), within(1e-9));
    }
}
