package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.experiment.RunFunction;
import dev.descent.train.TrainingOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SweepCommandTest {
    private static final String[] COMMON = {"--epochs", "4", "--batch", "32", "--seed", "11"};

    private static String[] concat(String[] first, String... second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static String value(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(\"[^\"]*\"|[^,}]+)").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return m.group(1).replace("\"", "");
    }

    @Test
    void aTwoByTwoByTwoSweepMatchesSingleDigitsRunsRowByRow(@TempDir Path temp)
            throws IOException {
        Path out = temp.resolve("sweep");
        CommandRunner sweep = CommandRunner.run(concat(new String[] {"sweep"}, concat(COMMON,
                "--per-class", "20,30", "--hidden", "8,24", "--learn-rate", "0.002,0.05",
                "--parallel", "2", "--out", out.toString())));
        assertThat(sweep.status()).as(sweep.err()).isZero();
        assertThat(sweep.err()).contains("] 8/8 runs");

        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertThat(csv.get(0)).isEqualTo(SweepTable.CSV_HEADER);
        assertThat(csv).hasSize(9);
        String[] order = {"20,8,0.002", "20,8,0.05", "20,24,0.002", "20,24,0.05",
            "30,8,0.002", "30,8,0.05", "30,24,0.002", "30,24,0.05"};
        for (int i = 0; i < 8; i++) {
            String[] cells = csv.get(i + 1).split(",");
            assertThat(cells[0] + "," + cells[1] + "," + cells[2]).isEqualTo(order[i]);
            CommandRunner single = CommandRunner.run(concat(new String[] {"digits"},
                    concat(COMMON, "--per-class", cells[0], "--hidden", cells[1], "--learn-rate",
                            cells[2], "--threads", "1", "--plots", "none", "--json", "--out",
                            temp.resolve("single" + i).toString())));
            assertThat(single.status()).as(single.err()).isZero();
            String json = single.out();
            assertThat(cells[3]).as("accuracy of " + order[i])
                    .isEqualTo(value(json, "test_accuracy"));
            assertThat(cells[4]).as("best iteration").isEqualTo(value(json, "best_iteration"));
            assertThat(cells[5]).as("epochs").isEqualTo(value(json, "epochs"));
            assertThat(cells[6]).as("iterations").isEqualTo(value(json, "iterations"));
            assertThat(cells[7]).as("stop reason").isEqualTo(value(json, "stop_reason"));
            assertThat(cells[8]).as("diagnosis").isEqualTo(value(json, "diagnosis"));
        }
        List<String> markdown = Files.readAllLines(out.resolve("sweep.md"));
        assertThat(markdown).hasSize(10);
        assertThat(markdown.get(2)).startsWith("| 20 | 8 | 0.002 | ");
        BufferedImage picture = ImageIO.read(out.resolve("sweep.png").toFile());
        assertThat(picture.getWidth()).isEqualTo(4 * SweepPicture.PANEL_WIDTH);
        assertThat(picture.getHeight()).isGreaterThan(2 * SweepPicture.PANEL_HEIGHT);
    }

    @Test
    void jsonListsEveryRunWithItsDiagnosis(@TempDir Path temp) {
        CommandRunner run = CommandRunner.run("sweep", "--per-class", "20", "--hidden", "8",
                "--learn-rate", "0.001,0.01", "--epochs", "2", "--plots", "none", "--json",
                "--out", temp.toString());
        assertThat(run.status()).as(run.err()).isZero();
        String json = run.out().strip();
        assertThat(json).startsWith("{\"runs\":[{\"per_class\":20,\"hidden\":8,"
                + "\"learn_rate\":0.001,");
        assertThat(Pattern.compile("\"diagnosis\":").matcher(json).results().count())
                .isEqualTo(2);
        assertThat(json).contains("\"remedy\":", "\"learn_rate_regime\":");
        // The table and the progress bar go to stderr.
        assertThat(run.err()).contains("| per class | hidden |", "] 2/2 runs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sweep", "lr-regimes"})
    void runsAtATimeAreBounded(String command, @TempDir Path temp) {
        CommandRunner run = CommandRunner.run(command, "--per-class", "20", "--hidden", "8",
                "--parallel", "100000", "--out", temp.resolve("o").toString());
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).endsWith("--parallel must be at most " + Math.max(256, cores)
                + " (this machine has " + cores + (cores == 1 ? " core" : " cores")
                + "), got 100000");
        assertThat(temp.resolve("o")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--per-class|20,1000|--per-class must be at most 863 (label 5 has 863 images), got 1000",
        "--hidden|8,0|--hidden must be at least 1, got 0",
        "--parallel|0|--parallel must be at least 1, got 0",
        "--plots|live|--plots live does not apply to sweep: it makes several runs at a time; use"
                + " png or none",
        "--threads|2|unknown options: '--threads', '2' (try 'descent sweep --help')",
    })
    void badOptionsGiveOneLineAndExitTwo(String option, String value, String message,
            @TempDir Path temp) {
        CommandRunner run = CommandRunner.run("sweep", "--per-class", "20", "--hidden", "8",
                "--learn-rate", "0.01", option, value, "--out", temp.resolve("o").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).endsWith(message);
        assertThat(temp.resolve("o")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sweep", "lr-regimes"})
    void helpListsTheSeedButNoThreadsOption(String command) {
        CommandRunner help = CommandRunner.run(command, "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--seed=N", "--parallel=N").doesNotContain("--threads=");
        // digits, whose options sweep shares, still has it.
        assertThat(CommandRunner.run("digits", "--help").out()).contains("--threads=N");
    }

    @Test
    void theRunFunctionAndItsSettingsAndResultsSurviveSerialization() throws Exception {
        RunFunction<DigitsRun.Settings, DigitsRun.Summary> function = DigitsRun::summarise;
        DigitsRun.Settings settings = new DigitsRun.Settings(20, 8, 0.01, "adam", 2, 32, 0.3, 5,
                10, TrainingOptions.ObjectiveMetric.LOSS, null, 5);
        @SuppressWarnings("unchecked")
        RunFunction<DigitsRun.Settings, DigitsRun.Summary> copy =
                (RunFunction<DigitsRun.Settings, DigitsRun.Summary>) roundTrip(function);
        DigitsRun.Summary result = copy.run((DigitsRun.Settings) roundTrip(settings));
        DigitsRun.Summary again = (DigitsRun.Summary) roundTrip(result);

        assertThat(again.settings()).isEqualTo(settings);
        assertThat(again.testAccuracy()).isEqualTo(function.run(settings).testAccuracy());
        assertThat(again.curves().training()).containsExactly(result.curves().training());
    }

    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void theProgressBarCountsRuns() {
        assertThat(ProgressBar.text(3, 8, 65))
                .isEqualTo("[###########-------------------] 3/8 runs  00:01:05");
        assertThat(ProgressBar.text(12, 12, 0))
                .isEqualTo("[##############################] 12/12 runs  00:00:00");
    }

    @Test
    void withoutATerminalTheBarWritesOneLinePerFinishedRun() {
        java.io.StringWriter text = new java.io.StringWriter();
        ProgressBar bar = new ProgressBar(new java.io.PrintWriter(text), 2, false);
        bar.update(1);
        bar.update(2);
        bar.finish();

        assertThat(text.toString()).doesNotContain("\r");
        assertThat(text.toString().lines().toList()).hasSize(2)
                .allMatch(line -> line.matches("\\[[#-]{30}\\] [12]/2 runs  00:00:\\d\\d"));
    }

    @Test
    void oneRunOfOneRateIsSaidInTheSingular(@TempDir Path temp) {
        CommandRunner run = CommandRunner.run("sweep", "--per-class", "5", "--hidden", "4",
                "--learn-rate", "0.01", "--epochs", "1", "--plots", "none", "--out",
                temp.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("Sweeping 1 run (1 per-class x 1 hidden x 1 learning"
                + " rate)");
        assertThat(run.err()).doesNotContain("\r").contains("] 1/1 runs");
    }

    @Test
    void theSeedHelpOfBackpropAndGradcheckPromisesNoDataSplit() {
        for (String command : new String[] {"backprop", "gradcheck"}) {
            CommandRunner help = CommandRunner.run(command, "--help");
            assertThat(help.out()).as(command).contains("of the commands that have them");
        }
    }
}
