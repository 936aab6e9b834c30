package dev.descent.bench;

import dev.descent.data.BuiltinDigits;
import dev.descent.data.DatastoreSplit;
import dev.descent.data.IdxWriter;
import dev.descent.util.Rng;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Descent side by side with PyTorch: for each workload, the peer in each thread setting asked
 * for, then Descent on as many cores as the peer's fastest setting used, each in a process of
 * its own on the same IDX files; then one table per workload and a summary. Run by bench/run;
 * {@code --help} lists the options.
 */
public final class Benchmark {
    private static final String USAGE = """
            Usage: bench/run [options]
                   bench/run --phases H B [STEPS] [--fashion DIR | --digits]
                                 microseconds per phase of a step of 784-H-10 at batch B,
                                 on one and two threads, interleaved; random data,
                                 Fashion-MNIST from DIR or the built-in digits
              --workloads LIST   comma-separated names, or spec (default), scaling-h, scaling-n;
                                 names: %s,
                                 fashion-h<H>-b<B>, fashion-n<N>-h<H>-b<B>
              --smoke            500 built-in digits (400 to train), H=32, 2 epochs: checks the
                                 harness in seconds
              --epochs E         epochs per run, at least 2, the first the warm-up (default 12
                                 on the digits, whose epochs last tens of milliseconds, 4 on
                                 Fashion)
              --repeat R         run each workload R times, round r with seed S + r - 1
                                 (default 1); with R > 1 the accuracy verdict compares the
                                 means over the rounds' seeds
              --seed S           the seed of both sides' weights, shuffles and dropout (default
                                 1; the two sides draw different numbers from the same seed)
              --peer pytorch|none                  (default pytorch)
              --peer-threads LIST  PyTorch settings to try, each INTRAxBLAS: intra-op threads x
                                 OpenBLAS threads (default 1x1,1x2)
              --descent-threads T  Descent's threads (Blas.setThreads; default: of 1 up to the
                                 cores of the peer's fastest setting (1 without a peer), the
                                 count whose sgemm rate for the workload's shapes is highest)
              --python PATH      (default /usr/bin/python3)
              --fashion DIR      Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist)
              --java-options S   JVM options of the Descent processes (default %s)
              --sequential       run the sides one after the other, each all its epochs, instead
                                 of in lockstep (default: all sides of a workload start, then
                                 take turns epoch by epoch, so a change in the machine's speed
                                 reaches all of them)
              --side-timeout S   seconds a side may stay silent (its start, an epoch, its test;
                                 with --sequential its whole run) before it counts as hung
                                 and is stopped (default 1800)
              --allow-reference-blas  run PyTorch even where it multiplies with the reference
                                 BLAS (refused by default: it is no peer; docs/benchmark.md)
            """;
    /** The options that take a value. */
    private static final List<String> OPTIONS = List.of("--workloads", "--epochs", "--repeat",
            "--seed",
            "--peer", "--peer-threads", "--descent-threads", "--python", "--fashion",
            "--java-options", "--side-timeout");

    /**
     * The Descent JVM's options: C2 only, and Descent's own methods compiled after a fiftieth
     * of the usual count, so that they are compiled in the warm-up epoch (docs/benchmark.md,
     * "Warm-up of the JIT"); the heap on transparent huge pages where the kernel offers them
     * (round 7).
     */
    static final String JAVA_OPTIONS =
            "-XX:+UseSerialGC -Xms64m -Xmx1g -XX:-TieredCompilation -XX:CompileThreshold=1000"
                    + " -XX:CompileCommand=quiet"
                    + " -XX:CompileCommand=CompileThresholdScaling,dev.descent.*::*,0.02"
                    + hugePages(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));

    /**
     * {@code " -XX:+UseTransparentHugePages"} where the kernel's setting in {@code enabled}
     * is {@code always} or {@code madvise}, else nothing: the heap's training images, weights
     * and solver state then sit on 2 MB pages, so the random rows of a batch and Adam's
     * passes miss the TLB less (Fashion-MNIST H=1024 batch 64, two threads: the solver 363-434
     * instead of 459-519 microseconds a step, the gather 20-23 instead of 28-31). Where the
     * kernel has none, the JVM would print a warning, so the option is left out.
     */
    static String hugePages(Path enabled) {
        try {
            String setting = Files.readString(enabled);
            return setting.contains("[always]") || setting.contains("[madvise]")
                    ? " -XX:+UseTransparentHugePages" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private final PrintStream out;
    private List<Workload> workloads = Workload.SPEC;
    /** Epochs per run from --epochs; 0: {@link #epochs(Workload)} picks. */
    private int epochs = 0;
    private int repeat = 1;
    private int seed = 1;
    /** The seed of the round running now: --seed plus the round's number less one. */
    private int roundSeed = 1;
    private boolean peer = true;
    private List<String> peerThreads = List.of("1x1", "1x2");
    private int descentThreads;
    private String python = "/usr/bin/python3";
    private Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
    private String javaOptions = JAVA_OPTIONS;
    private boolean lockstep = true;
    private boolean allowReferenceBlas;
    private boolean smoke;
    private boolean workloadOptionGiven;
    private int sideTimeoutSeconds = 1800;
    private Path benchDir = Path.of(System.getProperty("descent.bench.dir", "bench"));
    private Path work;
    private final List<String> summary = new ArrayList<>();
    /** Per workload name, the test accuracies of each round: {PyTorch, Descent}. */
    private final Map<String, List<double[]>> accuracies = new LinkedHashMap<>();

    Benchmark(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Benchmark b = new Benchmark(System.out);
        try {
            b.parse(args);
            b.check();
            b.checkMachine();
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
        }
        System.exit(b.runAll() ? 0 : 1);
    }

    void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.print(String.format(Locale.ROOT, USAGE, names(), JAVA_OPTIONS));
                System.exit(0);
            }
            if (option.equals("--sequential")) {
                lockstep = false;
                continue;
            }
            if (option.equals("--allow-reference-blas")) {
                allowReferenceBlas = true;
                continue;
            }
            if (option.equals("--smoke")) {
                smoke = true;
                continue;
            }
            if (!OPTIONS.contains(option)) {
                throw new IllegalArgumentException("unknown option " + option + " (see --help)");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value (see --help)");
            }
            String value = args[++i];
            switch (option) {
                case "--workloads" -> {
                    workloads = parseWorkloads(value);
                    workloadOptionGiven = true;
                }
                case "--epochs" -> {
                    epochs = whole(option, value, 2, MAX_COUNT,
                            "a warm-up epoch and at least one measured");
                }
                case "--repeat" -> repeat = whole(option, value, 1, MAX_COUNT);
                case "--seed" -> seed = whole(option, value, 0, Integer.MAX_VALUE);
                case "--peer" -> {
                    if (!value.equals("pytorch") && !value.equals("none")) {
                        throw new IllegalArgumentException("--peer must be pytorch or none, got "
                                + value);
                    }
                    peer = value.equals("pytorch");
                }
                case "--peer-threads" -> {
                    peerThreads = List.of(entries(option, value));
                    for (String setting : peerThreads) {
                        warnAboveCores(option + " " + setting, cores(setting));
                    }
                }
                case "--descent-threads" -> descentThreads = threads(option, value);
                case "--python" -> python = value;
                case "--fashion" -> fashion = Path.of(value);
                case "--java-options" -> javaOptions = value;
                case "--side-timeout" -> sideTimeoutSeconds = whole(option, value, 1, MAX_COUNT);
                default -> throw new IllegalArgumentException("unknown option " + option
                        + " (see --help)");
            }
        }
        if (smoke) {
            if (workloadOptionGiven) {
                throw new IllegalArgumentException("--smoke runs its own workload (500 built-in"
                        + " digits); drop --workloads, or drop --smoke to run those");
            }
            workloads = List.of(Workload.SMOKE);
            epochs = epochs == 0 ? 2 : epochs;
        }
    }

    /** The most epochs, repeats or seconds an option takes: bounds that no run comes near. */
    static final int MAX_COUNT = 1_000_000;

    /** The most threads an option takes, as the command line's --threads. */
    static final int MAX_THREADS = 256;

    /**
     * A whole number from min to max; otherwise one line naming what it is for and the value:
     * "WHAT must be a whole number from MIN to MAX (WHY), got VALUE" ({@code why} may be empty).
     */
    static int whole(String what, String value, int min, int max, String why) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            n = Long.MIN_VALUE; // not a number, or more digits than a long holds
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(what + " must be a whole number from " + min
                    + " to " + max + (why.isEmpty() ? "" : " (" + why + ")") + ", got " + value);
        }
        return (int) n;
    }

    /** {@link #whole(String, String, int, int, String)} without a reason. */
    static int whole(String what, String value, int min, int max) {
        return whole(what, value, min, max, "");
    }

    /** A thread count from 1 to {@link #MAX_THREADS}; above the cores it warns on stderr. */
    static int threads(String option, String value) {
        int n = whole(option, value, 1, MAX_THREADS);
        warnAboveCores(option, n);
        return n;
    }

    private static void warnAboveCores(String what, int threads) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads > cores) {
            System.err.println("bench: warning: " + what + " asks for " + threads
                    + " threads on " + cores + " cores; the extra threads only take turns");
        }
    }

    /** The comma-separated entries of a list option; an empty entry is refused. */
    static String[] entries(String option, String value) {
        String[] entries = value.split(",", -1);
        for (String e : entries) {
            if (e.isBlank()) {
                throw new IllegalArgumentException(option + ": an empty entry in '" + value
                        + "'; expected a comma-separated list without empty entries");
            }
        }
        return entries;
    }

    /** The four IDX files of Fashion-MNIST, as Debian's dataset-fashion-mnist names them. */
    static final List<String> FASHION_FILES = List.of("train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz");

    /**
     * Checks, before anything runs, what the parsed options need from the machine: the
     * Fashion-MNIST files when a workload reads them, the Python interpreter when the peer runs.
     */
    void check() {
        if (seed > Integer.MAX_VALUE - (repeat - 1)) {
            throw new IllegalArgumentException("--seed: " + seed + " with --repeat " + repeat
                    + " gives the last round a seed above " + Integer.MAX_VALUE
                    + "; pass a smaller seed");
        }
        if (workloads.stream().anyMatch(w -> w.data().equals("fashion"))) {
            checkFashion(fashion);
        }
        if (peer && executable(python) == null) {
            throw new IllegalArgumentException("--python: " + python + " is not an executable"
                    + " file; install python3-torch (docs/benchmark.md) or pass --peer none");
        }
    }

    /** The JVM options of the Descent processes, split at white space; none for a blank value. */
    List<String> javaOptionList() {
        return javaOptions.isBlank() ? List.of()
                : Arrays.asList(javaOptions.trim().split("\\s+"));
    }

    /**
     * Checks, before anything runs, what the machine must do for the run: the JVM takes
     * {@code --java-options}, and where the peer runs, {@code --python} imports torch and
     * numpy and its torch uses no reference BLAS ({@code torch_mlp.py --check}). Slower than
     * {@link #check} (a JVM start and a torch import, about 2 s), so separate from it.
     */
    void checkMachine() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(javaOptionList());
        command.add("-version");
        Outcome jvm = outcome(command);
        if (jvm.status != 0) {
            throw new IllegalArgumentException("--java-options: the JVM refused '" + javaOptions
                    + "': " + jvm.firstLine() + " (exit status " + jvm.status + ")");
        }
        if (!peer) {
            return;
        }
        command = new ArrayList<>(List.of(python, benchDir.resolve("torch_mlp.py").toString(),
                "--check"));
        if (allowReferenceBlas) {
            command.add("--allow-reference-blas");
        }
        Outcome check = outcome(command);
        String last = check.lastLine();
        if (check.status == 0 && last.startsWith("ok:")) {
            return;
        }
        String detail;
        if (last.startsWith("torch_mlp.py: ")) {
            detail = last.substring("torch_mlp.py: ".length());
        } else {
            detail = (last.isEmpty() ? "it printed nothing" : last) + " (exit status "
                    + check.status + "); install python3-torch and python3-numpy"
                    + " (docs/benchmark.md), point --python at their interpreter, or pass"
                    + " --peer none";
        }
        throw new IllegalArgumentException("--python " + python + " cannot run the PyTorch"
                + " side: " + detail);
    }

    /** A finished command's exit status and its output (stdout and stderr together). */
    private record Outcome(int status, List<String> lines) {
        String firstLine() {
            return lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        }

        String lastLine() {
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
            return "";
        }
    }

    /** The longest a check before the run may take (importing torch takes about 2 s). */
    private static final int CHECK_SECONDS = 120;

    /** Stops a process and every process it started (a wrapper script's python, say). */
    private static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /**
     * Runs a short check command to its end, for at most {@value #CHECK_SECONDS} s or
     * {@code --side-timeout}, whichever is shorter.
     */
    private Outcome outcome(List<String> command)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("descent-bench-check", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            p.getOutputStream().close();
            int seconds = Math.min(CHECK_SECONDS, sideTimeoutSeconds);
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                stop(p);
                return new Outcome(-1, List.of("no answer within " + seconds + " s"));
            }
            return new Outcome(p.exitValue(), Files.readAllLines(output,
                    StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * Whether the BLAS libraries a peer reported (space-separated real paths) include the
     * reference BLAS: a libblas outside an OpenBLAS, MKL, BLIS or ATLAS folder, the rule of
     * torch_mlp.py.
     */
    static boolean referenceBlas(String libraries) {
        for (String path : libraries.split(" ")) {
            String name = Path.of(path).getFileName() == null ? ""
                    : Path.of(path).getFileName().toString();
            if (name.startsWith("libblas") && !path.matches(".*(openblas|mkl|blis|atlas).*")) {
                return true;
            }
        }
        return false;
    }

    /** Throws unless dir holds the four Fashion-MNIST files; the message names the first gap. */
    static void checkFashion(Path dir) {
        for (String name : FASHION_FILES) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new IllegalArgumentException("--fashion: no " + name + " in " + dir
                        + "; install dataset-fashion-mnist or pass the folder of its IDX files");
            }
        }
    }

    /** The executable a command name or path runs (looked up on PATH without a '/'), or null. */
    static Path executable(String command) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, command);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String names() {
        return String.join(", ", Workload.SPEC.stream().map(Workload::name).toList());
    }


    static List<Workload> parseWorkloads(String value) {
        List<Workload> list = new ArrayList<>();
        for (String name : entries("--workloads", value)) {
            switch (name) {
                case "spec" -> list.addAll(Workload.SPEC);
                case "scaling-h" -> {
                    for (int h : new int[] {64, 256, 1024, 4096}) {
                        list.add(Workload.hidden(h, 64));
                    }
                }
                case "scaling-n" -> {
                    for (int n : new int[] {6000, 15000, 30000, 45000, 60000}) {
                        list.add(Workload.count(n, 256, 64));
                    }
                }
                case "smoke" -> list.add(Workload.SMOKE);
                default -> list.add(named(name));
            }
        }
        return list;
    }

    private static Workload named(String name) {
        for (Workload w : Workload.SPEC) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("fashion-(?:n(\\d+)-)?h(\\d+)-b(\\d+)").matcher(name);
        if (m.matches()) {
            int h = part(name, "H", m.group(2), Workload.MAX_HIDDEN);
            int b = part(name, "B", m.group(3), FASHION_TRAIN);
            if (m.group(1) == null) {
                return Workload.hidden(h, b);
            }
            int n = part(name, "N", m.group(1), FASHION_TRAIN);
            if (b > n) {
                throw new IllegalArgumentException("--workloads: in " + name + " the batch of "
                        + b + " is larger than the " + n + " training images; expected B <= N");
            }
            return Workload.count(n, h, b);
        }
        throw new IllegalArgumentException("--workloads: unknown workload '" + name
                + "'; expected spec, scaling-h, scaling-n, smoke, " + names()
                + ", fashion-h<H>-b<B> or fashion-n<N>-h<H>-b<B>");
    }

    /** The number of Fashion-MNIST training images. */
    static final int FASHION_TRAIN = 60000;

    /** One number of a workload name, from 1 to max. */
    private static int part(String name, String what, String digits, int max) {
        return whole("--workloads: " + what + " in " + name, digits, 1, max,
                max == FASHION_TRAIN ? "the Fashion-MNIST training images" : "");
    }

    /** The cores a setting INTRAxBLAS occupies: the larger of its two thread counts. */
    static int cores(String setting) {
        String[] parts = setting.split("x", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9]+") || !parts[1].matches("[0-9]+")) {
            throw new IllegalArgumentException("--peer-threads: expected INTRAxBLAS, two whole"
                    + " numbers such as 1x2, got " + setting);
        }
        return Math.max(whole("--peer-threads " + setting + ": the intra-op threads", parts[0], 1,
                MAX_THREADS), whole("--peer-threads " + setting + ": the BLAS threads", parts[1],
                1, MAX_THREADS));
    }

    /** Runs every workload; false if a run failed. */
    boolean runAll() throws IOException, InterruptedException {
        work = Files.createTempDirectory("descent-bench");
        // An interrupted run (Ctrl-C, a kill) skips the finally below: remove the copies then.
        Path folder = work;
        Thread cleanup = new Thread(() -> {
            try {
                deleteTree(folder);
            } catch (IOException e) {
                System.err.println("bench: could not remove " + folder + ": " + e.getMessage());
            }
        }, "remove " + folder);
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean ok = true;
        try {
            out.println(machine());
            for (Workload w : workloads) {
                for (int r = 0; r < repeat; r++) {
                    ok &= runWorkload(w, r + 1);
                }
            }
            out.println();
            out.println("Summary (seconds per epoch: median of epochs 2..E, E in each workload's"
                    + " heading; ratio = Descent / PyTorch of those medians; ratio of best epochs ="
                    + " of the shortest epochs 2..E; paired = median over epochs 2..E of"
                    + " Descent's epoch over PyTorch's epoch of the same turn (lockstep only);"
                    + " floor = the ratio of the five"
                    + " products alone at the sgemm rate, nothing else timed; RSS = peak"
                    + " resident set, VmHWM):");
            out.println();
            out.println("| workload | peer threads | PyTorch s | Descent s | ratio | ratio of best"
                    + " epochs | paired | floor | PyTorch acc | Descent acc | Descent GFLOP/s"
                    + " | sgemm GFLOP/s | of sgemm | PyTorch RSS MB | Descent RSS MB |");
            out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            summary.forEach(out::println);
            if (repeat > 1 && peer) {
                out.println();
                out.printf(Locale.ROOT, "Test accuracy, mean over seeds %d..%d (one seed's"
                        + " accuracy after a few epochs moves by a point or more; the verdict"
                        + " compares the means):%n", seed, seed + repeat - 1);
                accuracies.forEach((name, runs) -> out.println(accuracyLine(name, runs)));
            }
        } finally {
            deleteTree(work);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down already: the hook finds the folder gone
            }
        }
        return ok;
    }

    private String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: keep the placeholder
        }
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
        return String.format(Locale.ROOT, "Machine: %s, %d cores, Java %s; load average %.2f at"
                + " start", cpu, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), load);
    }

    /** The four IDX files of a workload's data. */
    private record Files4(Path trainImages, Path trainLabels, Path testImages, Path testLabels,
            String description) {}

    private Files4 data(Workload w) throws IOException {
        if (w.data().equals("fashion")) {
            checkFashion(fashion);
            Path ti = fashion.resolve("train-images-idx3-ubyte.gz");
            return new Files4(ti, fashion.resolve("train-labels-idx1-ubyte.gz"),
                    fashion.resolve("t10k-images-idx3-ubyte.gz"),
                    fashion.resolve("t10k-labels-idx1-ubyte.gz"), "Fashion-MNIST "
                            + (w.limit() > 0 ? w.limit() : 60000) + " train / 10000 test");
        }
        boolean smoke = w.data().equals("smoke");
        Path dir = work.resolve(w.data());
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            DatastoreSplit parts = smoke
                    ? BuiltinDigits.load().splitEachLabel(new Rng(356), 40, 10)
                    : BuiltinDigits.load().splitEachLabel(new Rng(356), 0.8);
            IdxWriter.writeLabeled(dir.resolve("train-images"), dir.resolve("train-labels"),
                    parts.part(1).readAll());
            IdxWriter.writeLabeled(dir.resolve("test-images"), dir.resolve("test-labels"),
                    parts.part(2).readAll());
        }
        return new Files4(dir.resolve("train-images"), dir.resolve("train-labels"),
                dir.resolve("test-images"), dir.resolve("test-labels"), smoke
                        ? "built-in digits 400 train / 100 test"
                        : "built-in digits, 80% of each label to train (7,996), the rest to test"
                                + " (2,004), seed 356");
    }

    /**
     * The epochs of a run: --epochs, else 12 on the digits (an epoch is 125 steps, tens of
     * milliseconds, so 3 of them were at the mercy of the machine's other load) and 4 on
     * Fashion-MNIST.
     */
    private int epochs(Workload w) {
        return epochs > 0 ? epochs : w.data().equals("digits") ? 12 : 4;
    }

    /**
     * One workload's accuracy verdict over its rounds: the mean test accuracy of each side (as
     * fractions in {@code runs}, each {PyTorch, Descent}) and whether they are within a point.
     */
    static String accuracyLine(String workload, List<double[]> runs) {
        double peerMean = runs.stream().mapToDouble(r -> r[0]).average().orElse(Double.NaN);
        double descentMean = runs.stream().mapToDouble(r -> r[1]).average().orElse(Double.NaN);
        double gap = 100 * (descentMean - peerMean);
        return String.format(Locale.ROOT, "   %s: PyTorch %.2f%%, Descent %.2f%% over %d"
                + " seeds; gap %+.2f points (|gap| <= 1: %s)", workload, 100 * peerMean,
                100 * descentMean, runs.size(), gap, Math.abs(gap) <= 1 ? "met" : "NOT met");
    }

    /** A summary row's workload: its name, and with --repeat the round's training seed. */
    private String rowName(Workload w) {
        return repeat > 1 ? w.name() + " (seed " + roundSeed + ")" : w.name();
    }

    private List<String> commonArguments(Workload w, Files4 f) {
        List<String> args = new ArrayList<>(List.of("--train-images", f.trainImages().toString(),
                "--train-labels", f.trainLabels().toString(), "--test-images",
                f.testImages().toString(), "--test-labels", f.testLabels().toString(),
                "--hidden", "" + w.hidden(), "--batch", "" + w.batch(), "--epochs",
                "" + epochs(w), "--seed", "" + roundSeed));
        if (w.limit() > 0) {
            args.addAll(List.of("--limit", "" + w.limit()));
        }
        return args;
    }

    private boolean runWorkload(Workload w, int round) throws IOException, InterruptedException {
        Files4 f = data(w);
        roundSeed = seed + round - 1;
        out.println();
        out.printf(Locale.ROOT, "== %s%s: %s, 784-%d-10 (ReLU, dropout 0.3), Adam 0.001, batch"
                + " %d, %d epochs, training seed %d, seconds per epoch = median of epochs"
                + " 2..%d ==%n",
                w.name(), repeat > 1 ? " (round " + round + ")" : "", f.description(),
                w.hidden(), w.batch(), epochs(w), roundSeed, epochs(w));
        out.println("side      threads            s/epoch   best  each epoch (s)"
                + "               ratio  test acc  GFLOP/s  of sgemm  peak RSS MB  alloc B/batch");
        long macs = Workload.multiplyAddsPerStep(w.batch(), 784, w.hidden(), 10);
        int trainRows = w.limit() > 0 ? w.limit() : (w.data().equals("fashion") ? 60000 : 0);

        // The sides: PyTorch in each setting, Descent on the cores of each (or as told).
        List<Side> sides = new ArrayList<>();
        if (peer) {
            for (String setting : peerThreads) {
                sides.add(peerSide(w, f, setting));
            }
        }
        if (lockstep) {
            // Descent on the cores of every peer setting; the fastest setting's is compared.
            List<Integer> descentCores = new ArrayList<>();
            if (descentThreads > 0) {
                descentCores.add(descentThreads);
            } else if (!peer) {
                descentCores.add(1);
            } else {
                peerThreads.stream().map(Benchmark::cores).distinct().forEach(descentCores::add);
            }
            for (int cores : descentCores) {
                sides.add(descentSide(w, f, cores, descentThreads == 0));
            }
            if (!runLockstep(sides, epochs(w))) {
                return false;
            }
        } else {
            if (!runSequential(sides)) {
                return false;
            }
            Side fastest = sides.stream().min(java.util.Comparator.comparingDouble(
                    side -> median(side.result))).orElse(null);
            Side descent = descentSide(w, f, descentThreads > 0 ? descentThreads
                    : fastest != null ? fastest.cores : 1, descentThreads == 0);
            sides.add(descent);
            if (!runSequential(List.of(descent))) {
                return false;
            }
        }

        Map<String, Object> bestPeer = null;
        String bestSetting = null;
        for (Side side : sides) {
            if (side.setting != null) {
                printRow("pytorch", side.setting.replace("x", " intra x ") + " BLAS",
                        side.result, null, macs);
                if (bestPeer == null || median(side.result) < median(bestPeer)) {
                    bestPeer = side.result;
                    bestSetting = side.setting;
                }
            }
        }
        int cores = descentThreads > 0 ? descentThreads
                : bestSetting != null ? cores(bestSetting) : 1;
        Map<String, Object> d = null;
        for (Side side : sides) {
            if (side.setting == null && side.cores != cores) {
                printRow("(descent)", threadsLabel(side.cores,
                        (int) number(side.result, "threads"), descentThreads == 0),
                        side.result, null, macs);
                out.println("   (descent): not compared, PyTorch's fastest setting " + bestSetting
                        + " used " + cores + " core(s), this run " + side.cores);
            } else if (side.setting == null) {
                d = side.result;
            }
        }
        int threads = (int) number(d, "threads");
        printRow("descent", threadsLabel(cores, threads, descentThreads == 0), d, bestPeer, macs);
        if (descentThreads == 0 && cores > 1) {
            StringBuilder rates = new StringBuilder("   Descent's sgemm rate by thread count:");
            for (int t = 1; t <= cores; t++) {
                rates.append(" ").append(t).append(": ")
                        .append(format(number(d, "sgemm_gflops_" + t + "_threads"), 1));
            }
            out.println(rates.append(" GFLOP/s; the fastest is used"));
        }
        double batches = number(d, "train") / w.batch();
        double gflops = Math.floor(batches) * 2 * macs / median(d) / 1e9;
        double sgemm = number(d, "sgemm_gflops");
        StringBuilder verdict = new StringBuilder("   sgemm ceiling for these shapes on "
                + threads + " thread(s): " + format(sgemm, 1) + " GFLOP/s; Descent reaches "
                + format(100 * gflops / sgemm, 0) + "%");
        if (bestPeer != null) {
            double ratio = median(d) / median(bestPeer);
            double target = w.batch() >= 1024 ? 0.6 : 0.5;
            // The ratio of an engine that ran the five products at the measured sgemm rate and
            // spent no time on anything else: no implementation on these threads that
            // multiplies every input column gets below it (Descent's first layer leaves out
            // columns that are 0 throughout a batch, see docs/benchmark.md, round 7).
            double floor = Math.floor(batches) * 2 * macs / (sgemm * 1e9) / median(bestPeer);
            double accGap = 100 * (number(d, "test_accuracy") - number(bestPeer, "test_accuracy"));
            accuracies.computeIfAbsent(w.name(), k -> new ArrayList<>()).add(new double[] {
                number(bestPeer, "test_accuracy"), number(d, "test_accuracy")});
            double paired = pairedRatio(d, bestPeer);
            String blas = String.valueOf(bestPeer.getOrDefault("blas", "not reported"));
            verdict.append(String.format(Locale.ROOT, "%n   PyTorch's BLAS: %s%s", blas,
                    referenceBlas(blas) ? " (THE REFERENCE BLAS, allowed by"
                            + " --allow-reference-blas: PyTorch is several times slower than"
                            + " with OpenBLAS, so the ratio flatters Descent)" : ""));
            verdict.append(String.format(Locale.ROOT, "%n   fastest peer setting %s; ratio %.3f"
                    + " (target <= %.1f: %s; ratio of best epochs %.3f; median of the epoch by"
                    + " epoch ratios %s); accuracy gap %+.2f points"
                    + " (|gap| <= 1: %s); RSS %s peer's%n   products alone at the sgemm"
                    + " ceiling would give ratio %.3f: the least an engine that multiplies every"
                    + " input column reaches here",
                    bestSetting, ratio, target,
                    ratio <= target ? "met" : "NOT met", best(d) / best(bestPeer),
                    pairedText(paired), accGap, Math.abs(accGap) <= 1 ? "met" : "NOT met",
                    number(d, "peak_rss_kib") <= number(bestPeer, "peak_rss_kib")
                            ? "not above" : "ABOVE", floor));
            summary.add(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.2f | %.2f | %s |"
                    + " %.2f | %.2f%% | %.2f%% | %.1f | %.1f | %.0f%% | %.0f | %.0f |", rowName(w),
                    bestSetting, median(bestPeer), median(d), ratio, best(d) / best(bestPeer),
                    Double.isNaN(paired) ? "-" : format(paired, 2), floor,
                    100 * number(bestPeer, "test_accuracy"),
                    100 * number(d, "test_accuracy"), gflops, sgemm, 100 * gflops / sgemm,
                    number(bestPeer, "peak_rss_kib") / 1024, number(d, "peak_rss_kib") / 1024));
        } else {
            summary.add(String.format(Locale.ROOT, "| %s | - | - | %.3f | - | - | - | - | -"
                    + " | %.2f%% | %.1f | %.1f | %.0f%% | - | %.0f |", rowName(w), median(d),
                    100 * number(d, "test_accuracy"), gflops, sgemm, 100 * gflops / sgemm,
                    number(d, "peak_rss_kib") / 1024));
        }
        out.println(verdict);
        if (w == Workload.SMOKE) {
            out.println("   smoke: 2 epochs on 400 digits check that the harness works; its"
                    + " figures are no verdict on the targets");
        }
        if (trainRows > 0 && number(d, "train") != trainRows) {
            out.println("   warning: Descent read " + number(d, "train") + " training images");
        }
        return true;
    }

    /**
     * The threads column of a Descent row: the most threads it could use and the count its
     * sgemm probe chose ({@code pick}), or the count --descent-threads fixed.
     */
    static String threadsLabel(int most, int used, boolean pick) {
        return pick ? "up to " + most + ", " + used + " used" : used + " (fixed)";
    }

    /** The paired ratio in the verdict line: a number in lockstep, else why there is none. */
    static String pairedText(double paired) {
        return Double.isNaN(paired) ? "none, the sides did not run in lockstep"
                : String.format(Locale.ROOT, "%.3f", paired);
    }

    private void printRow(String side, String threads, Map<String, Object> r,
            Map<String, Object> peerResult, long macs) {
        double[] each = (double[]) r.get("epoch_seconds");
        StringBuilder epochsText = new StringBuilder();
        for (double s : each) {
            epochsText.append(epochsText.length() == 0 ? "" : " ").append(format(s, 3));
        }
        double batches = Math.floor(number(r, "train") / number(r, "batch"));
        double gflops = batches * 2 * macs / median(r) / 1e9;
        String ratio = peerResult == null ? "" : format(median(r) / median(peerResult), 3);
        Object alloc = r.get("allocated_bytes_per_batch");
        out.printf(Locale.ROOT, "%-9s %-18s %7.3f %6.3f  %-28s %5s  %7.2f%%  %7.1f  %8s  %11.0f"
                + "  %s%n", side, threads, median(r), best(r), epochsText, ratio,
                100 * number(r, "test_accuracy"),
                gflops, r.containsKey("sgemm_gflops")
                        ? format(100 * gflops / number(r, "sgemm_gflops"), 0) + "%" : "",
                number(r, "peak_rss_kib") / 1024, alloc == null ? "" : format((Double) alloc, 0));
    }

    /**
     * One side of a workload: its command, the peer setting (null for Descent) or Descent's
     * most cores, and its JSON result once run.
     */
    private static final class Side {
        final String what;
        final ProcessBuilder process;
        final String setting;
        final int cores;
        Map<String, Object> result;
        Process running;
        /** The side's output lines, read on a thread of their own; {@link #END} after the last. */
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        java.io.Writer commands;

        Side(String what, ProcessBuilder process, String setting, int cores) {
            this.what = what;
            this.process = process;
            this.setting = setting;
            this.cores = cores;
        }
    }

    private Side peerSide(Workload w, Files4 f, String setting) {
        String[] t = setting.split("x");
        List<String> command = new ArrayList<>(List.of(python,
                benchDir.resolve("torch_mlp.py").toString()));
        command.addAll(commonArguments(w, f));
        command.addAll(List.of("--threads", t[0]));
        if (lockstep) {
            command.add("--lockstep");
        }
        if (allowReferenceBlas) {
            command.add("--allow-reference-blas");
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OMP_NUM_THREADS", t[0]);
        pb.environment().put("OPENBLAS_NUM_THREADS", t[1]);
        pb.environment().put("MKL_NUM_THREADS", t[1]);
        return new Side("pytorch " + setting, pb, setting, cores(setting));
    }

    private Side descentSide(Workload w, Files4 f, int threads, boolean pick) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(javaOptionList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                DescentSide.class.getName()));
        command.addAll(commonArguments(w, f));
        command.addAll(List.of("--threads", "" + threads));
        if (pick) {
            command.add("--pick-threads");
        }
        if (lockstep) {
            command.add("--lockstep");
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OPENBLAS_NUM_THREADS", "" + threads);
        return new Side("descent on " + threads + " core(s)", pb, null, threads);
    }

    /** Runs the sides one after the other, each all its epochs. */
    private boolean runSequential(List<Side> sides) throws IOException, InterruptedException {
        for (Side side : sides) {
            start(side);
            if (!finish(side)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Pause before each turn: OpenBLAS's threads keep spinning for a while after their last
     * product (about 2^28 cycles), which must not fall into the next side's epoch.
     */
    private static final long TURN_PAUSE_MILLIS = 300;

    /**
     * How long every core is kept busy right before each turn. After the pause above, the
     * cores of the 2-core development machine (a virtual machine) ran two threads slower for
     * tens of milliseconds, as a training run that goes from epoch to epoch never sees:
     * digits H=64 on two threads took 0.019-0.035 s an epoch after 150-300 ms asleep against
     * 0.016 s epoch after epoch; 20 ms of spinning before the epoch did not help, 50 ms did.
     */
    static final long WARM_MILLIS = 60;

    /** Written by {@link #warmCores}, so that its loops are not optimised away. */
    private static volatile long spun;

    /** Keeps every core spinning for {@code millis} ms (a thread each), then returns. */
    static void warmCores(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        // Arithmetic rather than Thread.onSpinWait(), which may let a core rest.
        Runnable spin = () -> {
            long count = 0;
            while (System.nanoTime() < end) {
                count++;
            }
            spun = count;
        };
        int cores = Runtime.getRuntime().availableProcessors();
        Thread[] others = new Thread[cores - 1];
        for (int i = 0; i < others.length; i++) {
            others[i] = new Thread(spin, "warm core " + (i + 1));
            others[i].start();
        }
        spin.run();
        for (Thread t : others) {
            t.join();
        }
    }

    /**
     * Starts every side (one at a time, each until it has read its data and says "ready"),
     * then runs epoch after epoch, each side in turn (the first side of each round moves on by
     * one), then lets each side test and report in turn. A change in the machine's speed then
     * reaches every side alike instead of whichever ran at the time.
     */
    private boolean runLockstep(List<Side> sides, int epochCount)
            throws IOException, InterruptedException {
        try {
            for (Side side : sides) {
                start(side);
                if (!expect(side, "ready")) {
                    return false;
                }
            }
            for (int e = 0; e < epochCount; e++) {
                for (int k = 0; k < sides.size(); k++) {
                    Side side = sides.get((e + k) % sides.size());
                    Thread.sleep(TURN_PAUSE_MILLIS);
                    warmCores(WARM_MILLIS);
                    if (!tell(side, "go") || !expect(side, "epoch ")) {
                        return false;
                    }
                }
            }
            for (Side side : sides) {
                if (!tell(side, "finish") || !finish(side)) {
                    return false;
                }
            }
            return true;
        } finally {
            for (Side side : sides) {
                if (side.running != null && side.running.isAlive()) {
                    stop(side.running);
                }
            }
        }
    }

    /** Marks the end of a side's output in {@link Side#lines} (compared by identity). */
    private static final String END = new String("end of output");

    private static void start(Side side) throws IOException {
        side.process.redirectError(ProcessBuilder.Redirect.INHERIT);
        side.running = side.process.start();
        BufferedReader output = new BufferedReader(new InputStreamReader(
                side.running.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try (output) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    side.lines.add(line);
                }
            } catch (IOException e) {
                // The side died or was stopped: its output ends here.
            } finally {
                side.lines.add(END);
            }
        }, "output of " + side.what);
        reader.setDaemon(true);
        reader.start();
        side.commands = new java.io.OutputStreamWriter(side.running.getOutputStream(),
                StandardCharsets.UTF_8);
    }

    /**
     * The side's next line, null at the end of its output; throws {@link SideTimeout} (and
     * stops the side) when it has said nothing for {@code --side-timeout} seconds.
     */
    private String nextLine(Side side, String expected) throws InterruptedException {
        String line = side.lines.poll(sideTimeoutSeconds, TimeUnit.SECONDS);
        if (line == null) {
            stop(side.running);
            throw new SideTimeout(side.what + " failed: nothing on its output for "
                    + sideTimeoutSeconds + " s while waiting for " + expected
                    + " (raise --side-timeout for slower workloads): "
                    + String.join(" ", side.process.command()));
        }
        return line == END ? null : line;
    }

    /** A side that stayed silent past {@code --side-timeout}; the message says which. */
    private static final class SideTimeout extends RuntimeException {
        SideTimeout(String message) {
            super(message);
        }
    }

    /** Sends a command line to a side; false (and a message) where it has already ended. */
    private boolean tell(Side side, String command) throws InterruptedException {
        try {
            side.commands.write(command + "\n");
            side.commands.flush();
            if (command.equals("finish")) {
                side.commands.close();
            }
            return true;
        } catch (IOException e) {
            out.println("   " + side.what + " failed: it had ended (exit status "
                    + side.running.waitFor() + ") when it was told '" + command + "'"
                    + (command.equals("go") ? " for its next epoch" : "") + ": "
                    + String.join(" ", side.process.command()));
            return false;
        }
    }

    /** Reads the side's next line; false (and a message) unless it starts with prefix. */
    private boolean expect(Side side, String prefix) throws IOException, InterruptedException {
        String line;
        try {
            line = nextLine(side, "'" + prefix.trim() + "'");
        } catch (SideTimeout e) {
            out.println("   " + e.getMessage());
            return false;
        }
        if (line != null && line.startsWith(prefix)) {
            return true;
        }
        out.println("   " + side.what + " failed: expected '" + prefix.trim() + "', got "
                + (line == null ? "the end of its output (exit status "
                        + side.running.waitFor() + ")" : "'" + line + "'") + ": "
                + String.join(" ", side.process.command()));
        return false;
    }

    /** Reads the side's output to its end; its last line starting with '{' is its JSON. */
    private boolean finish(Side side) throws IOException, InterruptedException {
        String last = null;
        try {
            for (String line = nextLine(side, "its result"); line != null;
                    line = nextLine(side, "its result")) {
                if (line.startsWith("{")) {
                    last = line;
                }
            }
        } catch (SideTimeout e) {
            out.println("   " + e.getMessage());
            return false;
        }
        int status = side.running.waitFor();
        if (status != 0 || last == null) {
            out.println("   " + side.what + " failed (exit status " + status + "): "
                    + String.join(" ", side.process.command()));
            return false;
        }
        side.result = FlatJson.read(last);
        return true;
    }

    /**
     * The median over epochs 2..E of Descent's epoch over the peer's epoch of the same turn;
     * NaN when the sides did not run in lockstep.
     */
    private double pairedRatio(Map<String, Object> descent, Map<String, Object> peerResult) {
        double[] d = (double[]) descent.get("epoch_seconds");
        double[] p = (double[]) peerResult.get("epoch_seconds");
        if (!lockstep || d.length != p.length || d.length < 2) {
            return Double.NaN;
        }
        double[] ratios = new double[d.length - 1];
        for (int i = 1; i < d.length; i++) {
            ratios[i - 1] = d[i] / p[i];
        }
        Arrays.sort(ratios);
        int n = ratios.length;
        return n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
    }

    /** The shortest epoch after the first: the least disturbed by other load on the machine. */
    static double best(Map<String, Object> r) {
        double[] s = (double[]) r.get("epoch_seconds");
        double min = Double.POSITIVE_INFINITY;
        for (int i = s.length > 1 ? 1 : 0; i < s.length; i++) {
            min = Math.min(min, s[i]);
        }
        return min;
    }

    /** The median epoch time without the first (warm-up) epoch. */
    static double median(Map<String, Object> r) {
        double[] s = (double[]) r.get("epoch_seconds");
        double[] rest = s.length > 1 ? Arrays.copyOfRange(s, 1, s.length) : s.clone();
        Arrays.sort(rest);
        int n = rest.length;
        return n % 2 == 1 ? rest[n / 2] : (rest[n / 2 - 1] + rest[n / 2]) / 2;
    }

    private static double number(Map<String, Object> r, String key) {
        Object v = r.get(key);
        return v instanceof Double d ? d : Double.NaN;
    }

    private static String format(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
