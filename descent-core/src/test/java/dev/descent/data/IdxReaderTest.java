package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    /** Case B25: two 2x2 images and labels [3, 7]. */
    private static final String IMAGES = "00000803 00000002 00000002 00000002 0080FF01 10203040";
    private static final String LABELS = "00000801 00000002 0307";

    @TempDir Path dir;

    @Test
    void readsTwoImagesRowMajorWithUnsignedPixels() throws IOException {
        LabeledData data = IdxReader.readLabeled(file("images.idx", IMAGES),
                file("labels.idx", LABELS));

        assertThat(data.rows()).isEqualTo(2);
        assertThat(data.cols()).isEqualTo(4);
        assertThat(data.imageHeight()).isEqualTo(2);
        assertThat(data.imageWidth()).isEqualTo(2);
        assertThat(Arrays.copyOfRange(data.features(), 0, 4))
                .containsExactly(0f, 128 / 255f, 1f, 1 / 255f);
        assertThat(Arrays.copyOfRange(data.features(), 4, 8))
                .containsExactly(16 / 255f, 32 / 255f, 48 / 255f, 64 / 255f);
        assertThat(data.classes()).containsExactly("3", "7");
        assertThat(data.labelName(0)).isEqualTo("3");
        assertThat(data.labelName(1)).isEqualTo("7");
    }

    @Test
    void imagesAloneAreReadAsRowsOfPixelsOver255() throws IOException {
        IdxReader.Images images = IdxReader.readImages(file("images.idx", IMAGES));

        assertThat(images.rows()).isEqualTo(2);
        assertThat(images.cols()).isEqualTo(4);
        assertThat(images.features()).containsExactly(0f, 128 / 255f, 1f, 1 / 255f,
                16 / 255f, 32 / 255f, 48 / 255f, 64 / 255f);
        Path labels = file("labels.idx", LABELS);
        assertThatThrownBy(() -> IdxReader.readImages(labels))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage(labels + ": 1 dimension, expected 2 to 4 (the image count, then the"
                        + " size of one image)");
    }

    @Test
    void theFirstImagesOnlyKeepTheFilesClassList() throws IOException {
        LabeledData first = IdxReader.readLabeled(file("images.idx", IMAGES),
                file("labels.idx", LABELS), 1);

        assertThat(first.rows()).isEqualTo(1);
        assertThat(first.features()).containsExactly(0f, 128 / 255f, 1f, 1 / 255f);
        assertThat(first.labelName(0)).isEqualTo("3");
        // "7" belongs to the second image only, and is still a class.
        assertThat(first.classes()).containsExactly("3", "7");
        assertThat(IdxReader.readLabeled(file("images.idx", IMAGES),
                file("labels.idx", LABELS), 5).rows()).isEqualTo(2);
        assertThatThrownBy(() -> IdxReader.readLabeled(file("images.idx", IMAGES),
                file("labels.idx", LABELS), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxImages must be at least 1, got 0");
    }

    @Test
    void readsGzipDetectedByItsFirstBytesNotItsName() throws IOException {
        Path images = dir.resolve("images.idx");
        Files.write(images, gzip(hex(IMAGES)));

        LabeledData data = IdxReader.readLabeled(images, file("labels.idx", LABELS));

        assertThat(data.features()[1]).isEqualTo(128 / 255f);
        assertThat(data.features()[7]).isEqualTo(64 / 255f);
    }

    @Test
    void truncatedImagesFileNamesExpectedAndFoundPixelBytes() throws IOException {
        String truncated = IMAGES.substring(0, IMAGES.length() - 2);
        Path images = file("images.idx", truncated);

        assertThatThrownBy(() -> IdxReader.readLabeled(images, file("labels.idx", LABELS)))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageStartingWith(images.toString())
                .hasMessageContaining("expected 8 pixel bytes, found 7")
                .hasMessageContaining("truncated");
    }

    @Test
    void truncatedDataInsideCompleteGzipStreamIsReported() throws IOException {
        Path images = dir.resolve("images.idx.gz");
        Files.write(images, gzip(hex(IMAGES.substring(0, IMAGES.length() - 2))));

        assertThatThrownBy(() -> IdxReader.read(images))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("expected 8 data bytes, found 7");
    }

    @Test
    void cutGzipStreamFailsWithMalformedDataNotEof() throws IOException {
        byte[] whole = gzip(hex(IMAGES));
        Path images = dir.resolve("images.idx.gz");
        Files.write(images, Arrays.copyOf(whole, whole.length - 12));

        assertThatThrownBy(() -> IdxReader.read(images))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageStartingWith(images.toString());
    }

    @Test
    void countMismatchNamesBothCounts() throws IOException {
        Path labels = file("labels.idx", "00000801 00000003 030701");

        assertThatThrownBy(() -> IdxReader.readLabeled(file("images.idx", IMAGES), labels))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("holds 2 images")
                .hasMessageContaining("holds 3 labels");
    }

    @Test
    void byteSwappedMagicIsRejected() throws IOException {
        Path images = file("images.idx", "03080000" + IMAGES.substring(8));

        assertThatThrownBy(() -> IdxReader.read(images))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("magic number 0x03080000")
                .hasMessageContaining("swapped");
    }

    @Test
    void otherDataTypesAreRejected() throws IOException {
        Path floats = file("floats.idx", "00000D01 00000001 3F800000");

        assertThatThrownBy(() -> IdxReader.read(floats))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("data type 0x0D, expected 0x08");
    }

    @Test
    void dimensionCountOutsideOneToFourIsRejected() throws IOException {
        Path none = file("none.idx", "00000800");
        Path five = file("five.idx", "00000805 00000001 00000001 00000001 00000001 00000001 00");

        assertThatThrownBy(() -> IdxReader.read(none))
                .hasMessageContaining("0 dimensions in the IDX header, expected 1 to 4");
        assertThatThrownBy(() -> IdxReader.read(five))
                .hasMessageContaining("5 dimensions in the IDX header, expected 1 to 4");
    }

    @Test
    void headerShorterThanDeclaredIsRejected() throws IOException {
        Path shortHeader = file("short.idx", "00000803 00000002 0000");

        assertThatThrownBy(() -> IdxReader.read(shortHeader))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("ends inside the 16-byte IDX header");
    }

    @Test
    void hugeDeclaredSizeWithLittleDataFailsBeforeAllocating() throws IOException {
        String header = "00000801 7FFFFFF0 01020304";
        Path raw = file("raw.idx", header);
        Path gzipped = dir.resolve("gzipped.idx");
        Files.write(gzipped, gzip(hex(header)));
        Path tooMany = file("many.idx", "00000803 7FFFFFFF 7FFFFFFF 7FFFFFFF");

        assertThatThrownBy(() -> IdxReader.read(raw))
                .hasMessageContaining("expected 2147483632 data bytes, found 4");
        assertThatThrownBy(() -> IdxReader.read(gzipped))
                .hasMessageContaining("expected 2147483632 data bytes, found 4");
        assertThatThrownBy(() -> IdxReader.read(tooMany))
                .hasMessageContaining("too many for one array");
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        Path raw = file("raw.idx", LABELS + "09");
        Path gzipped = dir.resolve("gzipped.idx");
        Files.write(gzipped, gzip(hex(LABELS + "09")));

        assertThatThrownBy(() -> IdxReader.read(raw))
                .hasMessageContaining("expected 2 data bytes, found 3; the file has trailing data");
        assertThatThrownBy(() -> IdxReader.read(gzipped))
                .hasMessageContaining("expected 2 data bytes, found more");
    }

    @Test
    void classesAreSortedByCharacterCode() throws IOException {
        Path images = file("images.idx", "00000802 00000003 00000001 000000");
        Path labels = file("labels.idx", "00000801 00000003 0A0201");

        LabeledData data = IdxReader.readLabeled(images, labels);

        assertThat(data.classes()).containsExactly("1", "10", "2");
        assertThat(data.labels()).containsExactly(1, 2, 0);
        assertThat(data.isImages()).isFalse();
    }

    @Test
    void labelsFileMustBeOneDimensional() throws IOException {
        Path labels = file("labels.idx", "00000802 00000002 00000001 0307");

        assertThatThrownBy(() -> IdxReader.readLabeled(file("images.idx", IMAGES), labels))
                .hasMessageContaining("2 dimensions, expected 1");
    }

    @Test
    void readsFromStreams() throws IOException {
        IdxArray array = IdxReader.read(new ByteArrayInputStream(gzip(hex(LABELS))), "labels");

        assertThat(array.dimensions()).containsExactly(2);
        assertThat(array.unsigned(0)).isEqualTo(3);
        assertThat(array.unsigned(1)).isEqualTo(7);
    }

    @Test
    void writerRoundTripsLabeledImagesRawAndGzipped() throws IOException {
        LabeledData original = IdxReader.readLabeled(file("images.idx", IMAGES),
                file("labels.idx", LABELS));
        Path images = dir.resolve("out-images.gz");
        Path labels = dir.resolve("out-labels");

        IdxWriter.writeLabeled(images, labels, original);
        LabeledData copy = IdxReader.readLabeled(images, labels);

        assertThat(Files.readAllBytes(images)).startsWith((byte) 0x1f, (byte) 0x8b);
        assertThat(Files.readAllBytes(labels)).containsExactly(hex(LABELS));
        assertThat(copy.features()).containsExactly(original.features());
        assertThat(copy.classes()).isEqualTo(original.classes());
        assertThat(copy.imageHeight()).isEqualTo(2);
    }

    @Test
    void writerRefusesClassNamesThatAreNotBytes() {
        LabeledData data = new LabeledData(new float[] {0.5f}, 1, 1, new int[] {0},
                List.of("cat"));

        assertThatThrownBy(() -> IdxWriter.writeLabeled(dir.resolve("i"), dir.resolve("l"), data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 'cat'");
    }

    private Path file(String name, String hexBytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, hex(hexBytes));
        return file;
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
