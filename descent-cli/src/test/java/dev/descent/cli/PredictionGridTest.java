package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.LabeledData;
import dev.descent.train.Classification;
import dev.descent.util.Rng;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predictions.png: green "Pred: a" when right, red "Pred: a (T: b)" when wrong. */
class PredictionGridTest {

    /** Pixels of exactly {@code colour} in the title strip of grid cell {@code k}. */
    private static int titlePixels(BufferedImage image, int k, Color colour) {
        int n = 0;
        for (int y = (k / 5) * 150; y < (k / 5) * 150 + 26; y++) {
            for (int x = (k % 5) * 150; x < (k % 5) * 150 + 150; x++) {
                n += (image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void rightPredictionsAreTitledGreenAndWrongOnesRedWithTheTrueLabel(@TempDir Path temp)
            throws IOException {
        // Three 2x2 images: black, white, grey; labels a, b, b; predicted a, b, a.
        float[] pixels = {0, 0, 0, 0, 1, 1, 1, 1, 0.5f, 0.5f, 0.5f, 0.5f};
        LabeledData truth = new LabeledData(pixels, 3, 4, new int[] {0, 1, 1},
                List.of("a", "b"), 2, 2);
        Classification predicted = new Classification(List.of("a", "b"), new int[] {0, 1, 0},
                new float[6]);
        Path file = temp.resolve("predictions.png");

        PredictionGrid.write(file, truth, predicted, new int[] {0, 1, 2});

        assertThat(PredictionGrid.title(predicted, truth, 0)).isEqualTo("Pred: a");
        assertThat(PredictionGrid.title(predicted, truth, 1)).isEqualTo("Pred: b");
        assertThat(PredictionGrid.title(predicted, truth, 2)).isEqualTo("Pred: a (T: b)");
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(750);
        assertThat(image.getHeight()).isEqualTo(150);
        for (int k = 0; k < 2; k++) {
            assertThat(titlePixels(image, k, PredictionGrid.RIGHT)).isGreaterThan(20);
            assertThat(titlePixels(image, k, PredictionGrid.WRONG)).isZero();
        }
        assertThat(titlePixels(image, 2, PredictionGrid.WRONG)).isGreaterThan(20);
        assertThat(titlePixels(image, 2, PredictionGrid.RIGHT)).isZero();
        // Each image fills its cell below the title: black, white and grey 128 at the centre.
        int centre = 26 + (150 - 26) / 2;
        assertThat(image.getRGB(75, centre) & 0xffffff).isEqualTo(0x000000);
        assertThat(image.getRGB(225, centre) & 0xffffff).isEqualTo(0xffffff);
        assertThat(image.getRGB(375, centre) & 0xffffff).isEqualTo(0x808080);
    }

    @Test
    void upToTwentyFiveDistinctRowsAreChosenWithTheSeed() {
        int[] chosen = PredictionGrid.choose(200, new Rng(5));

        assertThat(chosen).hasSize(25).doesNotHaveDuplicates().isSorted();
        assertThat(Arrays.stream(chosen).allMatch(i -> i >= 0 && i < 200)).isTrue();
        assertThat(PredictionGrid.choose(200, new Rng(5))).isEqualTo(chosen);
        assertThat(PredictionGrid.choose(200, new Rng(6))).isNotEqualTo(chosen);
        assertThat(PredictionGrid.choose(7, new Rng(5))).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }
}
