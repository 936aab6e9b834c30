package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files without a label column: every column is a feature. */
class CsvFeaturesTest {
    @TempDir Path folder;

    @Test
    void everyColumnIsAFeatureAndTheHeaderIsSkipped() throws IOException {
        Path file = Files.writeString(folder.resolve("x.csv"), "a,b,c\n1,2.5,3\n\n-4,5e1,6\n");

        CsvReader.Features read = CsvReader.readFeatures(file);

        assertThat(read.rows()).isEqualTo(2);
        assertThat(read.cols()).isEqualTo(3);
        assertThat(read.values()).containsExactly(1f, 2.5f, 3f, -4f, 50f, 6f);
    }

    @Test
    void aFileWithoutHeaderKeepsItsFirstRow() throws IOException {
        Path file = Files.writeString(folder.resolve("x.csv"), "7\n8\n");

        CsvReader.Features read = CsvReader.readFeatures(file);

        assertThat(read.rows()).isEqualTo(2);
        assertThat(read.cols()).isEqualTo(1);
        assertThat(read.values()).containsExactly(7f, 8f);
    }

    @Test
    void aTextValueIsRefusedNamingFileLineAndColumn() throws IOException {
        Path file = Files.writeString(folder.resolve("x.csv"), "1,2\n3,cat\n");

        assertThatThrownBy(() -> CsvReader.readFeatures(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("x.csv line 2, column 2: 'cat' is not a number"
                        + " (observation 2, feature 2)");
    }

    @Test
    void aFileThatIsNotUtf8NamesTheLineAndByte() throws IOException {
        // "caf\u00e9" in Latin-1: 0xE9 is no UTF-8 sequence; line 1 has a valid two-byte one.
        byte[] latin1 = "x\u00e9,y\n1,2\n3,caf\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] mixed = new byte[latin1.length + 1];
        mixed[0] = 'x';
        mixed[1] = (byte) 0xc3; // the first line's e-acute in UTF-8
        mixed[2] = (byte) 0xa9;
        System.arraycopy(latin1, 2, mixed, 3, latin1.length - 2);
        Path file = Files.write(folder.resolve("x.csv"), mixed);
        String expected = "x.csv line 3: not UTF-8 text (byte 0xE9 at byte 6 of the line); save"
                + " the file as UTF-8 (Latin-1 and Windows-1252 files are not read)";

        assertThatThrownBy(() -> CsvReader.readFeatures(file))
                .isInstanceOf(MalformedDataException.class).hasMessage(expected);
        assertThatThrownBy(() -> CsvReader.read(file))
                .isInstanceOf(MalformedDataException.class).hasMessage(expected);
        assertThatThrownBy(() -> CsvReader.columns(file))
                .isInstanceOf(MalformedDataException.class).hasMessage(expected);
    }

    @Test
    void aShortRowIsRefusedWithExpectedAndFound() throws IOException {
        Path file = Files.writeString(folder.resolve("x.csv"), "1,2,3\n4,5\n");

        assertThatThrownBy(() -> CsvReader.readFeatures(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("x.csv line 2: 2 columns, expected 3");
    }

    @Test
    void aHeaderAloneHasNoDataRows() throws IOException {
        Path file = Files.writeString(folder.resolve("x.csv"), "width,height\n");

        assertThatThrownBy(() -> CsvReader.readFeatures(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("x.csv has a header but no data rows");
    }

    @Test
    void columnsCountsTheFirstNonBlankLine() throws IOException {
        Path file = Files.writeString(folder.resolve("x.csv"), "\n\"a,b\",c,d\n1,2,3\n");
        Path blank = Files.writeString(folder.resolve("blank.csv"), "\n \n");

        assertThat(CsvReader.columns(file)).isEqualTo(3);
        assertThat(CsvReader.columns(blank)).isZero();
    }
}
