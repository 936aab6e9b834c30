package dev.descent.optim;

import dev.descent.nn.Parameter;
import dev.descent.nn.ParameterStore;
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
        for (Parameter p : parameters) {
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

    /** Called once per step before the per-array updates (allocates state, counts steps). */
    protected abstract void beginStep(ParameterStore store);

    /** Updates float32 values {@code w[from..to)} from gradients {@code g}. */
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
