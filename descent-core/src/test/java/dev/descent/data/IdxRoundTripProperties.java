package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class IdxRoundTripProperties {
    @Property(tries = 60)
    void writeThenReadGivesTheSameArray(@ForAll @Size(min = 1, max = 4) int[] rawDims,
            @ForAll @IntRange(min = 0, max = 1) int compressed, @ForAll long seed)
            throws IOException {
        int[] dims = new int[rawDims.length];
        int count = 1;
        for (int d = 0; d < dims.length; d++) {
            dims[d] = Math.floorMod(rawDims[d], 5);
            count *= dims[d];
        }
        byte[] values = new byte[count];
        new java.util.Random(seed).nextBytes(values);
        Path file = Files.createTempFile("idx", compressed == 1 ? ".gz" : ".idx");
        try {
            IdxWriter.write(file, new IdxArray(dims, values));
            IdxArray read = IdxReader.read(file);

            assertThat(read.dimensions()).containsExactly(dims);
            assertThat(read.values()).containsExactly(values);
        } finally {
            Files.delete(file);
        }
    }
}
