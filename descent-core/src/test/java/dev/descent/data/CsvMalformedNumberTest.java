package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A malformed number is quoted whole with its column, not blamed on a label. */
class CsvMalformedNumberTest {
    @TempDir Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"0x10", "1_000", "1d"})
    void inTheFirstRowItIsNamedBesideTheLabel(String value) throws IOException {
        // The first text value used to be taken as the label column, and the real label was
        // then reported as "'x' is not a number"; a malformed number is now refused itself.
        Path file = Files.writeString(folder.resolve("bad.csv"),
                "a,b,label\n" + value + ",1,x\n2,3,y\n");

        assertThatThrownBy(() -> CsvReader.read(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("bad.csv line 2, column 1: '" + value + "' starts like a number but"
                        + " is not one; expected a plain decimal number such as 16 or 0.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x10", "1_000", "1d"})
    void withTheLabelColumnNamedItIsQuotedWhole(String value) throws IOException {
        Path file = Files.writeString(folder.resolve("bad.csv"),
                "a,b,label\n" + value + ",1,x\n2,3,y\n");

        assertThatThrownBy(() -> CsvReader.read(file, "label"))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("bad.csv line 2, column 1: '" + value + "' is not a number"
                        + " (observation 1, feature 1)");
    }
}
