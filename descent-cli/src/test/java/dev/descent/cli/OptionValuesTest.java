package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Option values that are refused before anything runs: exit status 2, one line naming the
 * option, nothing on stdout.
 */
class OptionValuesTest {
    private static final String IRIS = "../descent-core/src/test/resources/dev/descent/shallow/"
            + "iris.csv";

    @TempDir Path temp;

    private String out() {
        return temp.resolve("out").toString();
    }

    private static void assertRefused(CommandRunner run, String message) {
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        // The whole message: a prefix would let "got -1" pass for "got -1.0".
        assertThat(run.err().strip()).matches(java.util.regex.Pattern.quote("descent: "
                + message) + "( \\(try '[^']*'\\))?");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "digits --learn-rate NaN",
        "digits --dropout NaN",
        "train --learn-rate NaN",
        "train --squared-gradient-decay NaN",
        "train --gradient-decay NaN",
        "train --momentum Infinity",
        "train --epsilon NaN",
        "train --validation-split NaN",
        "train --drop-factor NaN",
        "sweep --learn-rate 0.1,NaN",
        "lr-regimes --learn-rate NaN",
        "backprop --x 1,NaN",
        "backprop --lr -Infinity",
        "gradcheck --tolerance Infinity",
        "patternnet --goal NaN",
        "fitnet --min-grad NaN",
        "train --l2 1d"})
    void aNumberThatIsNotFiniteIsRefusedNamingTheOption(String command, String option,
            String value) {
        String[] args = command.equals("train")
                ? new String[] {command, "--data", IRIS, option, value, "--out", out()}
                : new String[] {command, option, value, "--out", out()};
        if (command.equals("backprop") || command.equals("gradcheck")) {
            args = new String[] {command, option, value};
        }

        CommandRunner run = CommandRunner.run(args);

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("descent: invalid value for option '" + option + "'")
                .contains("expected a finite number such as 0.01 or 1e-3, got '"
                + value.substring(value.lastIndexOf(',') + 1) + "'");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void aGradientDecayOfOneIsRefusedBeforeTheHeaderNamingTheOption() {
        CommandRunner run = CommandRunner.run("train", "--data", IRIS, "--gradient-decay", "1",
                "--layers", "fc:3,softmax", "--out", out());

        assertRefused(run, "--gradient-decay must be in [0, 1), got 1");
    }

    @Test
    void aLearnRateIsRefusedWithASolverThatHasNone() {
        String message = "--learn-rate applies to sgdm, rmsprop, adam, sgd, traingd, traingdm,"
                + " traingda and traingdx, not trainscg, which has no learning rate";

        assertRefused(CommandRunner.run("digits", "--solver", "trainscg", "--learn-rate", "0.5",
                "--out", out()), message);
        assertRefused(CommandRunner.run("train", "--data", IRIS, "--solver", "trainscg",
                "--learn-rate", "0.5", "--out", out()), message);
        assertRefused(CommandRunner.run("sweep", "--solver", "trainscg", "--learn-rate", "0.5",
                "--out", out()), message);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
        "--max-fail;-1;--max-fail (max_fail) must be at least 0, got -1",
        "--goal;-1;--goal must be at least 0, got -1",
        "--min-grad;-1;--min-grad (min_grad) must be at least 0, got -1",
        "--epochs;-1;--epochs must be at least 0, got -1"})
    void patternnetNamesItsOwnOptions(String option, String value, String message) {
        CommandRunner run = CommandRunner.run("patternnet", "--digits", "20", option, value,
                "--out", out());

        assertRefused(run, message);
    }

    @Test
    void patternnetRefusesANegativeLearnRateBeforeTraining() {
        CommandRunner run = CommandRunner.run("patternnet", "--digits", "20", "--train-fcn",
                "traingd", "--learn-rate", "-1", "--out", out());

        assertRefused(run, "--learn-rate (lr) must be greater than 0, got -1");
    }

    @Test
    void gradcheckNamesPrecision() {
        assertRefused(CommandRunner.run("gradcheck", "--precision", "half"),
                "--precision must be float32 or float64, got half");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "backprop|fc:3,foo|--layers: unknown layer \"foo\"; expected input:N, fc:N, relu,"
                + " leakyrelu[:s], tanh, sigmoid, linear, dropout[:p], softmax, classification"
                + " or regression",
        "gradcheck|fc:3,softmax,relu|--layers: layer 3 (softmax) of input:3,fc:3,softmax,relu,"
                + "regression: a softmax must come directly before the output layer, found relu"
                + " after it",
        "gradcheck|fc:3,,softmax|--layers: entry 2 of \"fc:3,,softmax\" is empty",
        "gradcheck|fc:3000000000,softmax|--layers: layer \"fc:3000000000\": the size must be a"
                + " whole number from 1 to 2147483647, found 3000000000",
        "gradcheck|2-3000000000-1|--layers: every size must be a whole number from 1 to"
                + " 2147483647, got '3000000000' in '2-3000000000-1'"})
    void aLayerListThatIsNotANetworkIsRefused(String command, String layers, String message) {
        assertRefused(CommandRunner.run(command, "--layers", layers), message);
    }

    @Test
    void trainRefusesAnEmptyLayerEntryAndASecondSoftmax() {
        assertRefused(CommandRunner.run("train", "--data", IRIS, "--layers",
                "fc:16,,fc:3,softmax", "--out", out()),
                "--layers: entry 2 of \"fc:16,,fc:3,softmax\" is empty");
        assertRefused(CommandRunner.run("train", "--data", IRIS, "--layers",
                "fc:3,softmax,softmax", "--out", out()), "--layers: layer 3 (softmax) of"
                + " input:4,fc:3,softmax,softmax,classification: a softmax must come directly"
                + " before the output layer, found softmax after it");
    }

    @Test
    void aMalformedNumberInTheFirstRowIsQuotedWholeWithItsColumn() throws IOException {
        Path data = Files.writeString(temp.resolve("bad.csv"), "a,b,label\n0x10,1,x\n2,3,y\n");

        CommandRunner run = CommandRunner.run("train", "--data", data.toString(), "--out",
                out());

        assertRefused(run, "bad.csv line 2, column 1: '0x10' starts like a number but is not"
                + " one; expected a plain decimal number such as 16 or 0.5");
    }

    @Test
    void aNumberThatRoundsToZeroIsQuotedAsGiven() {
        CommandRunner run = CommandRunner.run("train", "--data", IRIS, "--learn-rate", "1e-400",
                "--out", out());

        assertRefused(run, "invalid value for option '--learn-rate': '1e-400' rounds to 0; the"
                + " smallest number above 0 is 4.9E-324");
    }

    @Test
    void zeroWrittenAsZeroIsNotSaidToRound() {
        assertThat(Options.finite("0.000e-400")).isZero();
        assertThat(Options.finite("1e-320")).isPositive();
    }
    @Test
    void aRefusalQuotesTheValueAsTypedOnlyWhereItIsExactlyTheNumberJudged() {
        // 0.99999999999999999 is 1.0 in double precision: quoting it would hide the reason.
        assertRefused(CommandRunner.run("train", "--data", IRIS, "--validation-split",
                "0.99999999999999999", "--out", out()),
                "--validation-split must be in [0, 1), got 1.0");
        assertRefused(CommandRunner.run("digits", "--learn-rate", " -1", "--out", out()),
                "--learn-rate must be finite and greater than 0, got -1");
        assertRefused(CommandRunner.run("patternnet", "--digits", "20", "--goal", "-01",
                "--out", out()), "--goal must be at least 0, got -01");
    }
}
