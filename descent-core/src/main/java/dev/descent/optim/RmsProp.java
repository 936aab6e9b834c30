package dev.descent.optim;

import dev.descent.nn.ParameterStore;
import dev.descent.tensor.Precision;
import java.util.List;

/**
 * RMSprop as MATLAB implements it, epsilon after the square root and no bias correction:
 * <pre>
 * s = beta2 s + (1 - beta2) g^2
 * w = w - a g / (sqrt(s) + epsilon)
 * </pre>
 */
public final class RmsProp extends Solver {
    public static final double DEFAULT_LEARN_RATE = 0.001;
    public static final double DEFAULT_DECAY = 0.9;
    public static final double DEFAULT_EPSILON = 1e-8;

    private final double decay;
    private final double epsilon;
    private final Moments squares = new Moments();
    private long steps;

    /**
     * @param decay squared gradient decay factor in [0, 1)
     * @param epsilon &gt; 0
     */
    public RmsProp(double decay, double epsilon) {
        super("rmsprop");
        Checks.requireDecay(decay, "SquaredGradientDecayFactor");
        Checks.requirePositive(epsilon, "Epsilon");
        this.decay = decay;
        this.epsilon = epsilon;
    }

    /** RMSprop with MATLAB's defaults (decay 0.9, epsilon 1e-8). */
    public RmsProp() {
        this(DEFAULT_DECAY, DEFAULT_EPSILON);
    }

    @Override
    protected void beginStep(ParameterStore store) {
        squares.ensure(store.size(), store.precision() == Precision.FLOAT32);
        steps++;
    }

    @Override
    protected void update(float[] w, float[] g, int from, int to, double rate) {
        float[] s = squares.single;
        float b = (float) decay;
        float c = (float) (1 - decay);
        float a = (float) rate;
        float eps = (float) epsilon;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float si = b * s[i] + c * gi * gi;
            s[i] = (si + Adam.FLUSH) - Adam.FLUSH;
            w[i] -= a * gi / ((float) Math.sqrt(si) + eps);
        }
    }

    @Override
    protected void update(double[] w, double[] g, int from, int to, double rate) {
        double[] s = squares.dual;
        for (int i = from; i < to; i++) {
            double gi = g[i];
            double si = decay * s[i] + (1 - decay) * gi * gi;
            s[i] = si;
            w[i] -= rate * gi / (Math.sqrt(si) + epsilon);
        }
    }

    @Override
    public SolverState state() {
        return new SolverState(name(), steps, List.of(squares.toDoubles()));
    }

    @Override
    public void restore(SolverState state, Precision precision) {
        Checks.requireSolver(state, name(), 1);
        steps = state.steps();
        squares.restore(state.arrays().get(0), precision == Precision.FLOAT32);
    }
}
