package dev.descent.optim;

import dev.descent.nn.ParameterStore;
import dev.descent.tensor.Precision;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015, arXiv:1412.6980) in the paper's form, as PyTorch implements it:
 * <pre>
 * t = t + 1
 * m = beta1 m + (1 - beta1) g
 * v = beta2 v + (1 - beta2) g^2
 * w = w - a (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 * </pre>
 * MATLAB adds epsilon to sqrt(v) before the correction; the two differ only when v is
 * near epsilon^2 (see docs/math.md). Values of m and v below the smallest normal float are
 * flushed to zero: arithmetic on subnormals is slow, and the JVM cannot set flush-to-zero.
 * For the same reason the float32 step is m (a / (sqrt(v) + epsilon)), not PyTorch's
 * (a m) / (sqrt(v) + epsilon): equal up to rounding, but a m is subnormal while the moment of
 * a rarely active weight decays, which made the whole update 1.7 times slower in training on
 * Fashion-MNIST (docs/benchmark.md).
 */
public final class Adam extends Solver {
    public static final double DEFAULT_LEARN_RATE = 0.001;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;

    /**
     * Adding and subtracting 2^-100 rounds every subnormal float (below 2^-126) to zero without
     * a branch, which would stop the JIT from vectorizing the loop; values above 2^-76 pass
     * unchanged and those in between move by less than 2^-123.
     */
    static final float FLUSH = 0x1.0p-100f;

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Moments m = new Moments();
    private final Moments v = new Moments();
    private long t;
    private double stepScale;
    private double correction2;

    /**
     * @param beta1 gradient decay factor in [0, 1)
     * @param beta2 squared gradient decay factor in [0, 1)
     * @param epsilon added to the denominator, &gt; 0
     */
    public Adam(double beta1, double beta2, double epsilon) {
        super("adam");
        Checks.requireDecay(beta1, "GradientDecayFactor (beta1)");
        Checks.requireDecay(beta2, "SquaredGradientDecayFactor (beta2)");
        Checks.requirePositive(epsilon, "Epsilon");
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Adam with MATLAB's defaults (0.9, 0.999, 1e-8). */
    public Adam() {
        this(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    @Override
    protected void beginStep(ParameterStore store) {
        boolean single = store.precision() == Precision.FLOAT32;
        m.ensure(store.size(), single);
        v.ensure(store.size(), single);
        t++;
        stepScale = 1.0 / (1.0 - Math.pow(beta1, t));
        correction2 = 1.0 / Math.sqrt(1.0 - Math.pow(beta2, t));
    }

    @Override
    protected void update(float[] w, float[] g, int from, int to, double rate) {
        float[] mm = m.single;
        float[] vv = v.single;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float step = (float) (rate * stepScale);
        float root = (float) correction2;
        float eps = (float) epsilon;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = b1 * mm[i] + c1 * gi;
            float vi = b2 * vv[i] + c2 * gi * gi;
            mm[i] = (mi + FLUSH) - FLUSH;
            vv[i] = (vi + FLUSH) - FLUSH;
            w[i] -= mi * (step / ((float) Math.sqrt(vi) * root + eps));
        }
    }

    @Override
    protected void update(double[] w, double[] g, int from, int to, double rate) {
        double[] mm = m.dual;
        double[] vv = v.dual;
        double step = rate * stepScale;
        for (int i = from; i < to; i++) {
            double gi = g[i];
            double mi = beta1 * mm[i] + (1 - beta1) * gi;
            double vi = beta2 * vv[i] + (1 - beta2) * gi * gi;
            mm[i] = mi;
            vv[i] = vi;
            w[i] -= step * mi / (Math.sqrt(vi) * correction2 + epsilon);
        }
    }

    @Override
    public SolverState state() {
        return new SolverState(name(), t, List.of(m.toDoubles(), v.toDoubles()));
    }

    @Override
    public void restore(SolverState state, Precision precision) {
        Checks.requireSolver(state, name(), 2);
        boolean single = precision == Precision.FLOAT32;
        t = state.steps();
        m.restore(state.arrays().get(0), single);
        v.restore(state.arrays().get(1), single);
    }
}
