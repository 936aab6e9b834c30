package dev.descent.optim.batch;

import dev.descent.util.Rng;

/** Objectives with known minima for the training-function tests. */
final class TestObjectives {
    private TestObjectives() {}

    /** Rosenbrock's function (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1). */
    static Objective rosenbrock() {
        return (w, g) -> {
            double x = w[0];
            double y = w[1];
            g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
            g[1] = 200 * (y - x * x);
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        };
    }

    /** E(w) = 1/2 w'Aw - b'w with A symmetric positive definite. */
    static final class Quadratic implements Objective {
        final double[][] a;
        final double[] b;

        Quadratic(double[][] a, double[] b) {
            this.a = a;
            this.b = b;
        }

        /**
         * A random n-dimensional quadratic A = M'M / n + I (M Gaussian: eigenvalues between 1
         * and about 5) and a random b.
         */
        static Quadratic random(int n, long seed) {
            Rng rng = new Rng(seed);
            double[][] m = new double[n][n];
            for (double[] row : m) {
                for (int j = 0; j < n; j++) {
                    row[j] = rng.nextGaussian();
                }
            }
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int k = 0; k < n; k++) {
                        sum += m[k][i] * m[k][j];
                    }
                    a[i][j] = sum / n + (i == j ? 1 : 0);
                }
            }
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = rng.nextGaussian();
            }
            return new Quadratic(a, b);
        }

        @Override
        public double evaluate(double[] w, double[] g) {
            double value = 0;
            for (int i = 0; i < w.length; i++) {
                double aw = 0;
                for (int j = 0; j < w.length; j++) {
                    aw += a[i][j] * w[j];
                }
                g[i] = aw - b[i];
                value += 0.5 * w[i] * aw - b[i] * w[i];
            }
            return value;
        }
    }
}
