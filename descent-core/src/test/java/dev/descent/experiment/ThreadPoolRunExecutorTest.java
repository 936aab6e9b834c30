package dev.descent.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.LabeledData;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Blas;
import dev.descent.tensor.Precision;
import dev.descent.train.Examples;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ThreadPoolRunExecutorTest {
    /** Squares its input; later inputs finish first. */
    static long square(Integer x) throws InterruptedException {
        Thread.sleep(2L * (12 - x));
        return (long) x * x;
    }

    static double[] train(Long seed) {
        Rng rng = new Rng(seed);
        int n = 64;
        float[] x = new float[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 3; j++) {
                x[3 * i + j] = (float) (rng.nextGaussian() + (j == labels[i] ? 2 : 0));
            }
        }
        Network net = Network.create(List.of(Layers.featureInput(3), Layers.fullyConnected(8),
                Layers.relu(), Layers.fullyConnected(3), Layers.softmax(),
                Layers.classification()), Precision.FLOAT32, new Rng(seed + 1),
                List.of("a", "b", "c"));
        TrainingOptions options = TrainingOptions.builder("adam").maxEpochs(5)
                .miniBatchSize(16).seed(seed).build();
        Examples data = Examples.classification(new LabeledData(x, n, 3, labels,
                List.of("a", "b", "c")));
        return new Trainer(options).fit(net, data, null).network().parameters()
                .valuesAsDoubles();
    }

    @Test
    void resultsComeInTheOrderOfTheSettingsAndProgressCountsEveryRun() {
        List<Integer> settings = IntStream.range(0, 12).boxed().toList();
        List<int[]> calls = new ArrayList<>();
        List<Long> results = new ThreadPoolRunExecutor(3).runAll(settings,
                ThreadPoolRunExecutorTest::square,
                (index, finished, total) -> calls.add(new int[] {index, finished, total}));

        assertThat(results).containsExactly(0L, 1L, 4L, 9L, 16L, 25L, 36L, 49L, 64L, 81L, 100L,
                121L);
        assertThat(calls).extracting(c -> c[1]).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                11, 12);
        assertThat(calls).extracting(c -> c[0]).containsExactlyInAnyOrderElementsOf(settings);
        assertThat(calls).allSatisfy(c -> assertThat(c[2]).isEqualTo(12));
    }

    @Test
    void parallelTrainingGivesTheNumbersOfRunsOneAfterTheOther() {
        Blas.setThreads(2);
        int before = Blas.threads();
        List<Long> seeds = List.of(1L, 2L, 3L, 4L);
        List<double[]> parallel = new ThreadPoolRunExecutor(4).runAll(seeds,
                ThreadPoolRunExecutorTest::train, (i, f, t) -> { });
        assertThat(Blas.threads()).isEqualTo(before);
        Blas.setThreads(1);
        try {
            for (int i = 0; i < seeds.size(); i++) {
                assertThat(parallel.get(i)).containsExactly(train(seeds.get(i)));
            }
        } finally {
            Blas.setThreads(before);
        }
    }

    @Test
    void aFailedRunIsReportedWithItsPosition() {
        RunFunction<Integer, Integer> failAtThree = x -> {
            if (x == 3) {
                throw new IllegalStateException("three is bad");
            }
            return x;
        };
        assertThatThrownBy(() -> new ThreadPoolRunExecutor(2).runAll(List.of(1, 2, 3, 4),
                failAtThree, (i, f, t) -> { }))
                .isInstanceOf(RunFailedException.class)
                .hasMessage("run 3 failed: three is bad")
                .satisfies(e -> assertThat(((RunFailedException) e).index()).isEqualTo(2))
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(new ThreadPoolRunExecutor(2).runAll(List.<Integer>of(), failAtThree,
                (i, f, t) -> { })).isEmpty();
        assertThatThrownBy(() -> new ThreadPoolRunExecutor(0))
                .hasMessage("parallel runs must be at least 1, got 0");
    }
}
