package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command that takes --threads bounds it the same way, before it reads anything. */
class ThreadsOptionTest {
    @ParameterizedTest
    @ValueSource(strings = {"digits", "train", "classify", "predict", "patternnet", "fitnet",
        "backprop", "gradcheck"})
    void aHundredThousandThreadsAreRefusedWithExitTwo(String command) {
        int cores = Runtime.getRuntime().availableProcessors();

        CommandRunner run = CommandRunner.run(command, "--threads", "100000");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly("descent: --threads must be at most "
                + Math.max(256, cores) + " (this machine has " + cores
                + (cores == 1 ? " core" : " cores") + "), got 100000 (try 'descent " + command
                + " --help')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"digits", "train", "classify", "predict", "patternnet", "fitnet",
        "backprop", "gradcheck"})
    void helpSaysTheDefaultIsAllCores(String command) {
        CommandRunner run = CommandRunner.run(command, "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("--threads=N", "(default: all cores;");
    }
}
