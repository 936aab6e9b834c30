package dev.descent.cli;

import dev.descent.nn.LayerSpec;
import dev.descent.nn.Network;
import dev.descent.tensor.Precision;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link OutOfMemoryError} of a command, as bad input (exit status 2): the network or batch
 * does not fit in the memory Java was given. Its message says what ran out (the Java heap or
 * direct memory), roughly how much the network needs, and what to do.
 */
final class MemoryShortage extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final long GIB = 1L << 30;
    private static final Pattern LIMIT = Pattern.compile("limit: (\\d+)");
    /**
     * Bytes the largest network checked by {@link Options#networkFits} in this command needs
     * (0 if none): a command's runs may build networks in other threads.
     */
    private static final AtomicLong NEEDED = new AtomicLong();

    MemoryShortage(OutOfMemoryError error) {
        super(message(error.getMessage(), NEEDED.get(), Runtime.getRuntime().maxMemory()),
                error);
    }

    /** Forgets the networks of the last command; {@link Main} calls it before each command. */
    static void reset() {
        NEEDED.set(0);
    }

    /** Notes that a network of {@code specs} is about to be built, for the estimate. */
    static void expect(List<LayerSpec> specs, Precision precision, int batchSize) {
        long needed = estimate(specs, precision, batchSize);
        NEEDED.accumulateAndGet(needed, Math::max);
    }

    /**
     * Roughly the bytes a network of {@code specs} needs to train: its parameters six times
     * (values and gradients off the heap and on it, and a solver's two moments), and each
     * layer's activations at {@code batchSize} rows three times (forward, backward, work).
     */
    static long estimate(List<LayerSpec> specs, Precision precision, int batchSize) {
        double widths = 0;
        int width = 0;
        for (LayerSpec spec : specs) {
            width = spec.outputSize(width);
            widths += width;
        }
        double bytes = precision.bytes()
                * (6.0 * Network.parameterCount(specs) + 3.0 * batchSize * widths);
        return (long) Math.min(bytes, Long.MAX_VALUE);
    }

    /**
     * The one-line message for an {@link OutOfMemoryError} whose message is {@code error}.
     *
     * @param needed estimated bytes of the network, or 0 if unknown
     * @param maxHeap the most bytes the Java heap may grow to
     */
    static String message(String error, long needed, long maxHeap) {
        String reason = error == null ? "" : error;
        boolean direct = reason.toLowerCase(Locale.ROOT).contains("direct buffer memory");
        String need = needed > 0 ? "; the network needs about " + size(needed) : "";
        String what;
        String more;
        if (direct) {
            Matcher found = LIMIT.matcher(reason);
            long limit = found.find() ? Long.parseLong(found.group(1)) : maxHeap;
            what = "out of direct memory (where the network's matrices live, limit "
                    + size(limit) + ")";
            more = "-XX:MaxDirectMemorySize=" + gigabytes(Math.max(2 * limit, needed));
        } else {
            what = reason.contains("Java heap space") || reason.isEmpty()
                    ? "out of Java heap memory (at most " + size(maxHeap) + ")"
                    : "out of memory (" + reason + ")";
            more = "-Xmx" + gigabytes(Math.max(2 * maxHeap, needed));
        }
        return what + need + "; use a smaller --hidden, --layers or --batch, or give Java more"
                + " memory (java " + more + " -jar descent.jar, or DESCENT_JAVA_OPTS=" + more
                + " bin/descent)";
    }

    /** {@code bytes} and half as much again, in whole gigabytes, as Java's options take. */
    private static String gigabytes(long bytes) {
        return Math.max(1, (bytes + bytes / 2 + GIB - 1) / GIB) + "g";
    }

    /** {@code bytes} in MB or GB, one decimal. */
    static String size(long bytes) {
        return bytes >= GIB
                ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) GIB)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
    }
}
