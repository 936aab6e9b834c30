package dev.descent.bench;

import java.util.List;

/**
 * One benchmark case: a data set, the hidden width H of 784 -> H ReLU -> dropout 0.3 -> 10,
 * the mini-batch size and how many training images to use (0: all).
 */
record Workload(String name, String data, int hidden, int batch, int limit) {
    /**
     * The widest hidden layer: 784-H-10 has 795 H + 10 weights, each 24 bytes in a step
     * (value, gradient and Adam's two moments on the heap, value and gradient off it), 300 MiB
     * at 16384.
     */
    static final int MAX_HIDDEN = 16384;

    /**
     * The most elements of the B x H activations, 2^24: a step keeps 16 bytes of each off the
     * heap (measured), 256 MiB here. With the widest layer and the 60,000 Fashion-MNIST images
     * a workload then fits bench/run's 1 GiB JVM, and no int product of H and B overflows.
     */
    static final int MAX_HIDDEN_TIMES_BATCH = 1 << 24;

    /** Refuses, naming the workload, an H or H x B over the limits above. */
    Workload {
        if (hidden > MAX_HIDDEN) {
            throw new IllegalArgumentException("--workloads: H in " + name + " must be at most "
                    + MAX_HIDDEN + ", got " + hidden);
        }
        if ((long) hidden * batch > MAX_HIDDEN_TIMES_BATCH) {
            throw new IllegalArgumentException("--workloads: H times B in " + name
                    + " must be at most " + MAX_HIDDEN_TIMES_BATCH + ", got " + hidden + " x "
                    + batch + " = " + (long) hidden * batch);
        }
    }

    /** The workloads of SPEC section 6, in its order. */
    static final List<Workload> SPEC = List.of(
            new Workload("digits-h64", "digits", 64, 64, 0),
            new Workload("digits-h256", "digits", 256, 64, 0),
            new Workload("fashion-h256-b64", "fashion", 256, 64, 0),
            new Workload("fashion-h1024-b64", "fashion", 1024, 64, 0),
            new Workload("fashion-h256-b1024", "fashion", 256, 1024, 0),
            new Workload("fashion-h1024-b1024", "fashion", 1024, 1024, 0));

    /** Seconds-long: 400 built-in digits, H=32, batch 32. */
    static final Workload SMOKE = new Workload("smoke", "smoke", 32, 32, 0);

    /** Fashion-MNIST at batch 64 with hidden width {@code h} (the H scaling figure). */
    static Workload hidden(int h, int batch) {
        return new Workload("fashion-h" + h + "-b" + batch, "fashion", h, batch, 0);
    }

    /** Fashion-MNIST H=256 batch 64 on the first {@code n} training images (N scaling). */
    static Workload count(int n, int hidden, int batch) {
        return new Workload("fashion-n" + n + "-h" + hidden + "-b" + batch, "fashion", hidden,
                batch, n);
    }

    /**
     * Multiply-adds of one training step, counting the five matrix products: forward x W1 and
     * h W2, backward dW2 = h^T d2, dh = d2 W2^T, dW1 = x^T d1 (no dL/dx for the input).
     * Element-wise work (bias, ReLU, dropout, softmax, Adam) is not counted.
     */
    static long multiplyAddsPerStep(int batch, int inputs, int hidden, int classes) {
        long first = (long) batch * inputs * hidden;
        long second = (long) batch * hidden * classes;
        return 2 * first + 3 * second;
    }
}
