package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.io.Mutations;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzes the IDX, CSV and image-folder readers. The only documented failure is a
 * {@link MalformedDataException}; a successful read must give finite features (in [0, 1] for
 * images) and labels within the class list. Tries per property: {@code jqwik.tries.default}
 * (small in the normal build, large with {@code -Pfuzz}; see descent-core/pom.xml).
 */
@Tag("fuzz")
class ReaderFuzzTest {
    private static final List<byte[]> IDX_SEEDS = idxSeeds();
    private static final List<byte[]> IMAGE_SEEDS = imageSeeds();
    private static final String[] CSV_TOKENS = {"1", "0", "-2.5", "1e3", "1e39", ".5", "5.",
        "+7", "NaN", "inf", "-Infinity", "label", "cat", "dog", "10", ",", ",", ",", "\n", "\n",
        "\r\n", "\r", "\"", "\"\"", " ", "\t", "\uFEFF", "x,y", "é", "1,2", "\u0000", "e", "-",
        "0x10", "1_000", "١"};

    private static void assertValid(LabeledData data, boolean images) {
        assertThat((long) data.rows() * data.cols()).isEqualTo(data.features().length);
        for (float v : data.features()) {
            assertThat(Float.isFinite(v)).isTrue();
            if (images) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
        for (int label : data.labels()) {
            assertThat(label).isBetween(0, data.classes().size() - 1);
        }
    }

    // ---- IDX ----

    private static List<byte[]> idxSeeds() {
        try {
            List<byte[]> seeds = new ArrayList<>();
            Random random = new Random(25);
            int[][] shapes = {{3}, {2, 2, 2}, {1, 3, 2}, {2, 1, 1, 2}, {0, 4}};
            for (int[] shape : shapes) {
                int count = 1;
                for (int d : shape) {
                    count *= d;
                }
                byte[] values = new byte[count];
                random.nextBytes(values);
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                IdxWriter.write(raw, new IdxArray(shape, values));
                seeds.add(raw.toByteArray());
                ByteArrayOutputStream gz = new ByteArrayOutputStream();
                try (var out = new java.util.zip.GZIPOutputStream(gz)) {
                    out.write(raw.toByteArray());
                }
                seeds.add(gz.toByteArray());
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property
    void idxBytesAreReadOrRefused(@ForAll("idx") byte[] bytes) throws IOException {
        try {
            IdxArray array = IdxReader.read(new ByteArrayInputStream(bytes), "fuzz.idx");
            long count = 1;
            for (int d : array.dimensions()) {
                count *= d;
            }
            assertThat(array.values()).hasSize((int) count);
        } catch (MalformedDataException e) {
            assertThat(e.getMessage()).contains("fuzz.idx");
        }
    }

    @Provide
    Arbitrary<byte[]> idx() {
        return Arbitraries.oneOf(Mutations.of(IDX_SEEDS),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40));
    }

    @Property
    void idxPairsAreReadOrRefused(@ForAll("idx") byte[] images, @ForAll("idx") byte[] labels)
            throws IOException {
        Path folder = Files.createTempDirectory("fuzz-idx");
        try {
            Path imageFile = Files.write(folder.resolve("images.idx"), images);
            Path labelFile = Files.write(folder.resolve("labels.idx"), labels);
            try {
                assertValid(IdxReader.readLabeled(imageFile, labelFile), true);
            } catch (MalformedDataException e) {
                assertThat(e.getMessage()).containsAnyOf("images.idx", "labels.idx");
            }
        } finally {
            delete(folder);
        }
    }

    // ---- CSV ----

    @Property
    void csvTextIsReadOrRefused(@ForAll("csv") String text,
            @ForAll @IntRange(min = 0, max = 2) int labelChoice) throws IOException {
        Path file = Files.createTempFile("fuzz", ".csv");
        try {
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
            try {
                LabeledData data = switch (labelChoice) {
                    case 0 -> CsvReader.read(file);
                    case 1 -> CsvReader.read(file, 2);
                    default -> CsvReader.read(file, "label");
                };
                assertValid(data, false);
            } catch (MalformedDataException e) {
                assertThat(e.getMessage()).contains(file.getFileName().toString());
            }
        } finally {
            Files.delete(file);
        }
    }

    @Property
    void csvTextWithoutLabelsIsReadOrRefused(@ForAll("csv") String text) throws IOException {
        Path file = Files.createTempFile("fuzz", ".csv");
        try {
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
            try {
                CsvReader.Features read = CsvReader.readFeatures(file);
                assertThat(read.rows()).isPositive();
                assertThat(read.values()).hasSize(read.rows() * read.cols());
                for (float value : read.values()) {
                    assertThat(Float.isFinite(value)).isTrue();
                }
            } catch (MalformedDataException e) {
                assertThat(e.getMessage()).contains(file.getFileName().toString());
            }
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<String> csv() {
        Arbitrary<String> tokens = Arbitraries.of(CSV_TOKENS).list().ofMaxSize(60)
                .map(list -> String.join("", list));
        Arbitrary<String> tables = Arbitraries.integers().between(1, 6).flatMap(cols ->
                Arbitraries.of(CSV_TOKENS).filter(t -> !t.contains(",") && !t.contains("\n"))
                        .list().ofSize(cols).map(row -> String.join(",", row))
                        .list().ofMinSize(1).ofMaxSize(8)
                        .map(rows -> String.join("\n", rows)));
        Arbitrary<String> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(60)
                .map(b -> new String(b, StandardCharsets.ISO_8859_1));
        return Arbitraries.oneOf(tokens, tables, raw);
    }

    // ---- image folders ----

    private static List<byte[]> imageSeeds() {
        try {
            List<byte[]> seeds = new ArrayList<>();
            List<BufferedImage> images = List.of(TestImages.grey8(2, 2, 0, 64, 128, 255),
                    TestImages.grey16(1, 3, 0, 40000, 65535),
                    TestImages.rgb(1, 2, 255, 0, 0, 0, 0, 255),
                    TestImages.rgba(1, 2, 255, 255, 255, 0, 0, 0, 0, 255),
                    TestImages.indexed(2, 1, new int[] {255, 0, 0, 0, 255, 0}, 0, 1));
            for (BufferedImage image : images) {
                for (String format : List.of("png", "bmp", "gif", "jpg", "tiff")) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    if (ImageIO.write(image, format, out)) {
                        seeds.add(out.toByteArray());
                    }
                }
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One file of a generated folder tree. */
    record Entry(String path, byte[] bytes) {}

    @Property
    void imageFoldersAreReadOrRefused(@ForAll("trees") List<Entry> tree) throws IOException {
        Path root = Files.createTempDirectory("fuzz-images");
        try {
            for (Entry entry : tree) {
                Path file = root.resolve(entry.path());
                Files.createDirectories(file.getParent());
                Files.write(file, entry.bytes());
            }
            try {
                ImageDatastore images = ImageDatastore.fromFolder(root);
                assertValid(images.readAll(), true);
            } catch (MalformedDataException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        } finally {
            delete(root);
        }
    }

    @Provide
    Arbitrary<List<Entry>> trees() {
        Arbitrary<String> folders = Arbitraries.of("cat", "dog", "10", "2", ".hidden", "a/b",
                "é", "x y");
        Arbitrary<String> names = Arbitraries.of("a.png", "b.PNG", "c.jpg", "d.bmp", "e.gif",
                "f.tif", "g.tiff", "h.jpeg", ".DS_Store", "Thumbs.db", "notes.txt");
        Arbitrary<byte[]> contents = Arbitraries.oneOf(Arbitraries.of(IMAGE_SEEDS),
                Mutations.of(IMAGE_SEEDS), Arbitraries.bytes().array(byte[].class)
                        .ofMaxSize(16));
        Arbitrary<Entry> entries = net.jqwik.api.Combinators.combine(folders, names, contents)
                .as((folder, name, bytes) -> new Entry(folder + "/" + name, bytes));
        return entries.list().ofMinSize(1).ofMaxSize(5)
                .uniqueElements(Entry::path);
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
