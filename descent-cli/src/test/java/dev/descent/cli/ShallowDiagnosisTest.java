package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real {@code patternnet} and {@code fitnet} runs are named as the lesson names their curves,
 * against MATLAB's performance of predicting the mean training target (docs/diagnosis.md).
 */
class ShallowDiagnosisTest {
    @TempDir Path dir;

    private Path iris() throws IOException {
        Path file = dir.resolve("iris.csv");
        try (var in = getClass().getResourceAsStream("/dev/descent/shallow/iris.csv")) {
            Files.copy(in, file);
        }
        return file;
    }

    /** 80 noisy points of sin(2x) on [-3, 3]: x, y. */
    private Path wave() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        dev.descent.util.Rng rng = new dev.descent.util.Rng(7);
        for (int i = 0; i < 80; i++) {
            double x = 6 * rng.nextDouble() - 3;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f%n", x,
                    Math.sin(2 * x) + 0.1 * rng.nextGaussian()));
        }
        Path file = dir.resolve("wave.csv");
        Files.writeString(file, csv);
        return file;
    }

    private static String value(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(\"[^\"]*\"|[^,}]+)").matcher(json);
        assertThat(m.find()).as("key %s in %s", key, json).isTrue();
        String text = m.group(1);
        return text.startsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    @Test
    void patternnetOnIrisWithItsDefaultsIsAGoodFit() throws IOException {
        Path out = dir.resolve("iris");
        CommandRunner run = CommandRunner.run("patternnet", "--data", iris().toString(),
                "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        // Training 0.0156 and best validation 0.0132 (epoch 20 of 26) against the baseline
        // 0.3642, the class-frequency cross-entropy of the 104 training flowers divided by 3.
        String[] lines = run.out().split("\n");
        int completed = indexOf(lines, "Training with TRAINSCG completed: Validation stop.");
        assertThat(lines[completed + 1]).isEqualTo("Diagnosis: Good fit: training loss 0.01564"
                + " and best validation loss 0.01319 are both low (below a third of the baseline"
                + " 0.3642, the cross-entropy of predicting the class frequencies, averaged over"
                + " classes x samples as MATLAB) and close.");
        assertThat(lines[completed + 2]).isEqualTo("Remedy: Nothing to fix.");
        assertThat(lines[completed + 3]).startsWith("Best Validation Performance is 0.013186");

        // The diagnosis under the title of performance.png, in the caption's colour.
        BufferedImage picture = ImageIO.read(out.resolve("performance.png").toFile());
        int caption = TrainingProgressPlot.CAPTION_COLOR.getRGB() & 0xffffff;
        int inCaption = 0;
        int elsewhere = 0;
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                if ((picture.getRGB(x, y) & 0xffffff) == caption) {
                    if (y > 40 && y < 100) {
                        inCaption++;
                    } else {
                        elsewhere++;
                    }
                }
            }
        }
        assertThat(inCaption).isGreaterThan(100);
        assertThat(elsewhere).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        // Few digits (70 training images) and 50 hidden units: the training loss goes to 0.0000x,
        // the best validation loss stays at 0.12, half the baseline 0.228 (ln 10 / 10).
        "patternnet|--digits 10 --hidden 50|severe overfitting|severe overfitting|not applicable",
        // traingd at MATLAB's rate 0.01 still falls after 1000 epochs, at 0.59 of the baseline.
        "patternnet|--data IRIS --train-fcn traingd|underfitting (rate too slow)|underfitting"
                + "|too slow",
        // Rate 1000: the loss jumps from 0.62 to 7.4 (20 times the baseline) and stays.
        "patternnet|--data IRIS --train-fcn traingd --learn-rate 1000|divergent|undetermined"
                + "|divergent",
        "fitnet|--data WAVE|good fit|good fit|not applicable",
        "fitnet|--data WAVE --hidden 1|underfitting|underfitting|not applicable",
        "fitnet|--data WAVE --hidden 40|overfitting|overfitting|not applicable",
        "fitnet|--data WAVE --train-fcn traingd --learn-rate 1|divergent|undetermined"
                + "|divergent",
    })
    void realRunsAreNamedAsTheLessonDoes(String command, String options, String label,
            String fit, String rate) throws IOException {
        String[] words = options.replace("IRIS", iris().toString())
                .replace("WAVE", wave().toString()).split(" ");
        String[] args = new String[words.length + 6];
        args[0] = command;
        System.arraycopy(words, 0, args, 1, words.length);
        System.arraycopy(new String[] {"--json", "--plots", "none", "--out",
            dir.resolve("out").toString()}, 0, args, words.length + 1, 5);
        CommandRunner run = CommandRunner.run(args);
        assertThat(run.status()).as(run.err()).isZero();
        String json = run.out();
        assertThat(value(json, "diagnosis")).as(json).isEqualTo(label);
        assertThat(value(json, "fit")).isEqualTo(fit);
        assertThat(value(json, "learn_rate_regime")).isEqualTo(rate);
        assertThat(value(json, "remedy")).isNotEmpty();
        assertThat(run.err()).contains("Diagnosis: " + value(json, "diagnosis_explanation"),
                "Remedy: " + value(json, "remedy"));
    }

    private static int indexOf(String[] lines, String line) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals(line)) {
                return i;
            }
        }
        throw new AssertionError("no line '" + line + "' in\n" + String.join("\n", lines));
    }
}
