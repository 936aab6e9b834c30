package dev.descent.io;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Byte-level mutations for fuzzing file readers: bit flips, overwritten bytes, cuts, inserted
 * and repeated runs, applied one to four times to a valid file.
 */
public final class Mutations {
    private Mutations() {}

    /** One edit; {@code position} and {@code length} are reduced modulo the input's size. */
    record Edit(int kind, int position, int length, byte value) {
        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return kind == 3 ? new byte[] {value} : in;
            }
            int at = Math.floorMod(position, in.length);
            int n = 1 + Math.floorMod(length, Math.min(64, in.length));
            return switch (kind) {
                case 0 -> { // flip one bit
                    byte[] out = in.clone();
                    out[at] ^= (byte) (1 << Math.floorMod(value, 8));
                    yield out;
                }
                case 1 -> { // overwrite a byte
                    byte[] out = in.clone();
                    out[at] = value;
                    yield out;
                }
                case 2 -> Arrays.copyOf(in, at); // cut the end
                case 3 -> { // insert n copies of a byte
                    byte[] out = new byte[in.length + n];
                    System.arraycopy(in, 0, out, 0, at);
                    Arrays.fill(out, at, at + n, value);
                    System.arraycopy(in, at, out, at + n, in.length - at);
                    yield out;
                }
                case 4 -> { // delete a run
                    int end = Math.min(in.length, at + n);
                    byte[] out = new byte[in.length - (end - at)];
                    System.arraycopy(in, 0, out, 0, at);
                    System.arraycopy(in, end, out, at, in.length - end);
                    yield out;
                }
                default -> { // write an extreme 32-bit value (little- or big-endian alike)
                    byte[] out = in.clone();
                    int[] extremes = {0, -1, 0x7fffffff, 0x80000000, 0x7ffffff7, 255, 65536};
                    int v = extremes[Math.floorMod(value, extremes.length)];
                    for (int i = 0; i < 4 && at + i < out.length; i++) {
                        out[at + i] = (byte) (v >>> (8 * ((length & 1) == 0 ? i : 3 - i)));
                    }
                    yield out;
                }
            };
        }
    }

    static Arbitrary<Edit> edits() {
        return Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers(), Arbitraries.integers(), Arbitraries.bytes())
                .as(Edit::new);
    }

    /** One of {@code seeds}, mutated one to four times. */
    public static Arbitrary<byte[]> of(List<byte[]> seeds) {
        return Combinators.combine(Arbitraries.of(seeds), edits().list().ofMinSize(1)
                .ofMaxSize(4)).as((seed, list) -> {
                    byte[] out = seed;
                    for (Edit edit : list) {
                        out = edit.apply(out);
                    }
                    return out;
                });
    }
}
