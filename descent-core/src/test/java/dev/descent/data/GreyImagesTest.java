package dev.descent.data;

import static dev.descent.data.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GreyImagesTest {
    @TempDir Path dir;

    /** Case B20 (a). */
    @Test
    void eightBitGreyIsSampleOver255NotGammaConverted() throws IOException {
        Path file = png(dir.resolve("a.png"), TestImages.grey8(1, 2, 128, 255));

        GreyImage image = GreyImages.read(file);

        assertThat(image.values()).containsExactly(128 / 255f, 1f);
        assertThat(image.values()[0]).isCloseTo(0.50196f, within(1e-5f));
    }

    /** Case B20 (b). */
    @Test
    void sixteenBitGreyIsUnsignedSampleOver65535() throws IOException {
        Path file = png(dir.resolve("b.png"), TestImages.grey16(1, 4, 0, 65535, 32768, 257));

        GreyImage image = GreyImages.read(file);

        assertThat(image.values()).containsExactly(0f, 1f, (float) (32768 / 65535.0),
                (float) (257 / 65535.0));
        assertThat(image.values()[2]).isCloseTo(0.50001f, within(1e-5f));
        assertThat(image.values()[3]).isCloseTo(0.0039216f, within(1e-6f));
    }

    /** Case B21: MATLAB's policy, colour channels only, alpha ignored. */
    @Test
    void rgbaIgnoresAlpha() throws IOException {
        BufferedImage rgba = TestImages.rgba(2, 2, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255,
                255, 255, 255, 0);
        Path file = png(dir.resolve("rgba.png"), rgba);

        GreyImage image = GreyImages.read(file);

        assertThat(image.values()).containsExactly(0f, 0f, 1f, 1f);
    }

    @Test
    void pureRedMatchesGreyOf76AsMatlabRgb2gray() throws IOException {
        Path grey = png(dir.resolve("g.png"), TestImages.uniformGrey(28, 28, 76));
        int[] red = new int[28 * 28 * 3];
        for (int i = 0; i < red.length; i += 3) {
            red[i] = 255;
        }
        Path rgb = png(dir.resolve("r.png"), TestImages.rgb(28, 28, red));

        GreyImage fromGrey = GreyImages.read(grey);
        GreyImage fromRgb = GreyImages.read(rgb);

        assertThat(fromGrey.values()).hasSize(784).containsOnly(76 / 255f);
        assertThat(fromRgb.values()).hasSize(784).containsOnly(76 / 255f);
        assertThat(76 / 255f).isCloseTo(0.29804f, within(1e-5f));
    }

    @Test
    void rgbUsesRgb2grayWeightsRoundedToEightBits() throws IOException {
        Path file = png(dir.resolve("rgb.png"),
                TestImages.rgb(1, 3, 0, 255, 0, 0, 0, 255, 10, 20, 30));

        GreyImage image = GreyImages.read(file);

        // 0.5870 * 255 = 149.69; 0.1140 * 255 = 29.07; 2.989 + 11.74 + 3.42 = 18.15.
        assertThat(image.values()).containsExactly(150 / 255f, 29 / 255f, 18 / 255f);
    }

    @Test
    void paletteImagesGoThroughTheirPalette() throws IOException {
        int[] palette = {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255};
        Path file = png(dir.resolve("p.png"), TestImages.indexed(2, 2, palette, 0, 1, 2, 3));

        GreyImage image = GreyImages.read(file);

        assertThat(image.values()).containsExactly(76 / 255f, 150 / 255f, 29 / 255f, 1f);
    }

    @Test
    void sixteenBitRgbIsScaledBy65535() throws IOException {
        Path file = png(dir.resolve("rgb16.png"), TestImages.rgb16(1, 2, 65535, 0, 0,
                65535, 65535, 65535));

        GreyImage image = GreyImages.read(file);

        // 0.298936 * 65535 = 19590.8
        assertThat(image.values()[0]).isEqualTo((float) (19591 / 65535.0));
        assertThat(image.values()[1]).isEqualTo(1f);
    }

    @Test
    void otherFormatsDecodeToTheSameValues() throws IOException {
        BufferedImage grey = TestImages.grey8(1, 3, 0, 100, 255);
        int[] palette = {0, 0, 0, 100, 100, 100, 255, 255, 255};
        BufferedImage indexed = TestImages.indexed(1, 3, palette, 0, 1, 2);
        BufferedImage bgr = new BufferedImage(3, 1, BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(TestImages.rgb(1, 3, 0, 0, 0, 100, 100, 100, 255, 255, 255),
                0, 0, null);
        float[] expected = {0f, 100 / 255f, 1f};

        assertThat(decode("bmp", bgr).values()).containsExactly(expected);
        assertThat(decode("gif", indexed).values()).containsExactly(expected);
        assertThat(decode("tif", grey).values()).containsExactly(expected);
        assertThat(decode("jpg", TestImages.uniformGrey(8, 8, 100)).values()[0])
                .isCloseTo(100 / 255f, within(2 / 255f));
    }

    @Test
    void undecodableFileIsMalformedDataNamingIt() throws IOException {
        Path file = dir.resolve("broken.png");
        Files.writeString(file, "hello", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> GreyImages.read(file))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("cannot decode " + file + ": not a readable PNG, JPEG, BMP, GIF or"
                        + " TIFF image");
    }

    @Test
    void writtenPngReadsBackAsRoundedBytes() throws IOException {
        Path file = dir.resolve("out.png");
        float[] row = {9f, 0f, 0.5f, 1f, 0.25f};

        GreyImages.writePng(file, row, 1, 2, 2);
        GreyImage image = GreyImages.read(file);

        assertThat(image.height()).isEqualTo(2);
        assertThat(image.width()).isEqualTo(2);
        assertThat(image.values()).containsExactly(0f, 128 / 255f, 1f, 64 / 255f);
    }

    @Test
    void writePngRefusesValuesOutsideZeroToOne() {
        float[] values = {0f, Float.NaN};

        assertThatThrownBy(() -> GreyImages.writePng(dir.resolve("x.png"), values, 0, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pixel values must be in [0, 1], got NaN at row 1, column 2");
    }

    private GreyImage decode(String format, BufferedImage image) throws IOException {
        return GreyImages.read(TestImages.write(dir.resolve("image." + format), image, format));
    }

    @Test
    void aPaletteIndexBeyondThePaletteIsRefusedWithThePixel() {
        // Found by the fuzzer: a 4-bit palette image with 2 entries whose pixel says entry 3.
        java.awt.image.IndexColorModel palette = new java.awt.image.IndexColorModel(4, 2,
                new byte[] {0, (byte) 255}, new byte[] {0, (byte) 255},
                new byte[] {0, (byte) 255});
        BufferedImage image = new BufferedImage(palette,
                palette.createCompatibleWritableRaster(2, 2), false, null);
        image.getRaster().setSample(1, 1, 0, 3);

        assertThatThrownBy(() -> GreyImages.fromImage(image))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pixel (row 2, column 2) uses palette entry 3, but the palette has"
                        + " 2 entries");
        image.getRaster().setSample(1, 1, 0, 1);
        assertThat(GreyImages.fromImage(image).values()).containsExactly(0f, 0f, 0f, 1f);
    }
}
