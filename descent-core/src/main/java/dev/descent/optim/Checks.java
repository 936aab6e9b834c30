package dev.descent.optim;

/** Argument checks shared by the solvers; messages name the MATLAB option. */
final class Checks {
    private Checks() {}

    static void requireDecay(double value, String name) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }

    static void requirePositive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and greater than 0, got "
                    + value);
        }
    }

    static void requireSolver(SolverState state, String name, int arrays) {
        if (!state.solver().equals(name) || state.arrays().size() != arrays) {
            throw new IllegalArgumentException("cannot restore " + name + " from the state of "
                    + state.solver() + " with " + state.arrays().size() + " arrays");
        }
    }
}
