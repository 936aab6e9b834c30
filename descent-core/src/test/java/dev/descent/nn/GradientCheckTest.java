package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GradientCheckTest {

    static List<Arguments> networks() {
        return List.of(
                Arguments.of("fc:4,relu,fc:3,softmax,classification", 5, 1),
                Arguments.of("fc:6,leakyrelu,fc:2,softmax,classification", 3, 2),
                Arguments.of("fc:5,tanh,fc:5,sigmoid,fc:4,softmax,classification", 7, 3),
                Arguments.of("fc:3,sigmoid,fc:2,regression", 4, 4),
                Arguments.of("fc:3,linear,fc:3:nobias,regression", 1, 5),
                Arguments.of("fc:4:nobias,tanh,fc:3,regression", 6, 6),
                // Softmax before a regression loss exercises the full softmax Jacobian.
                Arguments.of("fc:4,softmax,regression", 5, 7),
                Arguments.of("fc:8,relu,dropout:0.5,fc:3,softmax,classification", 9, 8),
                Arguments.of("fc:1:nobias,relu,regression", 1, 9));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void everyLayerAndLossAgreesWithFiniteDifferences(String layers, int batch, long seed) {
        Rng rng = new Rng(seed);
        int inputs = 3;
        List<LayerSpec> specs = new ArrayList<>();
        specs.add(Layers.featureInput(inputs));
        specs.addAll(Layers.parse(layers));
        boolean classification = layers.endsWith("classification");
        int outputs = outputWidth(specs);
        List<String> classes = new ArrayList<>();
        for (int k = 0; classification && k < outputs; k++) {
            classes.add("c" + k);
        }
        Network network = Network.create(specs, Precision.FLOAT64, rng, classes);
        Matrix x = randomMatrix(batch, inputs, rng);
        Matrix target = classification ? oneHot(batch, outputs, rng)
                : randomMatrix(batch, outputs, rng);

        List<GradientCheck.ArrayResult> results = GradientCheck.check(network, x, target);

        assertThat(results).isNotEmpty();
        assertThat(GradientCheck.maxRelativeError(results)).isLessThan(1e-7);
    }

    private static int outputWidth(List<LayerSpec> specs) {
        int width = 0;
        for (LayerSpec spec : specs) {
            width = spec.outputSize(width);
        }
        return width;
    }

    private static Matrix randomMatrix(int rows, int cols, Rng rng) {
        Matrix m = Matrix.zeros(Precision.FLOAT64, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, rng.nextGaussian());
        }
        return m;
    }

    private static Matrix oneHot(int rows, int classes, Rng rng) {
        Matrix m = Matrix.zeros(Precision.FLOAT64, rows, classes);
        for (int r = 0; r < rows; r++) {
            m.set(r, rng.nextInt(classes), 1);
        }
        return m;
    }
}
