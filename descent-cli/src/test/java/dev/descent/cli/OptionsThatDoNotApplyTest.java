package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Options that do not apply to the solver or to the other options given are refused, as
 * MATLAB's trainingOptions refuses 'Momentum' with 'adam'; their defaults never are.
 */
class OptionsThatDoNotApplyTest {
    private static final String IRIS = "../descent-core/src/test/resources/dev/descent/shallow/"
            + "iris.csv";

    @TempDir Path temp;

    private CommandRunner train(String... more) {
        String[] args = new String[more.length + 7];
        System.arraycopy(new String[] {"train", "--data", IRIS, "--layers", "fc:3,softmax",
            "--out", temp.resolve("out").toString()}, 0, args, 0, 7);
        System.arraycopy(more, 0, args, 7, more.length);
        return CommandRunner.run(args);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource(delimiter = ' ', value = {
        "adam --momentum 0.5 '--momentum applies to sgdm, traingdm and traingdx only, not adam'",
        "sgd --momentum 0.5 '--momentum applies to sgdm, traingdm and traingdx only, not sgd'",
        "traingd --momentum 0.5 '--momentum applies to sgdm, traingdm and traingdx only,"
                + " not traingd'",
        "sgdm --gradient-decay 0.5 '--gradient-decay applies to adam only, not sgdm'",
        "rmsprop --gradient-decay 0.5 '--gradient-decay applies to adam only, not rmsprop'",
        "sgdm --squared-gradient-decay 0.5 '--squared-gradient-decay applies to adam and"
                + " rmsprop only, not sgdm'",
        "trainscg --batch 16 '--batch applies to the mini-batch solvers sgdm, rmsprop, adam and"
                + " sgd, not trainscg, which trains on the full batch'",
        "traingd --schedule piecewise '--schedule applies to the mini-batch solvers sgdm,"
                + " rmsprop, adam and sgd, not traingd, which trains on the full batch'",
        "trainrp --drop-period 5 '--drop-period applies to the mini-batch solvers sgdm,"
                + " rmsprop, adam and sgd, not trainrp, which trains on the full batch'",
        "sgdm --epsilon 1e-6 '--epsilon applies to adam and rmsprop only, not sgdm'",
        "trainscg --epsilon 1e-6 '--epsilon applies to adam and rmsprop only, not trainscg'",
        "trainscg --shuffle never '--shuffle applies to the mini-batch solvers sgdm, rmsprop,"
                + " adam and sgd, not trainscg, which trains on the full batch'",
        "trainrp --shuffle every-epoch '--shuffle applies to the mini-batch solvers sgdm,"
                + " rmsprop, adam and sgd, not trainrp, which trains on the full batch'",
        "adam --drop-factor 0.5 '--drop-factor applies with --schedule piecewise only, got"
                + " --schedule none'"})
    void anOptionOfAnotherSolverIsRefused(String solver, String option, String value,
            String message) {
        CommandRunner run = train("--solver", solver, option, value);

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: " + message + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void momentumOfOneWithAdamIsRefusedAsNotApplyingRatherThanOutOfRange() {
        CommandRunner run = train("--solver", "adam", "--momentum", "1");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--momentum applies to sgdm").doesNotContain("[0, 1]");
    }

    @Test
    void labelsWithoutTheirDataAreRefused() {
        CommandRunner test = train("--test-labels", "labels.idx");
        CommandRunner validation = train("--validation-labels", "labels.idx");

        assertThat(test.status()).isEqualTo(2);
        assertThat(test.err()).startsWith("descent: --test-labels applies with --test-data only");
        assertThat(validation.status()).isEqualTo(2);
        assertThat(validation.err()).startsWith(
                "descent: --validation-labels applies with --validation-data only");
    }

    @Test
    void optionsThatApplyAreAccepted() {
        CommandRunner run = train("--solver", "sgdm", "--momentum", "0.5", "--epochs", "1",
                "--schedule", "piecewise", "--drop-factor", "0.5", "--drop-period", "1",
                "--plots", "none");

        assertThat(run.status()).as(run.err()).isZero();
    }

    @Test
    void keepingThePartialBatchIsRefusedWithAFullBatchFunction() {
        CommandRunner run = train("--solver", "trainscg", "--keep-partial-batch");

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: --keep-partial-batch applies to the mini-batch"
                + " solvers sgdm, rmsprop, adam and sgd, not trainscg, which trains on the full"
                + " batch" + System.lineSeparator());
    }

    @Test
    void epsilonAndShuffleApplyToRmsprop() {
        CommandRunner run = train("--solver", "rmsprop", "--epsilon", "1e-6", "--shuffle",
                "every-epoch", "--epochs", "1", "--plots", "none");

        assertThat(run.status()).as(run.err()).isZero();
    }

    @Test
    void digitsSweepAndLrRegimesRefuseABatchSizeForAFullBatchFunction() {
        String message = "descent: --batch applies to the mini-batch solvers sgdm, rmsprop, adam"
                + " and sgd, not trainscg, which trains on the full batch" + System.lineSeparator();
        for (String command : new String[] {"digits", "sweep", "lr-regimes"}) {
            CommandRunner run = CommandRunner.run(command, "--solver", "trainscg", "--batch",
                    "16", "--epochs", "1", "--out", temp.resolve(command).toString());

            assertThat(run.status()).as(command + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(command).isEqualTo(message);
        }
    }

    @Test
    void defaultsNeverCount() {
        CommandRunner run = train("--solver", "trainscg", "--epochs", "1", "--plots", "none");

        assertThat(run.status()).as(run.err()).isZero();
    }
}
