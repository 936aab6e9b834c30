package dev.descent.optim;

import dev.descent.nn.ParameterStore;
import dev.descent.tensor.Precision;
import java.util.List;

/**
 * Stochastic gradient descent with momentum in MATLAB's form, where the velocity carries the
 * learning rate:
 * <pre>
 * v = momentum v - a g
 * w = w + v
 * </pre>
 * With momentum 0 this is plain SGD. After a learning-rate drop the old velocity keeps the old
 * rate's scale (as MATLAB and Keras; PyTorch applies the rate after the momentum).
 */
public final class Sgdm extends Solver {
    public static final double DEFAULT_LEARN_RATE = 0.01;
    public static final double DEFAULT_MOMENTUM = 0.9;

    private final double momentum;
    private final Moments velocity = new Moments();
    private long steps;

    /** @param momentum in [0, 1) */
    public Sgdm(double momentum) {
        super(momentum == 0 ? "sgd" : "sgdm");
        Checks.requireDecay(momentum, "Momentum");
        this.momentum = momentum;
    }

    /** SGDM with MATLAB's default momentum 0.9. */
    public Sgdm() {
        this(DEFAULT_MOMENTUM);
    }

    /** Plain SGD: w = w - a g. */
    public static Sgdm plain() {
        return new Sgdm(0);
    }

    @Override
    protected void beginStep(ParameterStore store) {
        velocity.ensure(store.size(), store.precision() == Precision.FLOAT32);
        steps++;
    }

    @Override
    protected void update(float[] w, float[] g, int from, int to, double rate) {
        float[] vel = velocity.single;
        float mu = (float) momentum;
        float a = (float) rate;
        for (int i = from; i < to; i++) {
            float vi = mu * vel[i] - a * g[i];
            vel[i] = vi;
            w[i] += vi;
        }
    }

    @Override
    protected void update(double[] w, double[] g, int from, int to, double rate) {
        double[] vel = velocity.dual;
        for (int i = from; i < to; i++) {
            double vi = momentum * vel[i] - rate * g[i];
            vel[i] = vi;
            w[i] += vi;
        }
    }

    @Override
    public SolverState state() {
        return new SolverState(name(), steps, List.of(velocity.toDoubles()));
    }

    @Override
    public void restore(SolverState state, Precision precision) {
        Checks.requireSolver(state, name(), 1);
        steps = state.steps();
        velocity.restore(state.arrays().get(0), precision == Precision.FLOAT32);
    }
}
