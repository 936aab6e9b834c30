package dev.descent.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** Words for an {@link OutOfMemoryError}, and a larger -Xmx to suggest. */
final class OutOfMemory {
    private static final long MIB = 1 << 20;

    private OutOfMemory() {}

    /** What ran out, and the heap: "out of memory (Java heap space; max heap 989 MiB)". */
    static String describe(OutOfMemoryError e) {
        String message = String.valueOf(e.getMessage());
        return "out of memory (" + (message.contains("direct buffer memory")
                ? "direct buffer memory" : message) + "; max heap "
                + Runtime.getRuntime().maxMemory() / MIB + " MiB)";
    }

    /**
     * -Xmx of twice this JVM's heap in whole GiB, at least 4g (without -XX:MaxDirectMemorySize
     * the direct buffer memory may grow as large as the heap).
     */
    static String largerHeap() {
        long gib = (Runtime.getRuntime().maxMemory() + (1L << 30) - 1) >> 30;
        return "-Xmx" + Math.max(4, 2 * gib) + "g";
    }

    /**
     * This JVM's options with {@link #largerHeap()} for its -Xmx (added where it has none),
     * and for -XX:MaxDirectMemorySize where it sets that and {@code e} is about direct memory.
     */
    static String largerJavaOptions(OutOfMemoryError e) {
        String heap = largerHeap();
        boolean direct = String.valueOf(e.getMessage()).contains("direct buffer memory");
        List<String> options = new ArrayList<>();
        boolean replaced = false;
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-Xmx")) {
                options.add(heap);
                replaced = true;
            } else if (direct && option.startsWith("-XX:MaxDirectMemorySize=")) {
                options.add("-XX:MaxDirectMemorySize=" + heap.substring(4));
            } else {
                options.add(option);
            }
        }
        if (!replaced) {
            options.add(heap);
        }
        return String.join(" ", options);
    }
}
