package dev.descent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code bench/run --phases H B [STEPS] [--fashion DIR]}: values and one-line refusals. */
class StepPhasesArgumentsTest {

    @Test
    void readsSizesStepsAndTheFashionFolderInAnyOrder() {
        assertThat(StepPhases.parse(new String[] {"256", "64"}))
                .isEqualTo(new StepPhases.Arguments(256, 64, 312, null)); // 20,000 / 64 steps;
        assertThat(StepPhases.parse(new String[] {"64", "1024", "5"}))
                .isEqualTo(new StepPhases.Arguments(64, 1024, 5, null));
    }

    @Test
    void aMissingFashionFolderIsOneLineNotAStackTrace() {
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "64", "--fashion",
            "/nonexistent"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--fashion: no train-images-idx3-ubyte.gz in /nonexistent; install"
                        + " dataset-fashion-mnist or pass the folder of its IDX files");
    }

    @Test
    void badArgumentsNameWhatIsWrong() {
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64"}))
                .hasMessageStartingWith("expected H and B, and at most STEPS, got 64; usage:");
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "64", "--fashion"}))
                .hasMessageStartingWith("--fashion needs a folder; usage:");
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "64", "--fashoin", "x"}))
                .hasMessageStartingWith("unknown option --fashoin; usage:");
        assertThatThrownBy(() -> StepPhases.parse(new String[] {"64", "0"}))
                .hasMessageStartingWith("B must be a whole number of at least 1, got 0; usage:");
    }
}
