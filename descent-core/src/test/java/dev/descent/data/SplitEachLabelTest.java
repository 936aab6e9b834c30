package dev.descent.data;

import static dev.descent.data.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.descent.util.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitEachLabelTest {
    @TempDir Path root;

    /** Case B13: label folders A (5 images), B (3) and C (1). */
    private ImageDatastore tinyClasses() throws IOException {
        int value = 0;
        for (String label : List.of("A", "B", "C")) {
            int count = label.equals("A") ? 5 : label.equals("B") ? 3 : 1;
            for (int i = 0; i < count; i++) {
                png(root.resolve(label + "/" + i + ".png"), TestImages.uniformGrey(1, 1, value++));
            }
        }
        return ImageDatastore.fromFolder(root);
    }

    /** {@code perLabel} in-memory 1x1 images for each of the labels. */
    private static ImageDatastore memory(int perLabel, String... labels) {
        List<String> names = new ArrayList<>();
        List<String> labelNames = new ArrayList<>();
        for (String label : labels) {
            for (int i = 0; i < perLabel; i++) {
                names.add(String.format("%s/%03d.png", label, i));
                labelNames.add(label);
            }
        }
        byte[] pixels = new byte[names.size()];
        MemoryImageSource source = new MemoryImageSource("memory", 1, 1, pixels, names);
        return ImageDatastore.of(source, names, labelNames);
    }

    @Test
    void fractionRoundsDownPerLabelAndWarnsAboutEmptyLabels() throws IOException {
        ImageDatastore images = tinyClasses();

        DatastoreSplit split = images.splitEachLabel(new Rng(1), 0.7);

        assertThat(split.parts()).hasSize(2);
        assertThat(split.part(1).countEachLabel())
                .containsExactly(entry("A", 3), entry("B", 2), entry("C", 0));
        assertThat(split.part(2).countEachLabel())
                .containsExactly(entry("A", 2), entry("B", 1), entry("C", 1));
        assertThat(split.warnings()).containsExactly("label C has no files in part 1");
        assertDisjointAndComplete(images, split);
    }

    @Test
    void countOfOneTakesOneFilePerLabel() throws IOException {
        ImageDatastore images = tinyClasses();

        DatastoreSplit split = images.splitEachLabel(new Rng(1), 1);

        assertThat(split.part(1).countEachLabel())
                .containsExactly(entry("A", 1), entry("B", 1), entry("C", 1));
        assertThat(split.part(2).countEachLabel())
                .containsExactly(entry("A", 4), entry("B", 2), entry("C", 0));
        assertThat(split.warnings()).containsExactly("label C has no files in part 2");
        assertDisjointAndComplete(images, split);
    }

    @Test
    void countsAboveTheSmallestLabelAreAnErrorNamingIt() throws IOException {
        ImageDatastore images = tinyClasses();

        assertThatThrownBy(() -> images.splitEachLabel(new Rng(1), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split counts must sum to <= 1, the size of the smallest label C"
                        + " (1 file), got 2");
    }

    @Test
    void withoutRngTheFirstFilesOfEachLabelAreTaken() throws IOException {
        ImageDatastore images = tinyClasses();

        DatastoreSplit split = images.splitEachLabel(0.7);

        assertThat(split.part(1).files())
                .containsExactly("A/0.png", "A/1.png", "A/2.png", "B/0.png", "B/1.png");
        assertThat(split.part(2).files()).containsExactly("A/3.png", "A/4.png", "B/2.png",
                "C/0.png");
    }

    @Test
    void severalFractionsEachRoundDownAndTheLastPartGetsTheRest() {
        ImageDatastore images = memory(10, "x", "y");

        DatastoreSplit split = images.splitEachLabel(new Rng(5), 0.25, 0.25);

        assertThat(split.parts()).hasSize(3);
        assertThat(split.part(1).countEachLabel()).containsExactly(entry("x", 2), entry("y", 2));
        assertThat(split.part(2).countEachLabel()).containsExactly(entry("x", 2), entry("y", 2));
        assertThat(split.part(3).countEachLabel()).containsExactly(entry("x", 6), entry("y", 6));
        assertThat(split.warnings()).isEmpty();
        assertDisjointAndComplete(images, split);
    }

    @Test
    void decimalFractionsAreNotLostToRounding() {
        ImageDatastore images = memory(100, "x");

        DatastoreSplit split = images.splitEachLabel(0.29);

        // 100 * 0.29 is 28.999999999999996 in binary floating point.
        assertThat(split.part(1).size()).isEqualTo(29);
    }

    @Test
    void randomizedPartsKeepFileOrder() {
        ImageDatastore images = memory(50, "a", "b", "c");

        DatastoreSplit split = images.splitEachLabel(new Rng(42), 0.5);

        for (ImageDatastore part : split.parts()) {
            assertThat(part.files()).isSorted();
        }
        assertThat(split.part(1).files()).isNotEqualTo(images.files().subList(0, 25));
    }

    @Test
    void equalSeedsGiveEqualSplitsAndAnotherSeedDiffers() {
        ImageDatastore images = memory(40, "a", "b");

        List<String> first = images.splitEachLabel(new Rng(7), 0.5).part(1).files();
        new Rng(99).nextLong();
        List<String> again = images.splitEachLabel(new Rng(7), 0.5).part(1).files();
        List<String> other = images.splitEachLabel(new Rng(8), 0.5).part(1).files();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first).hasSize(40);
    }

    @Test
    void partsKeepTheFullClassListAndEmptyPartsReadAsZeroRows() throws IOException {
        ImageDatastore images = memory(2, "a", "b");

        DatastoreSplit split = images.splitEachLabel(2);
        LabeledData empty = split.part(2).readAll();

        assertThat(split.part(2).size()).isZero();
        assertThat(empty.rows()).isZero();
        assertThat(empty.cols()).isEqualTo(1);
        assertThat(empty.classes()).containsExactly("a", "b");
        assertThat(split.warnings()).containsExactly("label a has no files in part 2",
                "label b has no files in part 2");
    }

    @Test
    void labelsMissingFromADatastoreDoNotLimitCounts() {
        ImageDatastore onlyA = memory(3, "a", "b").subset(new int[] {0, 1, 2});

        DatastoreSplit split = onlyA.splitEachLabel(2);

        assertThat(split.part(1).countEachLabel()).containsExactly(entry("a", 2), entry("b", 0));
        assertThat(split.part(2).countEachLabel()).containsExactly(entry("a", 1), entry("b", 0));
        assertThat(split.warnings()).isEmpty();
    }

    @Test
    void invalidValuesAreRejectedWithTheRule() {
        ImageDatastore images = memory(4, "a");

        assertThatThrownBy(() -> images.splitEachLabel(0.5, 2))
                .hasMessage("split values must be all fractions (< 1) or all counts (at least 1),"
                        + " got [0.5, 2.0]");
        assertThatThrownBy(() -> images.splitEachLabel(0.6, 0.5))
                .hasMessage("split fractions must sum to <= 1, got 1.1 [0.6, 0.5]");
        assertThatThrownBy(() -> images.splitEachLabel(1.5))
                .hasMessage("split counts must be whole numbers, got 1.5");
        assertThatThrownBy(() -> images.splitEachLabel(0))
                .hasMessage("split values must be finite and greater than 0, got 0.0");
        assertThatThrownBy(images::splitEachLabel)
                .hasMessage("split values must be given, got none");
    }

    static void assertDisjointAndComplete(ImageDatastore whole, DatastoreSplit split) {
        List<String> all = new ArrayList<>();
        for (ImageDatastore part : split.parts()) {
            all.addAll(part.files());
        }
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(whole.files());
    }
}
