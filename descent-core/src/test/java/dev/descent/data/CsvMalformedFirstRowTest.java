package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed number is neither a header name nor a label: it is refused where it stands. */
class CsvMalformedFirstRowTest {
    @TempDir Path folder;

    @Test
    void aMalformedNumberInTheFirstRowIsNotAHeader() throws IOException {
        // Used to be read as a header line, losing the first observation.
        Path file = Files.writeString(folder.resolve("d.csv"), "0x10,2,x\n3,4,y\n5,6,x\n");

        assertThatThrownBy(() -> CsvReader.read(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("d.csv line 1, column 1: '0x10' starts like a number but is not one;"
                        + " expected a plain decimal number such as 16 or 0.5");
    }

    @Test
    void aMalformedNumberInTheFirstDataRowIsNotALabel() throws IOException {
        // Used to make column a the labels.
        Path file = Files.writeString(folder.resolve("d.csv"), "a,b,t\n0x10,2,1\n3,4,0\n5,6,1\n");

        assertThatThrownBy(() -> CsvReader.read(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("d.csv line 2, column 1: '0x10' starts like a number but is not one;"
                        + " expected a plain decimal number such as 16 or 0.5");
    }

    @Test
    void aSignOrPointBeforeADigitStartsANumber() throws IOException {
        Path file = Files.writeString(folder.resolve("d.csv"), "1,-.5e,x\n3,4,y\n");

        assertThatThrownBy(() -> CsvReader.readFeatures(file))
                .hasMessageStartingWith("d.csv line 1, column 2: '-.5e' starts like a number");
    }

    @Test
    void headersOfNamesStillWork() throws IOException {
        Path file = Files.writeString(folder.resolve("d.csv"), "x1,x2,y\n1,2,a\n3,4,b\n");

        CsvReader.Labelled read = CsvReader.readLabelled(file, null, 0);

        assertThat(read.data().rows()).isEqualTo(2);
        assertThat(read.labelColumn()).isEqualTo(3);
        assertThat(read.labelHeader()).isEqualTo("y");
    }
}
