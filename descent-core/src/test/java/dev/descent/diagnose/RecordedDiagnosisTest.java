package dev.descent.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.BuiltinDigits;
import dev.descent.data.DatastoreSplit;
import dev.descent.data.LabeledData;
import dev.descent.nn.Layers;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import dev.descent.train.Examples;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingOptions;
import dev.descent.util.Rng;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Histories of real runs of {@code descent digits} on the built-in digits (recorded by
 * record.sh next to the CSV files) are named as the lesson names them. Baseline: ln 10.
 */
class RecordedDiagnosisTest {
    private static final double LN_10 = Math.log(10);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "underfitting-too-slow, UNDERFITTING, TOO_SLOW",
        "lesson-defaults, UNDERFITTING, OSCILLATING",
        "severe-overfitting, SEVERE_OVERFITTING, GOOD",
        "overfitting-onset, OVERFITTING, GOOD",
        "good-fit, GOOD_FIT, GOOD",
        "sgd-too-slow, UNDERFITTING, TOO_SLOW",
        "sgd-oscillating, OVERFITTING, OSCILLATING",
        "sgd-divergent, UNDETERMINED, DIVERGENT",
    })
    void realRunsAreNamedAsTheLessonDoes(String name, FitPattern fit, RateRegime rate) {
        Diagnosis diagnosis = Diagnoser.diagnose(RecordedHistory.read(name), LN_10);
        assertThat(diagnosis.fit()).isEqualTo(fit);
        assertThat(diagnosis.rate()).isEqualTo(rate);
    }

    @Test
    void aShortRealRunIsDiagnosedFromItsOwnHistory() throws IOException {
        Rng rng = new Rng(356);
        DatastoreSplit parts = BuiltinDigits.load().splitEachLabel(rng, 40).part(1)
                .splitEachLabel(rng, 0.8);
        LabeledData train = parts.part(1).readAll();
        LabeledData test = parts.part(2).readAll();
        Network net = Network.create(List.of(Layers.featureInput(784), Layers.fullyConnected(32),
                Layers.relu(), Layers.fullyConnected(10), Layers.softmax(),
                Layers.classification()), Precision.FLOAT32, new Rng(1), train.classes());
        TrainingOptions slow = TrainingOptions.builder("sgd").initialLearnRate(1e-4)
                .maxEpochs(8).miniBatchSize(32).validationFrequency(2).build();
        Trainer.Result result = new Trainer(slow).fit(net, Examples.classification(train),
                Examples.classification(test));

        double baseline = Diagnoser.baseline(train.countEachLabel());
        assertThat(baseline).isCloseTo(LN_10, within(1e-15));
        Diagnosis diagnosis = Diagnoser.diagnose(result.history(), baseline);
        assertThat(diagnosis.fit()).isEqualTo(FitPattern.UNDERFITTING);
        assertThat(diagnosis.rate()).isEqualTo(RateRegime.TOO_SLOW);
        assertThat(diagnosis.figures().bestIteration())
                .isEqualTo(result.history().bestIteration());
    }
}
