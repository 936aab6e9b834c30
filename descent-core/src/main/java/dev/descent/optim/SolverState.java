package dev.descent.optim;

import java.util.List;

/**
 * A solver's state: its step count and its per-value arrays (momentum, squared-gradient
 * averages), each with the parameter store's layout, in float64 whatever the network's
 * precision (float32 values convert exactly).
 */
public record SolverState(String solver, long steps, List<double[]> arrays) {
    public SolverState {
        arrays = List.copyOf(arrays);
    }
}
