package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes the CSV fuzzer found (ReaderFuzzTest), kept as regression tests. */
class CsvFuzzRegressionTest {
    @TempDir Path folder;

    @Test
    void fileWithoutFinalLineBreakReadsItsLastRow() throws IOException {
        // Found by the fuzzer: after the end of the input the tokenizer read stale buffer
        // characters until an ArrayIndexOutOfBoundsException.
        Path file = Files.writeString(folder.resolve("a.csv"), "label,x\ncat,1\ndog,2");

        LabeledData data = CsvReader.read(file);

        assertThat(data.rows()).isEqualTo(2);
        assertThat(data.features()).containsExactly(1f, 2f);
        assertThat(data.classes()).containsExactly("cat", "dog");
    }

    @Test
    void singleFieldWithoutLineBreakIsMalformedNotACrash() throws IOException {
        Path file = Files.writeString(folder.resolve("b.csv"), "\u0661");

        assertThatThrownBy(() -> CsvReader.read(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageStartingWith("b.csv");
    }

    @Test
    void dataRowWiderThanTheHeaderIsMalformedNotACrash() throws IOException {
        // Found by the fuzzer: the default label column was chosen from the first data row
        // (its first non-numeric field, column 3) and then looked up in a 2-column header.
        for (String label : new String[] {"", "2", "label"}) {
            Path file = Files.writeString(folder.resolve("c.csv"), "label,b\n1,2,x,4\n");

            assertThatThrownBy(() -> {
                LabeledData unused = switch (label) {
                    case "" -> CsvReader.read(file);
                    case "2" -> CsvReader.read(file, 2);
                    default -> CsvReader.read(file, label);
                };
            }).isInstanceOf(MalformedDataException.class)
                    .hasMessage("c.csv line 2: 4 columns, expected 2");
        }
    }
}
