package dev.descent.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar of finished runs, redrawn in place with a carriage return: {@code
 * [########------------]  8/20 runs  00:01:12}.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final int total;
    private final long started = System.nanoTime();

    ProgressBar(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
        draw(0);
    }

    /** Redraws the bar with {@code finished} of the runs done. */
    synchronized void update(int finished) {
        draw(finished);
    }

    /** Ends the bar's line. */
    synchronized void finish() {
        out.println();
        out.flush();
    }

    /** The bar's text for {@code finished} runs, without the carriage return. */
    static String text(int finished, int total, double seconds) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * finished / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%" + Integer.toString(total).length() + "d/%d runs"
                        + "  %s", finished, total, VerboseTable.clock(seconds));
    }

    private void draw(int finished) {
        out.print("\r" + text(finished, total, (System.nanoTime() - started) / 1e9));
        out.flush();
    }
}
