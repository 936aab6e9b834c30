package dev.descent.bench.jmh;

import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.optim.Adam;
import dev.descent.optim.Solver;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.tensor.Transpose;
import dev.descent.util.Rng;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot kernels of training 784 -> H -> 10 at batch B, one OpenBLAS thread unless
 * OPENBLAS_NUM_THREADS says otherwise: the products in the three orientations of forward and
 * backward, softmax with cross-entropy (forward, loss and gradient), the Adam update of all
 * parameters. Run with {@code bench/jmh [JMH options]}; the whole step is in {@link Step}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx1g"})
public class Kernels {
    @Param({"64", "1024"})
    public int batch;

    @Param({"256", "1024"})
    public int hidden;

    private Matrix x;
    private Matrix w;
    private Matrix y;
    private Matrix dw;
    private Matrix dx;
    private Network softmaxCrossEntropy;
    private Matrix logits;
    private Matrix targets;
    private Network mlp;
    private Solver adam;

    @Setup
    public void setUp() {
        Rng rng = new Rng(5);
        x = random(batch, 784, rng);
        w = random(784, hidden, rng);
        y = random(batch, hidden, rng);
        dw = random(784, hidden, rng);
        dx = random(batch, 784, rng);
        List<String> classes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        softmaxCrossEntropy = Network.create(List.of(Layers.featureInput(10), Layers.softmax(),
                Layers.classification()), Precision.FLOAT32, new Rng(1), classes);
        logits = random(batch, 10, rng);
        targets = Matrix.zeros(Precision.FLOAT32, batch, 10);
        for (int r = 0; r < batch; r++) {
            targets.set(r, r % 10, 1);
        }
        mlp = Network.create(List.of(Layers.featureInput(784), Layers.fullyConnected(hidden),
                Layers.relu(), Layers.dropout(0.3), Layers.fullyConnected(10), Layers.softmax(),
                Layers.classification()), Precision.FLOAT32, new Rng(1), classes);
        mlp.computeGradients(x, targets, true);
        mlp.parameters().pullGradients();
        adam = new Adam();
    }

    private static Matrix random(int rows, int cols, Rng rng) {
        Matrix m = Matrix.zeros(Precision.FLOAT32, rows, cols);
        for (int i = 0, n = m.size(); i < n; i++) {
            m.setFlat(i, rng.nextDouble() - 0.5);
        }
        return m;
    }

    /** Forward: y = x W (B x 784 by 784 x H). */
    @Benchmark
    public Matrix productForward() {
        Matrix.multiply(x, Transpose.NO, w, Transpose.NO, 1, 0, y);
        return y;
    }

    /** Weight gradient: dW = x^T delta (784 x B by B x H), transposed by the gemm flag. */
    @Benchmark
    public Matrix productWeightGradient() {
        Matrix.multiply(x, Transpose.YES, y, Transpose.NO, 1, 0, dw);
        return dw;
    }

    /** Input gradient: dx = delta W^T (B x H by H x 784), transposed by the gemm flag. */
    @Benchmark
    public Matrix productInputGradient() {
        Matrix.multiply(y, Transpose.NO, w, Transpose.YES, 1, 0, dx);
        return dx;
    }

    /** Softmax over 10 classes, cross-entropy loss and its gradient for B rows. */
    @Benchmark
    public double softmaxCrossEntropy() {
        softmaxCrossEntropy.forward(logits, true);
        double loss = softmaxCrossEntropy.loss(targets);
        softmaxCrossEntropy.backward(targets);
        return loss;
    }

    /** One Adam update of all 785 H + 10 (H + 1) parameters of 784 -> H -> 10. */
    @Benchmark
    public void adamUpdate() {
        adam.step(mlp.parameters(), 1e-9);
    }

    /**
     * The same update as the trainer runs it: gradients pulled from and values pushed to the
     * network's direct buffers, slice by slice.
     */
    @Benchmark
    public void adamPullStepPush() {
        adam.pullStepPush(mlp.parameters(), 1e-9, 0);
    }
}
