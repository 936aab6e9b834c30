package dev.descent.bench;

import dev.descent.nn.Layer;
import dev.descent.nn.PassListener;
import dev.descent.tensor.Blas;
import dev.descent.tensor.Matrix;
import java.util.Arrays;
import java.util.Locale;

/**
 * Microseconds per phase of one training step (gather, each layer's forward and backward, the
 * loss, the solver), on one thread and on two, in blocks of steps that alternate between the
 * two counts; the best of ten blocks per phase is printed, which keeps the comparison fair on
 * a machine whose speed moves from minute to minute. Usage: {@link #USAGE}.
 */
public final class StepPhases {
    private static final String[] NAMES = {"gather", "fc1 forward", "relu forward",
        "dropout forward", "fc2 forward", "softmax forward", "loss", "loss gradient",
        "fc2 backward", "dropout backward", "relu backward", "fc1 backward", "solver"};

    private final long[] nanos = new long[NAMES.length];
    private long mark;

    private StepPhases() {}

    private void lap(int phase) {
        long now = System.nanoTime();
        nanos[phase] += now - mark;
        mark = now;
    }

    /**
     * The largest batch, 2^16: its rows of 784 floats are then 200 MiB of random data on the
     * heap and as much again in x off it. With the limits of {@link Workload} on H and H x B a
     * step at any allowed size takes under 450 MiB on the heap and 500 off it (measured), which
     * fits the JVM's default heap on a machine of 2 GiB, and no int product of sizes overflows.
     */
    static final int MAX_BATCH = 1 << 16;

    /** The most steps per block: a million is hours per block at common sizes. */
    static final int MAX_STEPS = 1_000_000;

    private static final String SEE_HELP = " (see bench/run --phases --help)";

    static final String USAGE = """
            usage: bench/run --phases H B [STEPS] [--fashion DIR | --digits]
            Microseconds per phase of a training step of 784-H-10 (ReLU, dropout 0.3, Adam) at
            batch B, on one thread and on two: the best of 10 blocks of STEPS steps.
              H              hidden width, 1 to %d
              B              batch size, 1 to %d (60000 with --fashion, 10000 with --digits);
                             H x B at most %d
              STEPS          steps per block, 1 to %d (default 20000 / B, at least 20)
              --fashion DIR  the 60,000 Fashion-MNIST training images of DIR instead of random
                             data (60 B rows, but at most the larger of 61,440 and B)
              --digits       the 10,000 built-in handwritten digits, whose zero border
                             pixels the first layer leaves out where that pays
              -h, --help     this text
            JVM options, such as a larger -Xmx, go in DESCENT_BENCH_JAVA_OPTS.
            Example: bench/run --phases 256 64
            """.formatted(Workload.MAX_HIDDEN, MAX_BATCH, Workload.MAX_HIDDEN_TIMES_BATCH,
            MAX_STEPS);

    /**
     * What to time: 784-H-10 at batch B, STEPS steps a block, on random data, Fashion-MNIST
     * (a folder) or the built-in digits.
     */
    record Arguments(int hidden, int batch, int steps, java.nio.file.Path fashion,
            boolean digits) {}

    /** Whether {@code args} ask for the usage ({@code --help} or {@code -h} anywhere). */
    static boolean asksForHelp(String[] args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    /**
     * Reads {@code H B [STEPS] [--fashion DIR | --digits]}; a bad argument throws with a
     * one-line message that ends by pointing at --help.
     */
    static Arguments parse(String[] args) {
        try {
            return parseOrThrow(args);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + SEE_HELP);
        }
    }

    private static Arguments parseOrThrow(String[] args) {
        java.util.List<String> rest = new java.util.ArrayList<>(java.util.List.of(args));
        java.nio.file.Path fashion = null;
        int at = rest.indexOf("--fashion");
        if (at >= 0) {
            if (at + 1 >= rest.size() || rest.get(at + 1).startsWith("-")) {
                throw new IllegalArgumentException("--fashion needs a folder");
            }
            fashion = java.nio.file.Path.of(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
        }
        boolean digits = rest.remove("--digits");
        if (digits && fashion != null) {
            throw new IllegalArgumentException("--fashion and --digits exclude each other");
        }
        for (String arg : rest) {
            if (arg.startsWith("-") && !arg.matches("-[0-9].*")) { // -5 is a bad number
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (rest.size() < 2 || rest.size() > 3) {
            throw new IllegalArgumentException("expected H and B, and at most STEPS, got "
                    + (rest.isEmpty() ? "nothing" : String.join(" ", rest)));
        }
        int hidden = number("H", rest.get(0), Workload.MAX_HIDDEN);
        int batch = number("B", rest.get(1), MAX_BATCH);
        if ((long) hidden * batch > Workload.MAX_HIDDEN_TIMES_BATCH) {
            throw new IllegalArgumentException("H times B must be at most "
                    + Workload.MAX_HIDDEN_TIMES_BATCH + ", got " + hidden + " x " + batch + " = "
                    + (long) hidden * batch);
        }
        int steps = rest.size() > 2 ? number("STEPS", rest.get(2), MAX_STEPS)
                : Math.max(20, 20_000 / batch);
        if (fashion != null) {
            Benchmark.checkFashion(fashion);
            if (batch > Benchmark.FASHION_TRAIN) {
                throw new IllegalArgumentException("B must be at most 60000 with --fashion (the"
                        + " Fashion-MNIST training images), got " + batch);
            }
        }
        if (digits && batch > DIGITS) {
            throw new IllegalArgumentException("B must be at most " + DIGITS + " with --digits"
                    + " (the built-in digits), got " + batch);
        }
        return new Arguments(hidden, batch, steps, fashion, digits);
    }

    /** How many built-in digits there are. */
    static final int DIGITS = 10_000;

    /** A whole number from 1 to {@code max}, or a one-line refusal naming {@code what}. */
    private static int number(String what, String value, int max) {
        return Benchmark.whole(what, value, 1, max);
    }

    /**
     * Rows of random data for batch {@code b}: 60 batches up to batch 1024 (as before the
     * limits), then 61,440 rows or one batch, so that the data stays under 200 MiB.
     */
    static int randomRows(int b) {
        return Math.max(b, 60 * Math.min(b, 1024));
    }

    public static void main(String[] args) throws java.io.IOException {
        if (asksForHelp(args)) {
            System.out.print(USAGE);
            return;
        }
        Arguments a;
        try {
            a = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            int rows = randomRows(a.batch());
            TrainingStep step;
            if (a.digits()) {
                step = new TrainingStep(a.hidden(), a.batch(),
                        dev.descent.data.BuiltinDigits.load().readAll());
                System.out.println("Data: the built-in digits, " + DIGITS + " rows");
            } else if (a.fashion() != null) {
                step = new TrainingStep(a.hidden(), a.batch(), dev.descent.data.IdxReader
                        .readLabeled(a.fashion().resolve("train-images-idx3-ubyte.gz"),
                                a.fashion().resolve("train-labels-idx1-ubyte.gz")));
                System.out.println("Data: the Fashion-MNIST training images of " + a.fashion());
            } else {
                step = new TrainingStep(a.hidden(), a.batch(), rows);
                System.out.println("Data: random, " + rows + " rows");
            }
            new StepPhases().run(step, a.hidden(), a.batch(), a.steps());
        } catch (OutOfMemoryError e) {
            System.err.println("bench: " + OutOfMemory.describe(e) + " at 784-" + a.hidden()
                    + "-10, batch " + a.batch() + "; raise -Xmx in DESCENT_BENCH_JAVA_OPTS, e.g."
                    + " DESCENT_BENCH_JAVA_OPTS=" + OutOfMemory.largerHeap() + " bench/run"
                    + " --phases " + String.join(" ", args));
            System.exit(1);
        }
    }

    private void run(TrainingStep step, int hidden, int batch, int steps) {
        // Layers 1-5 forward (fc1, relu, dropout, fc2, softmax); backward 4 down to 1.
        PassListener laps = new PassListener() {
            @Override
            public void forwarded(int index, Layer layer, Matrix input, Matrix output) {
                if (index >= 1) {
                    lap(index);
                }
            }

            @Override
            public void lossGradient(Matrix gradient, boolean fusedWithSoftmax) {
                lap(7);
            }

            @Override
            public void backwarded(int index, Layer layer, Matrix outputGrad,
                    Matrix inputGrad) {
                lap(12 - index);
            }
        };
        // The last two columns: the whole step with the listener, and without it, where the
        // network fuses bias, ReLU and dropout (Network's fused passes, which a listener stops).
        double[][] best = new double[3][NAMES.length + 2];
        double[][] fusedBlocks = new double[3][10];
        for (double[] row : best) {
            Arrays.fill(row, Double.MAX_VALUE);
        }
        for (int block = 0; block < 12; block++) {
            for (int threads = 1; threads <= 2; threads++) {
                Blas.setThreads(threads);
                step.network.setPassListener(null);
                long fusedStart = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    step.gather();
                    step.network.forward(step.x, true);
                    step.network.loss(step.t);
                    step.network.backward(step.t);
                    step.update();
                }
                long fused = System.nanoTime() - fusedStart;
                step.network.setPassListener(laps);
                Arrays.fill(nanos, 0);
                long start = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    mark = System.nanoTime();
                    step.gather();
                    lap(0);
                    step.network.forward(step.x, true);
                    step.network.loss(step.t);
                    lap(6);
                    step.network.backward(step.t);
                    step.update();
                    lap(12);
                }
                long total = System.nanoTime() - start;
                if (block < 2) {
                    continue; // warm-up
                }
                best[threads][NAMES.length] = Math.min(best[threads][NAMES.length],
                        total / 1e3 / steps);
                best[threads][NAMES.length + 1] = Math.min(best[threads][NAMES.length + 1],
                        fused / 1e3 / steps);
                fusedBlocks[threads][block - 2] = fused / 1e3 / steps;
                for (int p = 0; p < NAMES.length; p++) {
                    best[threads][p] = Math.min(best[threads][p], nanos[p] / 1e3 / steps);
                }
            }
        }
        System.out.printf(Locale.ROOT, "784-%d-10, batch %d: microseconds per step, best of 10"
                + " blocks of %d steps%n%-18s %10s %10s%n", hidden, batch, steps, "phase",
                "1 thread", "2 threads");
        for (int p = 0; p <= NAMES.length + 1; p++) {
            String name = p < NAMES.length ? NAMES[p]
                    : p == NAMES.length ? "whole step" : "step, fused";
            System.out.printf(Locale.ROOT, "%-18s %10.1f %10.1f%n", name, best[1][p],
                    best[2][p]);
        }
        Arrays.sort(fusedBlocks[1]);
        Arrays.sort(fusedBlocks[2]);
        System.out.printf(Locale.ROOT, "%-18s %10.1f %10.1f%n", "step, fused, median",
                (fusedBlocks[1][4] + fusedBlocks[1][5]) / 2,
                (fusedBlocks[2][4] + fusedBlocks[2][5]) / 2);
    }
}
