package dev.descent.shallow;

import java.io.IOException;
import java.io.Serializable;

/**
 * A shallow network's raw observations: inputs and targets, one row per observation.
 *
 * @param x inputs, {@code rows x F} row-major
 * @param rows number of observations
 * @param t targets, {@code rows x K} row-major
 */
public record ShallowData(double[] x, int rows, double[] t) implements Serializable {

    /**
     * Reads the observations where it runs, for example on a cluster's executor from a path
     * that machine can see. Must be serializable, and must give the same rows in the same
     * order wherever it runs.
     */
    @FunctionalInterface
    public interface Reader extends Serializable {
        ShallowData read() throws IOException;
    }
}
