package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image files whose header lies about their size. */
class HostileImagesTest {
    @TempDir Path root;

    /** A valid 1x1 grey PNG whose IHDR then declares {@code width x height} (CRC fixed). */
    static byte[] pngDeclaring(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(TestImages.uniformGrey(1, 1, 7), "png", out);
        byte[] png = out.toByteArray();
        ByteBuffer buffer = ByteBuffer.wrap(png);
        buffer.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return png;
    }

    @Test
    void pngDeclaringNineHundredMillionPixelsIsRefusedBeforeDecoding() throws IOException {
        Path file = Files.write(root.resolve("bomb.png"), pngDeclaring(30_000, 30_000));

        assertThatThrownBy(() -> GreyImages.read(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("cannot decode " + file + ": it declares 30000x30000 pixels"
                        + " (height x width), expected at least 1x1 and at most 67108864"
                        + " pixels");
    }

    @Test
    void pngDeclaringANegativeWidthIsMalformedData() throws IOException {
        Files.createDirectories(root.resolve("a"));
        Files.write(root.resolve("a/negative.png"), pngDeclaring(-5, 3));

        assertThatThrownBy(() -> ImageDatastore.fromFolder(root).readAll())
                .isInstanceOf(MalformedDataException.class)
                .hasMessageStartingWith("cannot decode a/negative.png");
    }

    @Test
    void bmpWithAnEmptyChannelMaskIsMalformedNotNaN() throws IOException {
        // Found by ReaderFuzzTest: a mutated BMP whose blue mask is 0 has 0-bit samples, whose
        // maximum 0 made every grey value NaN.
        Path file = root.resolve("mask.bmp");
        try (var in = HostileImagesTest.class.getResourceAsStream(
                "/dev/descent/data/empty-channel-mask.bmp")) {
            Files.copy(in, file);
        }

        assertThatThrownBy(() -> GreyImages.read(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("cannot use " + file + ": 0-bit samples are not supported");
    }
}
