package dev.descent.optim;

/**
 * Per-value state arrays of a solver in the network's precision, created on first use.
 * Exactly one of the float and double arrays is non-null after {@link #ensure}.
 */
final class Moments {
    float[] single;
    double[] dual;

    void ensure(int size, boolean isSingle) {
        if (isSingle && single == null) {
            single = new float[size];
        } else if (!isSingle && dual == null) {
            dual = new double[size];
        }
    }

    double[] toDoubles() {
        if (dual != null) {
            return dual.clone();
        }
        if (single == null) {
            return new double[0];
        }
        double[] out = new double[single.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = single[i];
        }
        return out;
    }

    void restore(double[] values, boolean isSingle) {
        if (isSingle) {
            single = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                single[i] = (float) values[i];
            }
            dual = null;
        } else {
            dual = values.clone();
            single = null;
        }
    }
}
