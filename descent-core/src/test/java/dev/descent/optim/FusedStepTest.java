package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.nn.ParameterStore;
import dev.descent.tensor.Blas;
import dev.descent.tensor.DropoutMask;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import dev.descent.util.Rng;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Solver#pullStepPush}, which updates slice by slice off the heap, gives bit for bit
 * the values of pulling the gradients, adding L2, stepping and pushing in separate passes.
 */
class FusedStepTest {
    private static final List<String> CLASSES = List.of("a", "b", "c");

    /** 20 x 700 weights: more than one slice per array, and a partial last slice. */
    private static Network network(Precision precision) {
        return network(precision, 700);
    }

    private static Network network(Precision precision, int hidden) {
        return Network.create(List.of(Layers.featureInput(20), Layers.fullyConnected(hidden),
                Layers.relu(), Layers.dropout(0.3), Layers.fullyConnected(3), Layers.softmax(),
                Layers.classification()), precision, new Rng(9), CLASSES);
    }

    private static void compare(Supplier<Solver> solvers, Precision precision, double l2) {
        compare(solvers, precision, l2, 700);
    }

    private static void compare(Supplier<Solver> solvers, Precision precision, double l2,
            int hidden) {
        Network separate = network(precision, hidden);
        Network fused = network(precision, hidden);
        Solver a = solvers.get();
        Solver b = solvers.get();
        Rng rng = new Rng(2);
        Matrix x = Matrix.zeros(precision, 8, 20);
        Matrix t = Matrix.zeros(precision, 8, 3);
        for (int step = 0; step < 5; step++) {
            for (int i = 0; i < x.size(); i++) {
                x.setFlat(i, rng.nextGaussian());
            }
            t.fill(0);
            for (int r = 0; r < 8; r++) {
                t.set(r, rng.nextInt(3), 1);
            }
            separate.computeGradients(x, t, true);
            ParameterStore s = separate.parameters();
            s.pullGradients();
            addL2(s, l2);
            a.step(s, 0.01);
            s.pushValues();

            fused.computeGradients(x, t, true);
            b.pullStepPush(fused.parameters(), 0.01, l2);

            // isEqualTo compares the bits; containsExactly is quadratic on 720,000 values.
            assertThat(fused.parameters().valuesAsDoubles()).as("step " + step)
                    .isEqualTo(s.valuesAsDoubles());
        }
        assertThat(b.state().arrays().get(0)).isEqualTo(a.state().arrays().get(0));
    }

    /** The trainer's L2 pass (Gradients.addL2) for float32 and float64 stores. */
    private static void addL2(ParameterStore s, double lambda) {
        for (var p : s.parameters()) {
            double c = lambda * p.l2Factor();
            for (int i = p.offset(); i < p.offset() + p.size() && c != 0; i++) {
                if (s.precision() == Precision.FLOAT32) {
                    s.heapGradients32()[i] += (float) c * s.heapValues32()[i];
                } else {
                    s.heapGradients64()[i] += c * s.heapValues64()[i];
                }
            }
        }
    }

    @Test
    void adamMatchesTheSeparatePasses() {
        compare(Adam::new, Precision.FLOAT32, 0);
        compare(Adam::new, Precision.FLOAT32, 1e-4);
        compare(Adam::new, Precision.FLOAT64, 1e-4);
    }

    @Test
    void twoThreadsMatchTheSeparatePassesOnOne() {
        int before = Math.max(1, Blas.threads());
        try {
            Blas.setThreads(2);
            // 20 x 30000 + 30000 + 30000 x 3 + 3 = 720,003 values: above PARALLEL_VALUES, so
            // the fused update runs half on the helper thread; the separate passes run on one.
            assertThat(20 * 30_000 + 30_000 + 30_000 * 3 + 3)
                    .isGreaterThan(Solver.PARALLEL_VALUES);
            compare(Adam::new, Precision.FLOAT32, 1e-4, 30_000);
            compare(() -> new Sgdm(0.9), Precision.FLOAT32, 0, 30_000);
        } finally {
            Blas.setThreads(before);
        }
    }

    @Test
    void sgdmAndRmsPropMatchTheSeparatePasses() {
        compare(() -> new Sgdm(0.9), Precision.FLOAT32, 1e-4);
        compare(() -> new RmsProp(0.9, 1e-8), Precision.FLOAT32, 0);
    }

    @Test
    void heapCopiesFollowAFusedStep() {
        Network net = network(Precision.FLOAT32);
        Matrix x = Matrix.zeros(Precision.FLOAT32, 2, 20);
        x.fill(0.5);
        Matrix t = Matrix.of(Precision.FLOAT32, 2, 3, 1, 0, 0, 0, 1, 0);
        net.computeGradients(x, t, true);
        new Adam().pullStepPush(net.parameters(), 0.01, 0);

        float[] offHeap = net.parameters().offHeapValues().toFloatArray();
        assertThat(net.parameters().heapValues32()).containsExactly(offHeap);
        // A later push of the (refreshed) heap copy changes nothing.
        net.parameters().pushValues();
        assertThat(net.parameters().offHeapValues().toFloatArray()).containsExactly(offHeap);
    }

    @Test
    void maskSlicesAreSlicesOfTheWholeMask() {
        float[] whole = new float[10_000];
        DropoutMask.fill(whole, whole.length, 0.3, 42L);
        float[] part = new float[777];
        DropoutMask.fill(part, 4321, part.length, 0.3, 42L);
        assertThat(part).containsExactly(Arrays.copyOfRange(whole, 4321, 4321 + 777));
    }
}
