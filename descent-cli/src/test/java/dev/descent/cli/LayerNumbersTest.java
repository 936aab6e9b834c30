package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers inside {@code --layers} are plain decimal numbers, as every number option. */
class LayerNumbersTest {
    @TempDir Path temp;

    private String data() throws IOException {
        return Files.writeString(temp.resolve("d.csv"), "1,2,a\n2,1,b\n3,3,c\n").toString();
    }

    @Test
    void trainRefusesJavasDoubleSuffix() throws IOException {
        CommandRunner run = CommandRunner.run("train", "--data", data(),
                "--layers", "fc:8,dropout:0.5d,fc:3,softmax", "--out",
                temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: --layers: entry 2 \"dropout:0.5d\": the"
                + " probability must be a plain decimal number such as 0.3, found \"0.5d\""
                + System.lineSeparator());
    }

    @Test
    void trainRefusesNotANumberInWords() throws IOException {
        CommandRunner run = CommandRunner.run("train", "--data", data(),
                "--layers", "fc:8,dropout:NaN,fc:3,softmax", "--out", temp.resolve("o").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("found \"NaN\"").doesNotContain("For input string");
    }

    @Test
    void gradcheckRefusesAFloatSuffix() {
        CommandRunner run = CommandRunner.run("gradcheck", "--layers",
                "fc:3,leakyrelu:0.1f,fc:2,softmax");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--layers: entry 2 \"leakyrelu:0.1f\": the scale must be"
                + " a plain decimal number such as 0.01, found \"0.1f\"");
    }

    @Test
    void backpropRefusesAHexadecimalNumber() {
        CommandRunner run = CommandRunner.run("backprop", "--layers",
                "fc:3,dropout:0x0.8p-1,fc:1");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("entry 2 \"dropout:0x0.8p-1\": the probability must be"
                + " a plain decimal number such as 0.3, found \"0x0.8p-1\"");
    }
}
