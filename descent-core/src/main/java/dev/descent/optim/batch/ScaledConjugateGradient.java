package dev.descent.optim.batch;

import java.util.Map;

/**
 * {@code trainscg}: Møller's scaled conjugate gradient as MATLAB implements it. With r = -g the
 * steepest-descent direction, p the search direction and a scale lambda that makes the
 * curvature estimate positive, one iteration is:
 * <pre>
 * if success: sigmaK = sigma / |p|;  s = (g(w + sigmaK p) - g(w)) / sigmaK;  delta = p's
 * delta = delta + (lambda - lambdaBar) |p|^2
 * if delta &lt;= 0: lambdaBar = 2 (lambda - delta / |p|^2); delta = -delta + lambda |p|^2;
 *                lambda = lambdaBar
 * mu = p'r;  alpha = mu / delta;  Delta = 2 delta (E(w) - E(w + alpha p)) / mu^2
 * if Delta &gt;= 0: w = w + alpha p; lambdaBar = 0; success = true
 *                p = r (iterations 1, n+1, 2n+1, ...) or r + beta p with
 *                beta = (r'r - r'rOld) / mu;  if Delta &gt;= 0.75: lambda = lambda / 4
 * else:          lambdaBar = lambda; success = false
 * if Delta &lt; 0.25 and |p|^2 != 0: lambda = lambda + delta (1 - Delta) / |p|^2
 * </pre>
 * As MATLAB and unlike the paper, the last line uses the new direction's |p|^2 after a success.
 * A trial point whose objective is not finite counts as Delta = -1 (a failed step that raises
 * lambda); MATLAB would let NaN or infinity into lambda. Møller, M. F. (1993), "A scaled
 * conjugate gradient algorithm for fast supervised learning", Neural Networks 6(4) 525-533.
 */
public final class ScaledConjugateGradient extends BatchFunction {
    /** MATLAB's {@code trainParam.sigma}: the step of the finite-difference Hessian probe. */
    public static final double DEFAULT_SIGMA = 5.0e-5;
    /** MATLAB's {@code trainParam.lambda}: the initial scale. */
    public static final double DEFAULT_LAMBDA = 5.0e-7;

    private final double sigma;
    private final double initialLambda;
    private double[] p;
    private double[] trial;
    private double[] trialGradient;
    private double pSquared;
    private double lambda;
    private double lambdaBar;
    private double delta;
    private boolean success;

    /**
     * @param sigma finite-difference step for the curvature, &gt; 0
     * @param lambda initial scale, &gt; 0
     */
    public ScaledConjugateGradient(double sigma, double lambda) {
        super("trainscg");
        requirePositive(sigma, "sigma");
        requirePositive(lambda, "lambda");
        this.sigma = sigma;
        this.initialLambda = lambda;
    }

    /** MATLAB's defaults: sigma 5e-5, lambda 5e-7. */
    public ScaledConjugateGradient() {
        this(DEFAULT_SIGMA, DEFAULT_LAMBDA);
    }

    @Override
    protected void reset() {
        int n = w.length;
        p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = -gradient[i];
        }
        trial = new double[n];
        trialGradient = new double[n];
        pSquared = dot(p, p);
        lambda = initialLambda;
        lambdaBar = 0;
        delta = 0;
        success = true;
    }

    @Override
    protected void step() {
        int n = w.length;
        if (pSquared == 0) {
            // The direction vanished although the gradient did not (beta cancelled r exactly):
            // restart from steepest descent rather than divide by zero.
            for (int i = 0; i < n; i++) {
                p[i] = -gradient[i];
            }
            pSquared = dot(p, p);
        }
        if (success) {
            double sigmaK = sigma / Math.sqrt(pSquared);
            for (int i = 0; i < n; i++) {
                trial[i] = w[i] + sigmaK * p[i];
            }
            objective.evaluate(trial, trialGradient);
            double curvature = 0;
            for (int i = 0; i < n; i++) {
                curvature += p[i] * (trialGradient[i] - gradient[i]) / sigmaK;
            }
            delta = curvature;
        }
        delta += (lambda - lambdaBar) * pSquared;
        if (delta <= 0) {
            lambdaBar = 2 * (lambda - delta / pSquared);
            delta = -delta + lambda * pSquared;
            lambda = lambdaBar;
        }
        double mu = -dot(p, gradient);
        double alpha = mu / delta;
        for (int i = 0; i < n; i++) {
            trial[i] = w[i] + alpha * p[i];
        }
        // The gradient at the trial point is needed only on success; computing it with the
        // value costs one backward pass on a failure and saves one forward pass on a success.
        double trialPerformance = objective.evaluate(trial, trialGradient);
        double comparison = Double.isFinite(trialPerformance)
                ? 2 * delta * (performance - trialPerformance) / (mu * mu)
                : -1;
        if (comparison >= 0) {
            double rSquaredOld = dot(gradient, trialGradient);
            System.arraycopy(trial, 0, w, 0, n);
            double[] old = gradient;
            gradient = trialGradient;
            trialGradient = old;
            performance = trialPerformance;
            lambdaBar = 0;
            success = true;
            accepted = true;
            if ((iterations - 1) % n == 0) {
                for (int i = 0; i < n; i++) {
                    p[i] = -gradient[i];
                }
            } else {
                // r'r - r'rOld with r = -g: g'g - g'gOld.
                double beta = (dot(gradient, gradient) - rSquaredOld) / mu;
                for (int i = 0; i < n; i++) {
                    p[i] = -gradient[i] + beta * p[i];
                }
            }
            pSquared = dot(p, p);
            if (comparison >= 0.75) {
                lambda = 0.25 * lambda;
            }
        } else {
            lambdaBar = lambda;
            success = false;
            accepted = false;
        }
        if (comparison < 0.25 && pSquared != 0) {
            lambda = lambda + delta * (1 - comparison) / pSquared;
        }
    }

    @Override
    public Map<String, Double> state() {
        return Map.of("lambda", lambda);
    }

    @Override
    public double defaultMinGradient() {
        return 1e-6;
    }
}
