package dev.descent.optim;

import dev.descent.nn.Parameter;
import dev.descent.nn.ParameterStore;

import dev.descent.internal.parallel.Workers;
import dev.descent.tensor.Blas;
import dev.descent.tensor.Precision;
import java.util.List;

/**
 * A stochastic solver: one update of all parameters from the gradients of one mini-batch.
 *
 * <p>Call order: {@link #step} once per iteration, after the caller has pulled the gradients to
 * the heap and applied L2 and clipping; the caller pushes the values back afterwards. Each
 * parameter array uses the rate {@code learnRate * learnRateFactor}; arrays with factor 0 are
 * skipped and their state does not advance. State lives in flat arrays with the store's layout,
 * exposed by {@link #state()} for checkpoints.
 */
public abstract class Solver {
    private final String name;

    protected Solver(String name) {
        this.name = name;
    }

    /** MATLAB's solver name: {@code sgdm}, {@code rmsprop}, {@code adam} or {@code sgd}. */
    public final String name() {
        return name;
    }

    /** Updates every parameter array of {@code store} from its heap gradients. */
    public final void step(ParameterStore store, double learnRate) {
        beginStep(store);
        List<Parameter> parameters = store.parameters();
        boolean single = store.precision() == Precision.FLOAT32;
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            double rate = learnRate * p.learnRateFactor();
            if (p.learnRateFactor() == 0) {
                continue;
            }
            int from = p.offset();
            int to = from + p.size();
            if (single) {
                update(store.heapValues32(), store.heapGradients32(), from, to, rate);
            } else {
                update(store.heapValues64(), store.heapGradients64(), from, to, rate);
            }
        }
    }

    /** Values per slice in {@link #pullStepPush}: 16 KiB of each array, well inside L2. */
    static final int SLICE = 4096;

    /**
     * The same update as {@code store.pullGradients()}, L2 regularisation with factor
     * {@code l2} ({@code g += l2 * l2Factor * w} per array), {@link #step} and
     * {@code store.pushValues()}, for when no gradient threshold applies: in float32 it pulls,
     * regularises, updates and pushes slice by slice, so each slice is copied while it is in
     * the cache instead of in whole passes over memory. The values are bit for bit those of
     * the separate passes.
     */
    public final void pullStepPush(ParameterStore store, double learnRate, double l2) {
        if (store.precision() != Precision.FLOAT32) {
            store.pullGradients();
            addL2(store, l2);
            step(store, learnRate);
            store.pushValues();
            return;
        }
        beginStep(store);
        int size = store.size();
        int parts = size >= PARALLEL_VALUES ? Math.min(Blas.threads(), size / SLICE) : 1;
        if (parts > 1) {
            // Each thread pulls, updates and pushes its own range of whole slices.
            stepTask.set(store, learnRate, l2);
            Workers.run(stepTask, parts);
        } else {
            pullStepPush(store, learnRate, l2, 0, size);
        }
    }

    /**
     * Stores of at least this many values are updated on {@link Blas#threads()} threads: 2^15,
     * so the lesson's 784-64-10 (50,890 values) is: each thread then updates about the rows of
     * the weight gradient it computed, still in its cache (two threads 10.6 microseconds a
     * step against 18.7 on one, bench/run --phases 64 64; on one thread after a split
     * gradient, 20.6).
     */
    static final int PARALLEL_VALUES = 1 << 15;

    /** The step's parts on the worker threads, kept so that a step allocates nothing. */
    private final StepTask stepTask = new StepTask();

    private final class StepTask implements Workers.Task {
        private ParameterStore store;
        private double learnRate;
        private double l2;

        void set(ParameterStore store, double learnRate, double l2) {
            this.store = store;
            this.learnRate = learnRate;
            this.l2 = l2;
        }

        @Override
        public void run(int part, int parts) {
            int size = store.size();
            pullStepPush(store, learnRate, l2, Workers.start(part, parts, size, SLICE),
                    Workers.start(part + 1, parts, size, SLICE));
        }
    }

    /** {@link #pullStepPush(ParameterStore, double, double)} of elements [lo, hi) only. */
    private void pullStepPush(ParameterStore store, double learnRate, double l2, int lo,
            int hi) {
        float[] w = store.heapValues32();
        float[] g = store.heapGradients32();
        List<Parameter> parameters = store.parameters();
        // An index loop: the iterator of the unmodifiable list is not always optimised away.
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            int start = Math.max(lo, p.offset());
            int end = Math.min(hi, p.offset() + p.size());
            if (start >= end) {
                continue;
            }
            double rate = learnRate * p.learnRateFactor();
            float c = (float) (l2 * p.l2Factor());
            for (int from = start; from < end; from += SLICE) {
                int to = Math.min(end, from + SLICE);
                store.pullGradients(from, to - from);
                if (c != 0) {
                    for (int i = from; i < to; i++) {
                        g[i] += c * w[i];
                    }
                }
                if (p.learnRateFactor() != 0) {
                    update(w, g, from, to, rate);
                    store.pushValues(from, to - from);
                }
            }
        }
    }

    /** g += lambda * l2Factor * w on the heap copy of a float64 store. */
    private static void addL2(ParameterStore store, double lambda) {
        if (lambda == 0) {
            return;
        }
        double[] w = store.heapValues64();
        double[] g = store.heapGradients64();
        for (Parameter p : store.parameters()) {
            double coefficient = lambda * p.l2Factor();
            for (int i = p.offset(), end = p.offset() + p.size(); coefficient != 0 && i < end;
                    i++) {
                g[i] += coefficient * w[i];
            }
        }
    }

    /** Called once per step before the per-array updates (allocates state, counts steps). */
    protected abstract void beginStep(ParameterStore store);

    /**
     * Updates float32 values {@code w[from..to)} from gradients {@code g}. Every array is
     * indexed by the same i: with an offset on some of them the JIT (JDK 17) stops vectorizing
     * the loop, which then runs 30 times slower.
     */
    protected abstract void update(float[] w, float[] g, int from, int to, double rate);

    /** Updates float64 values {@code w[from..to)} from gradients {@code g}. */
    protected abstract void update(double[] w, double[] g, int from, int to, double rate);

    /** The solver's state as flat arrays plus a step count, for checkpoints. */
    public abstract SolverState state();

    /**
     * Restores a {@link #state()} taken from a solver of the same kind, for a network of
     * {@code precision}.
     */
    public abstract void restore(SolverState state, Precision precision);
}
