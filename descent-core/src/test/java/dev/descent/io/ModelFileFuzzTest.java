package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.nn.Network;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * Fuzzes the model and checkpoint readers: mutated valid files, with and without a repaired
 * checksum, and headers with members replaced by hostile values. The only documented outcome
 * besides a successful read is a {@link ModelFormatException} naming the file. Tries per
 * property: {@code jqwik.tries.default} (small in the normal build, large with
 * {@code -Pfuzz}; see descent-core/pom.xml).
 */
@Tag("fuzz")
class ModelFileFuzzTest {
    private static final List<byte[]> SEEDS = seeds();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(E-?\\d+)?");
    private static final String[] HOSTILE = {"-1", "0", "1", "2147483647", "2147483648",
        "-2147483648", "9223372036854775807", "1e308", "-1e308", "\"NaN\"", "\"Infinity\"",
        "null", "true", "[]", "{}", "\"x\"", "0.5", "1e-320", "[[[[[[[[[[1]]]]]]]]]]"};

    private static List<byte[]> seeds() {
        try {
            Path folder = Files.createTempDirectory("descent-fuzz-seeds");
            Path golden = folder.resolve("golden.descent");
            try (InputStream in = ModelFileFuzzTest.class.getResourceAsStream(Golden.RESOURCE)) {
                Files.copy(in, golden);
            }
            Path checkpoint = folder.resolve("checkpoint.descent");
            Network network = CheckpointRun.network();
            CheckpointRun.trainer(CheckpointRun.options().toBuilder().maxEpochs(2).build(),
                    new TrainingListener() {
                        @Override
                        public void epochFinished(Trainer.Checkpoint c) {
                            try {
                                CheckpointFile.write(checkpoint, network,
                                        CheckpointRun.options(), c);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    }).fit(network, CheckpointRun.train(), CheckpointRun.validation());
            List<byte[]> seeds = List.of(Files.readAllBytes(golden),
                    Files.readAllBytes(checkpoint));
            Files.delete(golden);
            Files.delete(checkpoint);
            Files.delete(folder);
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code bytes} as model and as checkpoint; fails on anything but the documented. */
    private static void readBoth(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("fuzz", ".descent");
        try {
            Files.write(file, bytes);
            try {
                Network network = ModelFile.read(file);
                assertThat(network.parameters().size()).isGreaterThanOrEqualTo(0);
            } catch (ModelFormatException e) {
                assertThat(e.getMessage()).startsWith(file.toString());
            }
            try {
                CheckpointFile.Saved saved = CheckpointFile.read(file);
                assertThat(saved.checkpoint().parameters())
                        .hasSize(saved.network().parameters().size());
            } catch (ModelFormatException e) {
                assertThat(e.getMessage()).startsWith(file.toString());
            }
        } finally {
            Files.delete(file);
        }
    }

    @Property
    void mutatedFilesAreReadOrRefused(@ForAll("mutated") byte[] bytes,
            @ForAll boolean repairChecksum) throws IOException {
        readBoth(repairChecksum && bytes.length > 4 ? RawFiles.rechecksum(bytes) : bytes);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return Mutations.of(SEEDS);
    }

    @Property
    void hostileHeaderValuesAreRefusedWithAMessage(@ForAll("hostileHeaders") byte[] bytes)
            throws IOException {
        readBoth(bytes);
    }

    /** A seed whose header has one to three values replaced, rebuilt with valid sizes. */
    @Provide
    Arbitrary<byte[]> hostileHeaders() {
        return Combinators.combine(Arbitraries.of(SEEDS),
                Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(HOSTILE).list().ofMinSize(3).ofMaxSize(3))
                .as(ModelFileFuzzTest::replaceValues);
    }

    private static byte[] replaceValues(byte[] seed, List<Integer> picks, List<String> values) {
        java.nio.ByteBuffer preamble = java.nio.ByteBuffer.wrap(seed)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int headerLength = preamble.getInt(12);
        String header = new String(seed, 24, headerLength, StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOfRange(seed, 24 + headerLength, seed.length - 4);
        for (int i = 0; i < picks.size(); i++) {
            List<int[]> spans = new java.util.ArrayList<>();
            Matcher m = NUMBER.matcher(header);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            int[] span = spans.get(picks.get(i) % spans.size());
            header = header.substring(0, span[0]) + values.get(i) + header.substring(span[1]);
        }
        return RawFiles.build(header, data);
    }
}
