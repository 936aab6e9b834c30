package dev.descent.train;

import dev.descent.nn.Network;
import dev.descent.nn.Parameter;
import dev.descent.nn.ParameterStore;
import dev.descent.optim.batch.Objective;
import dev.descent.tensor.Matrix;

/**
 * A network's loss over a whole data set as a full-batch {@link Objective} of its flattened
 * parameters (the {@link ParameterStore} order), for the training functions of
 * {@code dev.descent.optim.batch}.
 *
 * <p>E(w) = data loss over all rows + sum over arrays of (lambda / 2) l2Factor |w|^2, and the
 * gradient includes the L2 term too: a line search needs the value and the gradient of one
 * function. (The stochastic path reports the data loss alone, as MATLAB does.) Dropout is off:
 * the functions compare values at nearby points, so the objective must be deterministic.
 * Evaluating sets the network's parameters to the point evaluated.
 */
public final class NetworkObjective implements Objective {
    private final Network network;
    private final ParameterStore store;
    private final Matrix x;
    private final Matrix t;
    private final double l2Regularization;

    /**
     * @param data all training rows (copied once into one batch)
     * @param l2Regularization lambda, &gt;= 0
     * @throws IllegalArgumentException if lambda is negative or not finite
     */
    public NetworkObjective(Network network, Examples data, double l2Regularization) {
        if (!(l2Regularization >= 0) || Double.isInfinite(l2Regularization)) {
            throw new IllegalArgumentException(
                    "L2Regularization must be finite and >= 0, got " + l2Regularization);
        }
        this.network = network;
        this.store = network.parameters();
        this.l2Regularization = l2Regularization;
        int n = data.rows();
        this.x = Matrix.zeros(network.precision(), n, data.cols());
        this.t = Matrix.zeros(network.precision(), n, data.targetCols());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        data.copyBatch(order, 0, n, x, t);
    }

    /** The number of parameters. */
    public int size() {
        return store.size();
    }

    @Override
    public double evaluate(double[] parameters, double[] gradient) {
        store.setValues(parameters);
        double loss = network.computeGradients(x, t, false);
        double[] g = store.gradientsAsDoubles();
        System.arraycopy(g, 0, gradient, 0, g.length);
        return loss + addL2(parameters, gradient);
    }

    @Override
    public double value(double[] parameters) {
        store.setValues(parameters);
        network.forward(x, false);
        return network.loss(t) + addL2(parameters, null);
    }

    /** Adds lambda l2Factor w to {@code gradient} (when given); returns the penalty. */
    private double addL2(double[] w, double[] gradient) {
        if (l2Regularization == 0) {
            return 0;
        }
        double penalty = 0;
        for (Parameter p : store.parameters()) {
            double c = l2Regularization * p.l2Factor();
            if (c == 0) {
                continue;
            }
            for (int i = p.offset(); i < p.offset() + p.size(); i++) {
                penalty += 0.5 * c * w[i] * w[i];
                if (gradient != null) {
                    gradient[i] += c * w[i];
                }
            }
        }
        return penalty;
    }
}
