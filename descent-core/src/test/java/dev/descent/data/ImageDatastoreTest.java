package dev.descent.data;

import static dev.descent.data.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatastoreTest {
    @TempDir Path root;

    /** Case B18: hidden and non-image files in label folders. */
    private void hiddenAndOtherFiles() throws IOException {
        png(root.resolve("cat/a.png"), TestImages.uniformGrey(2, 2, 10));
        png(root.resolve("cat/b.png"), TestImages.uniformGrey(2, 2, 20));
        png(root.resolve("dog/c.png"), TestImages.uniformGrey(2, 2, 30));
        png(root.resolve(".ipynb_checkpoints/a-checkpoint.png"), TestImages.uniformGrey(2, 2, 1));
        for (String junk : List.of("cat/Thumbs.db", "cat/.DS_Store", "dog/notes.txt",
                "dog/desktop.ini", ".DS_Store", "README.md")) {
            Files.writeString(root.resolve(junk), "junk");
        }
    }

    @Test
    void skipsHiddenAndNonImageFilesAndCountsThem() throws IOException {
        hiddenAndOtherFiles();

        ImageDatastore images = ImageDatastore.fromFolder(root);

        assertThat(images.classes()).containsExactly("cat", "dog");
        assertThat(images.files()).containsExactly("cat/a.png", "cat/b.png", "dog/c.png");
        assertThat(images.labels()).containsExactly("cat", "cat", "dog");
        assertThat(images.countEachLabel()).containsExactly(entry("cat", 2), entry("dog", 1));
        assertThat(images.skippedFiles()).isEqualTo(7);
        assertThat(images.note()).isEqualTo("skipped 4 files that are not"
                + " png/jpg/jpeg/bmp/gif/tif/tiff (e.g. README.md) and 3 hidden entries"
                + " (e.g. .DS_Store) under " + root);
        assertThat(images.readAll().features()).hasSize(12).startsWith(10 / 255f);
    }

    @Test
    void fileThatFailsToDecodeIsNamedByItsRelativePath() throws IOException {
        hiddenAndOtherFiles();
        Files.writeString(root.resolve("dog/broken.png"), "hello");
        ImageDatastore images = ImageDatastore.fromFolder(root);

        assertThat(images.size()).isEqualTo(4);
        assertThatThrownBy(images::readAll)
                .isInstanceOf(MalformedDataException.class)
                .hasMessageStartingWith("cannot decode dog/broken.png (under " + root + ")");
    }

    /** Case B23, the size part. */
    @Test
    void imageOfAnotherSizeIsNamedWithBothSizes() throws IOException {
        png(root.resolve("3/g.png"), TestImages.uniformGrey(28, 28, 76));
        png(root.resolve("3/big.png"), TestImages.uniformGrey(30, 30, 76));
        png(root.resolve("3/r.png"), TestImages.uniformGrey(28, 28, 76));
        ImageDatastore images = ImageDatastore.fromFolder(root);

        assertThatThrownBy(images::readAll)
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("image 3/big.png in " + root + " is 30x30 (height x width), expected"
                        + " 28x28, like 2 of the 3 images (e.g. 3/g.png)");
        assertThatThrownBy(() -> images.withImageSize(28, 28).readAll())
                .hasMessage("image 3/big.png in " + root + " is 30x30 (height x width), expected"
                        + " 28x28, the size asked for");
        assertThat(images.withImageSize(28, 28).read(new int[] {1, 2}).rows()).isEqualTo(2);
    }

    /** Case B23, the channel part: grey 76 and pure red both give 76/255. */
    @Test
    void readsMixedGreyAndRgbFilesToTheSameValues() throws IOException {
        png(root.resolve("3/g.png"), TestImages.uniformGrey(28, 28, 76));
        int[] red = new int[28 * 28 * 3];
        for (int i = 0; i < red.length; i += 3) {
            red[i] = 255;
        }
        png(root.resolve("3/r.png"), TestImages.rgb(28, 28, red));

        LabeledData data = ImageDatastore.fromFolder(root).readAll();

        assertThat(data.rows()).isEqualTo(2);
        assertThat(data.cols()).isEqualTo(784);
        assertThat(data.imageHeight()).isEqualTo(28);
        assertThat(data.features()).containsOnly(76 / 255f);
    }

    /** Case B24, the loading part (the save/load part is in io.ClassOrderRoundTripTest). */
    @Test
    void classesFollowCharacterOrderNotCreationOrder() throws IOException {
        png(root.resolve("10/x.png"), TestImages.grey8(2, 2, 0, 255, 255, 0));
        png(root.resolve("2/x.png"), TestImages.grey8(2, 2, 0, 0, 0, 0));
        png(root.resolve("1/x.png"), TestImages.grey8(2, 2, 255, 255, 255, 255));

        ImageDatastore images = ImageDatastore.fromFolder(root);
        LabeledData data = images.readAll();

        assertThat(images.classes()).containsExactly("1", "10", "2");
        assertThat(images.files()).containsExactly("1/x.png", "10/x.png", "2/x.png");
        assertThat(data.labels()).containsExactly(0, 1, 2);
        assertThat(data.labelName(1)).isEqualTo("10");
        assertThat(Arrays.copyOfRange(data.features(), 4, 8)).containsExactly(0f, 1f, 1f, 0f);
    }

    @Test
    void filesAreOrderedByPathWhateverTheirCreationOrder() throws IOException {
        for (String name : List.of("a/z.png", "a/image9001.png", "a/image10000.png", "a/B.png")) {
            png(root.resolve(name), TestImages.uniformGrey(1, 1, 0));
        }

        ImageDatastore images = ImageDatastore.fromFolder(root);

        assertThat(images.files())
                .containsExactly("a/B.png", "a/image10000.png", "a/image9001.png", "a/z.png");
    }

    @Test
    void extensionsMatchInAnyCaseAndNestedFilesTakeTheirParentFolder() throws IOException {
        TestImages.write(root.resolve("x/y/A.PNG"), TestImages.uniformGrey(1, 1, 0), "png");
        TestImages.write(root.resolve("x/b.JpEg"), TestImages.uniformGrey(1, 1, 0), "jpg");
        TestImages.write(root.resolve("x/c.TIFF"), TestImages.uniformGrey(1, 1, 0), "tif");
        TestImages.write(root.resolve("top.bmp"), TestImages.rgb(1, 1, 0, 0, 0), "bmp");
        Files.writeString(root.resolve("x/d.png.txt"), "no");

        ImageDatastore images = ImageDatastore.fromFolder(root);

        assertThat(images.files()).containsExactly("top.bmp", "x/b.JpEg", "x/c.TIFF", "x/y/A.PNG");
        assertThat(images.labels())
                .containsExactly(root.getFileName().toString(), "x", "x", "y");
        assertThat(images.skippedFiles()).isEqualTo(1);
    }

    @Test
    void singleClassFolderLoads() throws IOException {
        for (int i = 1; i <= 3; i++) {
            png(root.resolve("7/" + i + ".png"), TestImages.uniformGrey(2, 2, i));
        }

        LabeledData data = ImageDatastore.fromFolder(root).readAll();

        assertThat(data.classes()).containsExactly("7");
        assertThat(data.rows()).isEqualTo(3);
        assertThat(data.features()[8]).isEqualTo(3 / 255f);
    }

    /** Case B30 (b). */
    @Test
    void folderWithoutImagesIsAnErrorNamingTheRoot() throws IOException {
        Files.createDirectories(root.resolve("cat"));
        Files.createDirectories(root.resolve("dog"));
        Files.writeString(root.resolve("cat/.DS_Store"), "x");
        Files.writeString(root.resolve("dog/.DS_Store"), "x");

        assertThatThrownBy(() -> ImageDatastore.fromFolder(root))
                .isInstanceOf(MalformedDataException.class)
                .hasMessage("no image files (png, jpg, jpeg, bmp, gif, tif, tiff) found under "
                        + root + "; skipped 2 hidden entries (e.g. cat/.DS_Store) under " + root);
    }

    @Test
    void missingRootOrPlainFileIsRefused() throws IOException {
        Path file = Files.writeString(root.resolve("file.png"), "x");

        assertThatThrownBy(() -> ImageDatastore.fromFolder(root.resolve("nope")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("image folder not found");
        assertThatThrownBy(() -> ImageDatastore.fromFolder(file))
                .isInstanceOf(NotDirectoryException.class);
    }

    @Test
    void inMemoryItemsAreSortedByNameAndReadLikeFiles() throws IOException {
        byte[] pixels = {(byte) 255, 0, 1, 2};
        List<String> names = List.of("b/1.png", "a/1.png", "b/0.png", "a/0.png");
        MemoryImageSource source = new MemoryImageSource("test", 1, 1, pixels, names);

        ImageDatastore images = ImageDatastore.of(source, names, List.of("b", "a", "b", "a"));
        LabeledData data = images.readAll();

        assertThat(images.files()).containsExactly("a/0.png", "a/1.png", "b/0.png", "b/1.png");
        assertThat(data.features()).containsExactly(2 / 255f, 0f, 1 / 255f, 1f);
        assertThat(data.labels()).containsExactly(0, 0, 1, 1);
        assertThat(images.note()).isEmpty();
    }

    @Test
    void inMemoryNamesMustBeDistinct() {
        byte[] pixels = {0, 0};
        List<String> names = List.of("a/0.png", "a/0.png");

        assertThatThrownBy(() -> new MemoryImageSource("test", 1, 1, pixels, names))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("names must be distinct, got 'a/0.png' twice");
    }

    @Test
    void subsetAndShuffleKeepTheClassList() throws IOException {
        png(root.resolve("a/0.png"), TestImages.uniformGrey(1, 1, 0));
        png(root.resolve("b/0.png"), TestImages.uniformGrey(1, 1, 0));
        ImageDatastore images = ImageDatastore.fromFolder(root);

        ImageDatastore onlyB = images.subset(new int[] {1});
        LabeledData data = onlyB.readAll();

        assertThat(onlyB.classes()).containsExactly("a", "b");
        assertThat(onlyB.countEachLabel()).containsExactly(entry("a", 0), entry("b", 1));
        assertThat(data.labels()).containsExactly(1);
        assertThat(images.shuffle(new dev.descent.util.Rng(3)).files())
                .containsExactlyInAnyOrder("a/0.png", "b/0.png");
    }

    @Test
    void moreValuesThanOneArrayHoldsAreRefusedWithTheCounts() {
        GreyImage big = new GreyImage(1200, 1200, new float[1200 * 1200]);
        ImageSource source = new ImageSource() {
            @Override
            public GreyImage read(String name) {
                return big;
            }

            @Override
            public String description() {
                return "synthetic";
            }
        };
        List<String> files = IntStream.range(0, 1600).mapToObj(i -> i + ".png").toList();
        List<String> labels = IntStream.range(0, 1600).mapToObj(i -> i < 800 ? "a" : "b")
                .toList();

        ImageDatastore images = ImageDatastore.of(source, files, labels);

        assertThatThrownBy(images::readAll).isInstanceOf(MalformedDataException.class)
                .hasMessage("1600 images of 1200x1200 pixels are 1600 rows x 1440000 features"
                        + " = 2304000000 values, more than the 2147483639 one array holds; use"
                        + " fewer images or smaller ones (scale them down)");
    }
}
