package dev.descent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code bench/run --phases H B [STEPS] [--fashion DIR | --digits]}: values and one-line
 * refusals.
 */
class StepPhasesArgumentsTest {
    private static final String SEE_HELP = " (see bench/run --phases --help)";

    @Test
    void readsSizesStepsAndTheFashionFolderInAnyOrder() {
        assertThat(StepPhases.parse(new String[] {"256", "64"}))
                // 20,000 / 64 steps
                .isEqualTo(new StepPhases.Arguments(256, 64, 312, null, false));
        assertThat(StepPhases.parse(new String[] {"64", "1024", "5"}))
                .isEqualTo(new StepPhases.Arguments(64, 1024, 5, null, false));
    }

    @Test
    void readsTheDigitsFlagAndRefusesItWithFashion() {
        assertThat(StepPhases.parse(new String[] {"256", "--digits", "64"}))
                .isEqualTo(new StepPhases.Arguments(256, 64, 312, null, true));
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "64", "--digits",
            "--fashion", "/tmp"}))
                .hasMessage("--fashion and --digits exclude each other" + SEE_HELP);
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "20000", "--digits"}))
                .hasMessage("B must be at most 10000 with --digits (the built-in digits), got"
                        + " 20000" + SEE_HELP);
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        assertThat(StepPhases.parse(new String[] {"16384", "1024", "1000000"}))
                .isEqualTo(new StepPhases.Arguments(16384, 1024, 1_000_000, null, false));
        assertThat(StepPhases.parse(new String[] {"256", "65536"}))
                .isEqualTo(new StepPhases.Arguments(256, 65536, 20, null, false));
    }

    @Test
    void aMissingFashionFolderIsOneLineNotAStackTrace() {
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "64", "--fashion",
            "/nonexistent"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--fashion: no train-images-idx3-ubyte.gz in /nonexistent; install"
                        + " dataset-fashion-mnist or pass the folder of its IDX files" + SEE_HELP);
    }

    @Test
    void badArgumentsNameWhatIsWrongInOneShortLine() {
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64"}))
                .hasMessage("expected H and B, and at most STEPS, got 64" + SEE_HELP);
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "64", "--fashion"}))
                .hasMessage("--fashion needs a folder" + SEE_HELP);
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "64", "--fashoin", "x"}))
                .hasMessage("unknown option --fashoin" + SEE_HELP);
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "0"}))
                .hasMessage("B must be a whole number from 1 to 65536, got 0" + SEE_HELP);
    }

    @Test
    void aNegativeNumberIsABadSizeNotAnOption() {
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"-5", "64"}))
                .hasMessage("H must be a whole number from 1 to 16384, got -5" + SEE_HELP);
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "64", "-1"}))
                .hasMessage("STEPS must be a whole number from 1 to 1000000, got -1" + SEE_HELP);
    }

    @Test
    void sizesPastTheLimitsAreRefusedBeforeAnythingIsAllocated() {
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"99999999", "64"}))
                .hasMessage("H must be a whole number from 1 to 16384, got 99999999" + SEE_HELP);
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "65537"}))
                .hasMessage("B must be a whole number from 1 to 65536, got 65537" + SEE_HELP);
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "99999999999999999999"}))
                .hasMessage("B must be a whole number from 1 to 65536, got 99999999999999999999"
                        + SEE_HELP);
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"16384", "1025"}))
                .hasMessage("H times B must be at most 16777216, got 16384 x 1025 = 16793600"
                        + SEE_HELP);
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "64", "1000001"}))
                .hasMessage("STEPS must be a whole number from 1 to 1000000, got 1000001"
                        + SEE_HELP);
    }

    @Test
    void helpIsAskedForWithEitherSpellingAnywhere() {
        assertThat(StepPhases.asksForHelp(new String[] {"--help"})).isTrue();
        assertThat(StepPhases.asksForHelp(new String[] {"64", "-h"})).isTrue();
        assertThat(StepPhases.asksForHelp(new String[] {"64", "64", "-5"})).isFalse();
        assertThat(StepPhases.USAGE).startsWith("usage: bench/run --phases H B [STEPS]"
                + " [--fashion DIR | --digits]\n")
                .contains("  H              hidden width, 1 to 16384\n");
    }

    @Test
    void randomDataIsSixtyBatchesUpToBatch1024ThenCapped() {
        assertThat(StepPhases.randomRows(64)).isEqualTo(3840);
        assertThat(StepPhases.randomRows(1024)).isEqualTo(61440);
        assertThat(StepPhases.randomRows(4096)).isEqualTo(61440);
        assertThat(StepPhases.randomRows(65536)).isEqualTo(65536);
    }
}
