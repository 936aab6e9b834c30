package dev.descent.bench;

import dev.descent.data.IdxReader;
import dev.descent.data.LabeledData;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Blas;
import dev.descent.tensor.Precision;
import dev.descent.train.Examples;
import dev.descent.train.IterationRecord;
import dev.descent.train.Predictor;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingHistory;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Descent side of the benchmark: trains the network on IDX files and prints one JSON line
 * like bench/torch_mlp.py does. bench/run starts it in a JVM of its own per workload, so that
 * its peak resident memory belongs to that workload alone.
 */
public final class DescentSide {
    private DescentSide() {}

    /** What to train: files, sizes, epochs and the number of OpenBLAS threads. */
    record Settings(Path trainImages, Path trainLabels, Path testImages, Path testLabels,
            int limit, int hidden, int batch, int epochs, int threads, long seed,
            boolean sgemm, boolean pickThreads, boolean lockstep) {
        /** Settings on exactly {@code threads} threads. */
        Settings(Path trainImages, Path trainLabels, Path testImages, Path testLabels, int limit,
                int hidden, int batch, int epochs, int threads, long seed, boolean sgemm) {
            this(trainImages, trainLabels, testImages, testLabels, limit, hidden, batch, epochs,
                    threads, seed, sgemm, false, false);
        }
    }

    /**
     * Arguments: {@code --train-images F --train-labels F --test-images F --test-labels F
     * [--limit N] --hidden H --batch B --epochs E --threads T [--seed S] [--no-sgemm]
     * [--pick-threads] [--lockstep]}; with {@code --pick-threads}, T is the most threads to use
     * and the count from 1 to T whose sgemm rate for the workload's shapes is highest is used;
     * with {@code --lockstep} it takes turns with the other sides as bench/torch_mlp.py
     * describes ("ready", then "go" before and "epoch SECONDS" after each epoch, "finish").
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        boolean sgemm = true;
        boolean pick = false;
        boolean lockstep = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-sgemm")) {
                sgemm = false;
            } else if (args[i].equals("--pick-threads")) {
                pick = true;
            } else if (args[i].equals("--lockstep")) {
                lockstep = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                a.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        Settings s = new Settings(Path.of(a.get("train-images")), Path.of(a.get("train-labels")),
                Path.of(a.get("test-images")), Path.of(a.get("test-labels")),
                Integer.parseInt(a.getOrDefault("limit", "0")),
                Integer.parseInt(a.get("hidden")), Integer.parseInt(a.get("batch")),
                Integer.parseInt(a.get("epochs")), Integer.parseInt(a.get("threads")),
                Long.parseLong(a.getOrDefault("seed", "1")), sgemm, pick, lockstep);
        try {
            System.out.println(FlatJson.write(run(s)));
        } catch (OutOfMemoryError e) {
            // Too large for the JVM is the user's to fix, in one line; other errors are bugs
            // and keep their stack trace.
            System.err.println(outOfMemory(s, e));
            System.exit(1);
        }
    }

    /** The line for running out of memory: the workload's size and a larger -Xmx. */
    static String outOfMemory(Settings s, OutOfMemoryError e) {
        return "descent: " + OutOfMemory.describe(e) + " training 784-" + s.hidden()
                + "-10 at batch " + s.batch() + " on "
                + (s.limit() > 0 ? "the first " + s.limit() : "all") + " training images;"
                + " raise -Xmx with --java-options, e.g. --java-options '"
                + OutOfMemory.largerJavaOptions(e) + "'";
    }

    /** Trains as {@code s} says and returns the fields of the JSON line. */
    static Map<String, Object> run(Settings s) throws IOException {
        LabeledData train = IdxReader.readLabeled(s.trainImages(), s.trainLabels(),
                s.limit() > 0 ? s.limit() : Integer.MAX_VALUE);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("side", "descent");
        double[] rates = s.pickThreads()
                ? pickThreads(s, train.cols(), train.classes().size()) : null;
        if (rates == null) {
            Blas.setThreads(s.threads());
        } else {
            for (int t = 1; t <= rates.length; t++) {
                out.put("sgemm_gflops_" + t + "_threads", rates[t - 1]);
            }
        }
        LabeledData test = IdxReader.readLabeled(s.testImages(), s.testLabels());
        Network net = Network.create(List.of(Layers.featureInput(train.cols()),
                Layers.fullyConnected(s.hidden()), Layers.relu(), Layers.dropout(0.3),
                Layers.fullyConnected(train.classes().size()), Layers.softmax(),
                Layers.classification()), Precision.FLOAT32, new Rng(s.seed()),
                train.classes());
        TrainingOptions options = TrainingOptions.builder("adam").initialLearnRate(0.001)
                .l2Regularization(0).maxEpochs(s.epochs()).miniBatchSize(s.batch())
                .shuffle(TrainingOptions.Shuffle.EVERY_EPOCH).seed(s.seed()).build();
        Turns turns = new Turns(s.lockstep());
        EpochClock clock = new EpochClock(train.rows() / s.batch(), s.epochs(), turns);
        awaitQuietCompiler();
        turns.say("ready");
        new Trainer(options, clock).fit(net, Examples.classification(train), null);
        turns.await("finish");
        double accuracy = Predictor.accuracy(Predictor.classify(net, test), test) / 100;

        out.put("threads", (double) Blas.threads());
        out.put("train", (double) train.rows());
        out.put("test", (double) test.rows());
        out.put("hidden", (double) s.hidden());
        out.put("batch", (double) s.batch());
        out.put("epoch_seconds", clock.seconds);
        out.put("test_accuracy", accuracy);
        out.put("peak_rss_kib", (double) memoryKib("VmHWM"));
        out.put("allocated_bytes_per_batch", clock.bytesPerBatch(true));
        out.put("allocated_bytes_per_batch_whole_epoch", clock.bytesPerBatch(false));
        out.put("gc_count_last_epoch", (double) clock.lastEpochGcs());
        out.put("max_heap_mib", Runtime.getRuntime().maxMemory() / 1048576.0);
        if (rates != null) {
            out.put("sgemm_gflops", rates[Blas.threads() - 1]);
        } else if (s.sgemm()) {
            out.put("sgemm_gflops", SgemmRate.measure(s.batch(), train.cols(), s.hidden(),
                    train.classes().size()));
        }
        return out;
    }

    /**
     * Measures the sgemm rate of the workload's products on 1 to {@code s.threads()} OpenBLAS
     * threads, leaves OpenBLAS on the fastest count and returns the rates. On a 2-core machine
     * shared with other work a second thread can halve the rate (docs/benchmark.md), so the
     * thread count is measured rather than assumed.
     */
    static double[] pickThreads(Settings s, int inputs, int classes) {
        double[] rates = new double[s.threads()];
        // Two passes over the counts, the best of each kept: a single pass right after reading
        // the data measured two threads while the JIT compiler still held the second core.
        for (int pass = 0; pass < 2; pass++) {
            for (int t = 1; t <= s.threads(); t++) {
                Blas.setThreads(t);
                rates[t - 1] = Math.max(rates[t - 1],
                        SgemmRate.measure(s.batch(), inputs, s.hidden(), classes));
            }
        }
        // A count must beat the fewer threads by 5% to be picked: a second thread that adds
        // nothing to the products (the digits H=64 ones are not split) only adds hand-overs.
        int best = 1;
        for (int t = 2; t <= s.threads(); t++) {
            if (rates[t - 1] > 1.05 * rates[best - 1]) {
                best = t;
            }
        }
        Blas.setThreads(best);
        return rates;
    }

    /** How long the JIT compiler must have finished nothing for it to count as quiet. */
    private static final long QUIET_MILLIS = 100;
    /** The longest wait for a quiet compiler. */
    private static final long MAX_QUIET_WAIT_MILLIS = 3000;

    /**
     * Waits, between epochs (untimed), until the JIT compiler has finished no compilation for
     * {@value #QUIET_MILLIS} ms, at most {@value #MAX_QUIET_WAIT_MILLIS} ms: the compiler
     * works in threads of its own, so a backlog left by the warm-up epoch would otherwise run
     * on the cores of the next side's timed epoch (or the next of this side's own). Compiling
     * during this side's epoch still counts in its time.
     */
    static void awaitQuietCompiler() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + MAX_QUIET_WAIT_MILLIS * 1_000_000;
        long last = jit.getTotalCompilationTime();
        try {
            while (System.nanoTime() < deadline) {
                Thread.sleep(QUIET_MILLIS);
                long now = jit.getTotalCompilationTime();
                if (now == last) {
                    return;
                }
                last = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A line of /proc/self/status in KiB, or -1 where there is no such file (not Linux). */
    static long memoryKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Times each epoch from the iteration records, and counts what the training thread
     * allocated and how many collections ran during the last epoch.
     */
    private static final class EpochClock implements TrainingListener {
        private final int batchesPerEpoch;
        private final double[] seconds;
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private long start;
        private long bytesAtStart;
        private long bytesLastEpoch;
        private long gcsAtStart;
        private long gcsLastEpoch;
        private int epoch;
        private final int quarter;
        private long bytesAtQuarter;
        private long steadyBytes;

        private final Turns turns;

        EpochClock(int batchesPerEpoch, int epochs, Turns turns) {
            this.turns = turns;
            this.batchesPerEpoch = batchesPerEpoch;
            this.quarter = batchesPerEpoch / 4;
            this.seconds = new double[epochs];
        }

        @Override
        public boolean wantsCheckpoints() {
            return false;
        }

        @Override
        public void trainingStarted(TrainingHistory history, TrainingOptions options) {
            turns.await("go");
            mark();
        }

        private void mark() {
            start = System.nanoTime();
            bytesAtStart = threads.getCurrentThreadAllocatedBytes();
            gcsAtStart = gcCount();
        }

        @Override
        public void iterationFinished(IterationRecord record, TrainingHistory history) {
            int inEpoch = (record.iteration() - 1) % batchesPerEpoch + 1;
            if (epoch == seconds.length - 1 && inEpoch == quarter) {
                bytesAtQuarter = threads.getCurrentThreadAllocatedBytes();
            } else if (epoch == seconds.length - 1 && inEpoch == 3 * quarter) {
                steadyBytes = threads.getCurrentThreadAllocatedBytes() - bytesAtQuarter;
            }
            if (inEpoch == batchesPerEpoch && epoch < seconds.length) {
                long now = System.nanoTime();
                seconds[epoch++] = (now - start) / 1e9;
                bytesLastEpoch = threads.getCurrentThreadAllocatedBytes() - bytesAtStart;
                gcsLastEpoch = gcCount() - gcsAtStart;
                awaitQuietCompiler();
                turns.say("epoch " + seconds[epoch - 1]);
                if (epoch < seconds.length) {
                    turns.await("go");
                }
                mark();
            }
        }

        /**
         * Bytes the training thread allocated per mini-batch in the middle half of the last
         * epoch (NaN when an epoch has under 4 batches), or over the whole last epoch.
         */
        double bytesPerBatch(boolean steady) {
            if (steady) {
                return quarter > 0 ? (double) steadyBytes / (2 * quarter) : Double.NaN;
            }
            return (double) bytesLastEpoch / batchesPerEpoch;
        }

        long lastEpochGcs() {
            return gcsLastEpoch;
        }

        private static long gcCount() {
            long sum = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                sum += Math.max(0, gc.getCollectionCount());
            }
            return sum;
        }
    }

    /**
     * The lockstep protocol of bench/run (see {@link #main}): lines on standard output, one
     * command per line on standard input. Without lockstep it says and waits for nothing.
     */
    static final class Turns {
        private final java.io.BufferedReader in;

        Turns(boolean lockstep) {
            in = lockstep ? new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)) : null;
        }

        void say(String line) {
            if (in != null) {
                System.out.println(line);
                System.out.flush();
            }
        }

        void await(String expected) {
            if (in == null) {
                return;
            }
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (!expected.equals(line)) {
                throw new IllegalStateException("expected '" + expected + "' on input, got '"
                        + line + "'");
            }
        }
    }
}
