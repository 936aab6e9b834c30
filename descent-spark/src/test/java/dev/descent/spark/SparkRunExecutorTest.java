package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.experiment.RunFailedException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runs of a list of settings as the tasks of one Spark job. */
class SparkRunExecutorTest {

    @BeforeAll
    static void startSpark() {
        SharedSpark.session();
    }

    static long cube(Integer x) {
        return (long) x * x * x;
    }

    static long failOnThree(Integer x) {
        if (x == 3) {
            throw new IllegalArgumentException("three is not allowed");
        }
        return x;
    }

    @Test
    void resultsComeBackInTheOrderOfTheSettingsAndEveryRunIsToldOnce() {
        List<Integer> settings = List.of(5, -2, 7, 0, 11, 3);
        List<int[]> told = new ArrayList<>();
        List<Long> results;
        try (SparkRunExecutor spark = SparkRunExecutor.start("local[2]")) {
            results = spark.runAll(settings, SparkRunExecutorTest::cube,
                    (index, finished, total) -> told.add(new int[] {index, finished, total}));
        }
        assertThat(results).containsExactly(125L, -8L, 343L, 0L, 1331L, 27L);
        assertThat(told).hasSize(6);
        assertThat(told.stream().mapToInt(t -> t[0]).sorted().toArray())
                .containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(told.stream().mapToInt(t -> t[1]).toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(told).allSatisfy(t -> assertThat(t[2]).isEqualTo(6));
        // The shared session was found, not stopped.
        assertThat(SharedSpark.session().sparkContext().isStopped()).isFalse();
    }

    @Test
    void aFailedRunIsReportedWithItsPositionAndCause() {
        try (SparkRunExecutor spark = SparkRunExecutor.start("local[2]")) {
            assertThatThrownBy(() -> spark.runAll(List.of(1, 2, 3, 4),
                    SparkRunExecutorTest::failOnThree, (index, finished, total) -> { }))
                    .isInstanceOf(RunFailedException.class)
                    .hasMessage("run 3 failed: three is not allowed")
                    .satisfies(e -> assertThat(((RunFailedException) e).index()).isEqualTo(2))
                    .cause().isInstanceOf(IllegalArgumentException.class);
        }
    }
}
