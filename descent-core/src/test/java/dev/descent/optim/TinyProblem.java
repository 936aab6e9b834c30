package dev.descent.optim;

import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.train.Examples;
import dev.descent.util.Rng;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tiny problem of the golden-value tests (see golden/optimizers.py): a 2-3-1 network
 * (tanh, linear output, half mean squared error) on 4 observations with fixed weights, and the
 * values the peer scripts computed.
 */
public final class TinyProblem {
    public static final double[] X = {0.5, -1.0, 1.5, 0.25, -0.75, 0.875, 0.125, -0.375};
    public static final double[] T = {0.25, -0.5, 0.875, 0.125};
    public static final double[] INITIAL =
            {0.3, -0.2, 0.5, -0.4, 0.1, 0.25, 0.05, -0.1, 0.0, 0.6, -0.35, 0.2, 0.1};

    private TinyProblem() {}

    /** The network with the initial weights. */
    public static Network network(Precision precision) {
        Network net = Network.create(List.of(Layers.featureInput(2), Layers.fullyConnected(3),
                Layers.tanh(), Layers.fullyConnected(1), Layers.regression()), precision,
                new Rng(1), List.of());
        net.parameters().setValues(INITIAL);
        return net;
    }

    public static Matrix x(Precision precision) {
        return Matrix.of(precision, 4, 2, X);
    }

    public static Matrix t(Precision precision) {
        return Matrix.of(precision, 4, 1, T);
    }

    /** The data as {@link Examples} (the values are exact in float32). */
    public static Examples examples() {
        float[] x = new float[X.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) X[i];
        }
        float[] t = new float[T.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) T[i];
        }
        return Examples.regression(x, 4, 2, t, 1);
    }

    /**
     * The golden values of {@code resource} (under /golden): case name and step count map to
     * the values on that line.
     */
    public static Map<String, double[]> golden(String resource) {
        Map<String, double[]> out = new HashMap<>();
        try (InputStream in = TinyProblem.class.getResourceAsStream("/golden/" + resource);
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split("\\s+");
                double[] values = Arrays.stream(fields, 2, fields.length)
                        .mapToDouble(Double::parseDouble).toArray();
                out.put(fields[0] + " " + fields[1], values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
