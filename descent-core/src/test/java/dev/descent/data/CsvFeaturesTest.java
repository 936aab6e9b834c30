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
