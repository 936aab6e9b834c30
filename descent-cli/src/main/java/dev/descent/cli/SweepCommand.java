package dev.descent.cli;

import dev.descent.data.ImageDatastore;
import dev.descent.experiment.RunExecutor;
import dev.descent.experiment.ThreadPoolRunExecutor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent sweep}: the lesson's homework, the digits run over a grid of settings. */
@Command(
        name = "sweep",
        description = {
            "Runs digits for every combination of --per-class, --hidden and --learn-rate (lists "
                    + "separated by commas), several runs at a time, and writes sweep.csv, "
                    + "sweep.md (one row per run: settings, test accuracy, best iteration, "
                    + "epochs, diagnosis, seconds) and sweep.png (the loss curves of every run).",
            "Every other digits option applies to all runs. Each run computes on one thread, "
                    + "so its numbers equal those of digits --threads 1 with the same settings "
                    + "and seed, here or with --spark on a cluster. Default seed: 356."
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class SweepCommand implements Callable<Integer>, OutputFiles {
    static final String CSV_FILE = "sweep.csv";
    static final String MARKDOWN_FILE = "sweep.md";
    static final String PICTURE_FILE = "sweep.png";

    @Override
    public List<String> outputFiles() {
        return output.writesPictures() ? List.of(CSV_FILE, MARKDOWN_FILE, PICTURE_FILE)
                : List.of(CSV_FILE, MARKDOWN_FILE);
    }

    @Spec private CommandSpec spec;

    @Option(names = "--per-class", paramLabel = "N,...", split = ",",
            defaultValue = "50,100,500",
            description = "Images taken from each label (default: ${DEFAULT-VALUE}).")
    List<Integer> perClass;

    @Option(names = "--hidden", paramLabel = "N,...", split = ",", defaultValue = "10,64,256",
            description = "Units of the hidden layer (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--learn-rate", paramLabel = "RATE,...", split = ",",
            defaultValue = "0.001,0.05",
            description = "Initial learning rates (default: ${DEFAULT-VALUE}).")
    List<Double> learnRate;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Runs at a time (default: the number of cores).")
    Integer parallel;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Make the runs as the tasks of one Apache Spark job on MASTER "
                    + "(local[2], spark://host:7077, yarn), one task per run; needs "
                    + "descent-spark and Spark 4.2 on the class path (docs/spark.md).")
    String spark;

    @Mixin DigitsOptions common;
    // No --threads: every run computes on one thread.
    @Mixin SeedOptions seedOption;
    @Mixin OutputOptions output;

    @Override
    public Integer call() throws IOException {
        if (output.plots() == PlotMode.LIVE) {
            throw new IllegalArgumentException("--plots live does not apply to sweep: it makes"
                    + " several runs at a time; use png or none");
        }
        if (spark != null && parallel != null) {
            throw new IllegalArgumentException("--parallel does not apply with --spark: Spark "
                    + "makes as many runs at a time as its executors have cores");
        }
        int runsAtATime = parallel != null ? parallel : Runtime.getRuntime()
                .availableProcessors();
        Options.runsAtATime(runsAtATime);
        // Before the data: a missing descent-spark or Spark is reported at once.
        RunExecutor.Provider cluster = spark == null ? null
                : DistributedOptions.runProvider(spark);
        long seed = seedOption.seed(DigitsCommand.DEFAULT_SEED);
        List<DigitsRun.Settings> grid = grid(seed);
        // Check the data once, before any run starts: a bad --per-class names itself here.
        ImageDatastore images = DigitsRun.images(grid.get(0).data());
        for (DigitsRun.Settings settings : grid) {
            if (settings.perClass() == maxPerClass()) {
                DigitsRun.split(images, settings);
                break;
            }
        }
        PrintWriter human = output.humanOutput(spec);
        PrintWriter err = spec.commandLine().getErr();
        String where = spark == null ? runsAtATime + " at a time" : "on Spark " + spark;
        human.printf(Locale.ROOT, "Sweeping %d %s (%d per-class x %d hidden x %d learning"
                + " %s), %s%n", grid.size(), grid.size() == 1 ? "run" : "runs", perClass.size(),
                hidden.size(), learnRate.size(), learnRate.size() == 1 ? "rate" : "rates",
                where);
        human.flush();

        List<DigitsRun.Summary> rows;
        long started;
        if (cluster == null) {
            started = System.nanoTime();
            rows = runAll(new ThreadPoolRunExecutor(runsAtATime), grid, err);
        } else {
            long connecting = System.nanoTime();
            try (RunExecutor.Remote executor = cluster.create(spark)) {
                started = System.nanoTime();
                human.printf(Locale.ROOT, "Spark %s ready in %.1f s%n", spark,
                        (started - connecting) / 1e9);
                human.flush();
                rows = runAll(executor, grid, err);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        Path out = output.outDirectory();
        List<Path> files = new ArrayList<>();
        files.add(out.resolve(CSV_FILE));
        AtomicFiles.writeString(files.get(0), SweepTable.csv(rows));
        files.add(out.resolve(MARKDOWN_FILE));
        String markdown = SweepTable.markdown(rows);
        AtomicFiles.writeString(files.get(1), markdown);
        if (output.writesPictures()) {
            files.add(out.resolve(PICTURE_FILE));
            SweepPicture.write(rows, columns(), files.get(2));
        }
        human.print(markdown);
        human.printf(Locale.ROOT, "%d runs in %.1f s, %s%n", rows.size(), seconds, where);
        human.println("Wrote " + String.join(", ", files.stream()
                .map(p -> p.getFileName().toString()).toList()) + " to " + out);
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("runs", rows.stream().map(SweepTable::json).toList());
            if (spark == null) {
                json.put("parallel", runsAtATime);
            } else {
                json.put("spark", spark);
            }
            json.put("seed", seed);
            json.put("seconds", seconds);
            json.put("files", files.stream().map(Path::toString).toList());
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(Json.toString(json));
            stdout.flush();
        }
        human.flush();
        return 0;
    }

    /** The runs of {@code grid} on {@code executor}, with the progress bar on {@code err}. */
    private static List<DigitsRun.Summary> runAll(RunExecutor executor,
            List<DigitsRun.Settings> grid, PrintWriter err) {
        ProgressBar bar = ProgressBar.forTerminal(err, grid.size());
        List<DigitsRun.Summary> rows = executor.runAll(grid, DigitsRun::summarise,
                (index, finished, total) -> bar.update(finished));
        bar.finish();
        return rows;
    }

    private int maxPerClass() {
        return perClass.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /** Per class outermost, learning rate innermost. */
    private List<DigitsRun.Settings> grid(long seed) {
        List<DigitsRun.Settings> grid = new ArrayList<>();
        for (int n : perClass) {
            for (int h : hidden) {
                for (double rate : learnRate) {
                    grid.add(common.settings(n, h, rate, seed));
                }
            }
        }
        return grid;
    }

    /** Panels per row of sweep.png: one row per --per-class value when that fits. */
    private int columns() {
        int perRow = hidden.size() * learnRate.size();
        return perRow <= 6 ? perRow : (int) Math.ceil(Math.sqrt(
                (double) perClass.size() * perRow));
    }
}
