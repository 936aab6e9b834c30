package dev.descent.shallow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.util.Rng;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DivisionTest {
    @ParameterizedTest(name = "N={0}")
    @CsvSource({
        // 0.15 * N ends in .5 for 10, 30, 90 and 150: rounded up (half away from zero).
        "10, 6, 2, 2",
        "30, 20, 5, 5",
        "90, 62, 14, 14",
        "150, 104, 23, 23",
        "100, 70, 15, 15",
        "1, 1, 0, 0",
        "3, 3, 0, 0",
        "4, 2, 1, 1",
        "5000, 3500, 750, 750"
    })
    void dividerandSizesRoundHalfAwayFromZero(int n, int train, int val, int test) {
        Division d = Division.dividerand(n, 0.70, 0.15, 0.15, new Rng(1));
        assertThat(d.trainInd()).hasSize(train);
        assertThat(d.valInd()).hasSize(val);
        assertThat(d.testInd()).hasSize(test);
    }

    @Test
    void dividerandSetsAreSortedDisjointAndCoverEverything() {
        Division d = Division.dividerand(150, 0.7, 0.15, 0.15, new Rng(356));
        for (int[] set : new int[][] {d.trainInd(), d.valInd(), d.testInd()}) {
            assertThat(set).isSorted();
        }
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(d.trainInd()),
                Arrays.stream(d.valInd())), Arrays.stream(d.testInd())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 150).toArray());
        assertThat(Division.dividerand(150, 0.7, 0.15, 0.15, new Rng(356))).isEqualTo(d);
        assertThat(Division.dividerand(150, 0.7, 0.15, 0.15, new Rng(357))).isNotEqualTo(d);
    }

    @Test
    void dividerandTakesTrainingFromTheStartOfOnePermutation() {
        int[] p = new Rng(9).permutation(10);
        Division d = Division.dividerand(10, 0.7, 0.15, 0.15, new Rng(9));
        int[] train = Arrays.copyOfRange(p, 0, 6);
        Arrays.sort(train);
        int[] val = Arrays.copyOfRange(p, 6, 8);
        Arrays.sort(val);
        assertThat(d.trainInd()).isEqualTo(train);
        assertThat(d.valInd()).isEqualTo(val);
    }

    @Test
    void ratiosAreNormalised() {
        Division d = Division.dividerand(20, 7, 1.5, 1.5, new Rng(1));
        assertThat(new int[] {d.trainInd().length, d.valInd().length, d.testInd().length})
                .containsExactly(14, 3, 3);
    }

    @Test
    void divideblockUsesConsecutiveBlocks() {
        Division d = Division.divideblock(10, 0.7, 0.15, 0.15);
        assertThat(d.trainInd()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(d.valInd()).containsExactly(6, 7);
        assertThat(d.testInd()).containsExactly(8, 9);
    }

    @Test
    void divideindSortsAndChecks() {
        Division d = Division.divideind(6, new int[] {5, 0, 2}, new int[] {4, 1}, new int[] {});
        assertThat(d.trainInd()).containsExactly(0, 2, 5);
        assertThat(d.valInd()).containsExactly(1, 4);
        assertThat(d.testInd()).isEmpty();
        assertThatThrownBy(() -> Division.divideind(6, new int[] {6}, new int[0], new int[0]))
                .hasMessageContaining("training index 6 is outside [0, 6)");
        assertThatThrownBy(() -> Division.divideind(6, new int[] {1}, new int[] {1}, new int[0]))
                .hasMessageContaining("index 1 is in more than one set");
    }

    @Test
    void mergingValidationIntoTraining() {
        Division d = Division.divideblock(10, 0.7, 0.15, 0.15).mergeValidationIntoTraining();
        assertThat(d.trainInd()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(d.valInd()).isEmpty();
        assertThat(d.testInd()).containsExactly(8, 9);
    }

    @Test
    void badRatiosAreRefused() {
        assertThatThrownBy(() -> Division.dividerand(10, 0.7, -0.1, 0.15, new Rng(1)))
                .hasMessageContaining("ratios must be at least 0");
        assertThatThrownBy(() -> Division.dividerand(10, 0, 0, 0, new Rng(1)))
                .hasMessageContaining("add up to more than 0");
    }
}
