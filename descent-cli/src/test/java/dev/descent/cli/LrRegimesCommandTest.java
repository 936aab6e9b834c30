package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LrRegimesCommandTest {
    @Test
    void theDefaultRatesShowTheFourRegimesOnASmallerNetwork(@TempDir Path temp) {
        // The defaults' rates (0.001, 0.1, 1, 100000 with sgd) on 50 per class, 32 hidden
        // units and 15 epochs instead of 100, 64 and 30.
        CommandRunner run = CommandRunner.run("lr-regimes", "--per-class", "50", "--hidden",
                "32", "--epochs", "15", "--json", "--out", temp.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Pattern.compile("\"learn_rate_regime\":\"([a-z ]+)\"").matcher(run.out())
                .results().map(m -> m.group(1)).toList())
                .containsExactly("too slow", "good", "oscillating", "divergent");
        assertThat(run.out()).contains("\"learn_rate\":100000,", "\"stop_reason\":\"Training"
                + " loss is NaN\"");
        assertThat(run.err()).containsPattern("lr 100000 +divergent +test accuracy +\\d+\\.\\d%,"
                + " \\d+ iterations \\(Training loss is NaN\\)");
        assertThat(temp.resolve(LrRegimesCommand.PICTURE_FILE)).isNotEmptyFile();
    }
}
