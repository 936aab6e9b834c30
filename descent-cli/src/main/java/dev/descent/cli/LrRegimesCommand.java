package dev.descent.cli;

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
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent lr-regimes}: one network, four learning rates, the lesson's four regimes. */
@Command(
        name = "lr-regimes",
        description = {
            "Trains the digits network with each --learn-rate (default: too small, good, too "
                    + "large, divergent for plain sgd), writes their loss curves into "
                    + "lr-regimes.png and names each rate's regime as the lesson does: too slow, "
                    + "good, oscillating or divergent.",
            "A divergent run stops at its first NaN or infinite loss and is reported, not an "
                    + "error. Takes the digits options; defaults differ: sgd, 30 epochs, 64 "
                    + "hidden units, no early stopping. Default seed: 356."
        },
        sortOptions = false,
        mixinStandardHelpOptions = true,
        defaultValueProvider = LrRegimesCommand.Defaults.class)
final class LrRegimesCommand implements Callable<Integer>, OutputFiles {
    static final String PICTURE_FILE = "lr-regimes.png";

    @Override
    public List<String> outputFiles() {
        return output.writesPictures() ? List.of(PICTURE_FILE) : List.of();
    }

    @Spec private CommandSpec spec;

    @Option(names = "--learn-rate", paramLabel = "RATE,...", split = ",",
            defaultValue = "0.001,0.1,1,100000",
            description = "Learning rates to compare (default: ${DEFAULT-VALUE}).")
    List<Double> learnRate;

    @Option(names = "--per-class", paramLabel = "N", defaultValue = "100",
            description = "Images taken from each label (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "64",
            description = "Units of the hidden layer (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Runs at a time, each on one thread (default: the number of cores).")
    Integer parallel;

    @Mixin DigitsOptions common;
    // No --threads: every run computes on one thread.
    @Mixin SeedOptions seedOption;
    @Mixin OutputOptions output;

    /** The digits options whose defaults differ here. */
    static final class Defaults implements IDefaultValueProvider {
        private static final Map<String, String> VALUES = Map.of("--solver", "sgd",
                "--epochs", "30", "--patience", "inf");

        @Override
        public String defaultValue(ArgSpec argument) {
            return argument instanceof OptionSpec option ? VALUES.get(option.longestName())
                    : null;
        }
    }

    @Override
    public Integer call() throws IOException {
        if (output.plots() == PlotMode.LIVE) {
            throw new IllegalArgumentException("--plots live does not apply to lr-regimes: it makes"
                    + " several runs at a time; use png or none");
        }
        int runsAtATime = parallel != null ? parallel : Runtime.getRuntime()
                .availableProcessors();
        Options.runsAtATime(runsAtATime);
        long seed = seedOption.seed(DigitsCommand.DEFAULT_SEED);
        List<DigitsRun.Settings> settings = new ArrayList<>();
        for (double rate : learnRate) {
            settings.add(common.settings(perClass, hidden, rate, seed));
        }
        DigitsRun.split(DigitsRun.images(settings.get(0).data()), settings.get(0));
        PrintWriter human = output.humanOutput(spec);
        human.printf(Locale.ROOT, "Training 784-%d-10 (%s, %d per class) with %d learning"
                + " %s, %d at a time%n", hidden, settings.get(0).solver(), perClass,
                settings.size(), settings.size() == 1 ? "rate" : "rates", runsAtATime);
        human.flush();
        ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(),
                settings.size());
        List<DigitsRun.Summary> rows = new ThreadPoolRunExecutor(runsAtATime).runAll(settings,
                DigitsRun::summarise, (index, finished, total) -> bar.update(finished));
        bar.finish();

        for (DigitsRun.Summary row : rows) {
            human.printf(Locale.ROOT, "lr %-10s %-12s test accuracy %5.1f%%, %d iterations (%s)"
                    + "%n", Json.number(row.settings().learnRate()), row.rate(),
                    row.testAccuracy(), row.iterations(), row.stopReason());
        }
        Path out = output.outDirectory();
        List<String> files = new ArrayList<>();
        if (output.writesPictures()) {
            Path picture = out.resolve(PICTURE_FILE);
            LrRegimesPlot.write(rows, picture);
            files.add(picture.toString());
            human.println("Wrote " + PICTURE_FILE + " to " + out);
        }
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            List<Map<String, Object>> runs = new ArrayList<>();
            for (DigitsRun.Summary row : rows) {
                Map<String, Object> item = SweepTable.json(row);
                item.remove("per_class");
                item.remove("hidden");
                runs.add(item);
            }
            json.put("solver", settings.get(0).solver());
            json.put("per_class", perClass);
            json.put("hidden", hidden);
            json.put("seed", seed);
            json.put("runs", runs);
            json.put("files", files);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(Json.toString(json));
            stdout.flush();
        }
        human.flush();
        return 0;
    }
}
