package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which CSV column holds the labels: said on the output, and refused when it looks wrong. */
class LabelColumnTest {
    @TempDir Path temp;

    /** Iris-like rows: four measurements and a numeric species 0, 1 or 2 in the last column. */
    private Path numericSpecies() throws IOException {
        StringBuilder csv = new StringBuilder(
                "sepal_length,sepal_width,petal_length,petal_width,species\n");
        for (int i = 0; i < 30; i++) {
            int k = i % 3;
            csv.append(4.5 + k + 0.07 * i).append(',').append(3.0 + 0.01 * i).append(',')
                    .append(1.4 + 2 * k + 0.03 * i).append(',').append(0.2 + k + 0.005 * i)
                    .append(',').append(k).append('\n');
        }
        return Files.writeString(temp.resolve("iris.csv"), csv);
    }

    @Test
    void patternnetRefusesAContinuousDefaultColumnAndNamesIt() throws IOException {
        Path data = numericSpecies();

        CommandRunner run = CommandRunner.run("patternnet", "--data", data.toString(),
                "--plots", "none", "--out", temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("descent: --data " + data + ": every column is numeric,"
                + " so the labels were taken from column 1 'sepal_length', but its values look"
                + " continuous (30 distinct in 30 rows, not all whole numbers)")
                .contains("pass --label-column NAME|N");
    }

    @Test
    void patternnetAndTrainSayWhichColumnHeldTheLabels() throws IOException {
        Path data = numericSpecies();

        CommandRunner pattern = CommandRunner.run("patternnet", "--data", data.toString(),
                "--label-column", "species", "--plots", "none", "--out",
                temp.resolve("p").toString());
        CommandRunner train = CommandRunner.run("train", "--data", data.toString(),
                "--label-column", "5", "--layers", "fc:3,softmax", "--epochs", "1",
                "--plots", "none", "--out", temp.resolve("t").toString());

        assertThat(pattern.status()).as(pattern.err()).isZero();
        assertThat(pattern.out()).contains("Labels: column 5 'species' (3 classes)",
                "Data: 30 observations, 4 features, 3 classes");
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("Labels: column 5 'species' (3 classes)");
    }

    @Test
    void aDefaultNumericColumnOfFewWholeNumbersIsKept() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            csv.append(i % 2).append(',').append(i % 2 * 5 + 0.1 * i).append('\n');
        }
        Path data = Files.writeString(temp.resolve("plain.csv"), csv);

        CommandRunner run = CommandRunner.run("train", "--data", data.toString(), "--layers",
                "fc:2,softmax", "--epochs", "1", "--plots", "none", "--out",
                temp.resolve("o").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("Labels: column 1 (2 classes)");
    }

    @Test
    void aHeaderWithoutRowsIsSaidSo() throws IOException {
        Path data = Files.writeString(temp.resolve("empty.csv"), "a,b,label\n");

        CommandRunner run = CommandRunner.run("train", "--data", data.toString(), "--out",
                temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: empty.csv has a header but no data rows"
                + System.lineSeparator());
    }
    @Test
    void aColumnNumberOutOfRangeIsRefusedNamingTheOption() throws IOException {
        Path data = numericSpecies();
        for (String column : new String[] {"0", "6", "99999999999"}) {
            CommandRunner run = CommandRunner.run("train", "--data", data.toString(),
                    "--label-column", column, "--layers", "fc:3,softmax", "--epochs", "1",
                    "--plots", "none", "--out", temp.resolve("t" + column).toString());

            assertThat(run.status()).as(column).isEqualTo(2);
            assertThat(run.err()).isEqualTo("descent: --label-column " + column + ": " + data
                    + " has 5 columns; pass a column number from 1 to 5 or a header name"
                    + System.lineSeparator());
        }
        // A digit of another script is a header name, which this file does not have.
        CommandRunner arabic = CommandRunner.run("train", "--data", data.toString(),
                "--label-column", "\u0665", "--layers", "fc:3,softmax", "--epochs", "1",
                "--plots", "none", "--out", temp.resolve("ta").toString());
        assertThat(arabic.status()).isEqualTo(2);
        assertThat(arabic.err()).contains("no column named '\u0665'");
    }
    @Test
    void anEmptyColumnOptionIsRefusedAsEmpty() throws IOException {
        Path data = numericSpecies();
        CommandRunner train = CommandRunner.run("train", "--data", data.toString(),
                "--label-column", "", "--layers", "fc:3,softmax", "--out",
                temp.resolve("t").toString());
        CommandRunner fitnet = CommandRunner.run("fitnet", "--data", data.toString(),
                "--target", " ", "--out", temp.resolve("f").toString());

        assertThat(train.status()).isEqualTo(2);
        assertThat(train.err()).isEqualTo("descent: --label-column is empty; pass a column"
                + " number from 1 or a header name" + System.lineSeparator());
        assertThat(fitnet.status()).isEqualTo(2);
        assertThat(fitnet.err()).isEqualTo("descent: --target is empty; pass a column number"
                + " from 1 or a header name (default: the last column)"
                + System.lineSeparator());
    }
}
