package dev.descent.bench;

import dev.descent.data.LabeledData;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.optim.Adam;
import dev.descent.optim.Solver;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.train.Examples;
import dev.descent.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * One mini-batch step of 784 -> H ReLU -> dropout 0.3 -> 10 softmax with Adam, as the trainer
 * runs it (gather the batch, forward, loss, backward, gradients to the solver, update), on
 * random data: the whole-step micro-benchmark and the allocation test use it.
 */
final class TrainingStep {
    final Network network;
    final Examples data;
    final Solver solver = new Adam();
    final Matrix x;
    final Matrix t;
    final int[] order;
    private int next;

    TrainingStep(int hidden, int batch, int rows) {
        this(hidden, batch, randomData(rows));
    }

    /** Steps on {@code labeled} (784 features, 10 classes), in a shuffled order. */
    TrainingStep(int hidden, int batch, LabeledData labeled) {
        Rng rng = new Rng(3);
        List<String> classes = labeled.classes();
        int rows = labeled.rows();
        data = Examples.classification(labeled);
        network = Network.create(List.of(Layers.featureInput(784), Layers.fullyConnected(hidden),
                Layers.relu(), Layers.dropout(0.3), Layers.fullyConnected(10), Layers.softmax(),
                Layers.classification()), Precision.FLOAT32, new Rng(1), classes);
        x = Matrix.zeros(Precision.FLOAT32, batch, 784);
        t = Matrix.zeros(Precision.FLOAT32, batch, 10);
        order = rng.permutation(rows);
    }

    /** Uniform random pixels, labels 0 to 9 in turn. */
    private static LabeledData randomData(int rows) {
        Rng rng = new Rng(3);
        float[] features = new float[rows * 784];
        for (int i = 0; i < features.length; i++) {
            features[i] = rng.nextFloat();
        }
        int[] labels = new int[rows];
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            classes.add("" + k);
        }
        for (int i = 0; i < rows; i++) {
            labels[i] = i % 10;
        }
        return new LabeledData(features, rows, 784, labels, classes);
    }

    /** One step on the next batch; returns the loss. */
    double run() {
        gather();
        network.forward(x, true);
        double loss = network.loss(t);
        network.backward(t);
        update();
        return loss;
    }

    /** Copies the next batch into x and t, as the trainer does. */
    void gather() {
        int batch = x.rows();
        if (next + batch > order.length) {
            next = 0;
        }
        data.copyBatch(order, next, batch, x, t);
        next += batch;
    }

    /** The solver step with the fused pull and push, as the trainer does. */
    void update() {
        solver.pullStepPush(network.parameters(), 0.001, 0);
    }
}
