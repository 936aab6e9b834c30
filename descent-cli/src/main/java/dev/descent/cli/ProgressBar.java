package dev.descent.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar of finished runs: {@code [########------------]  8/20 runs  00:01:12}. On a
 * terminal it is one line redrawn in place with a carriage return; otherwise (a file, a pipe, a
 * log) one line is written per finished run.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final int total;
    private final boolean inPlace;
    private final long started = System.nanoTime();

    /** A bar on {@code out} that redraws in place when {@code inPlace}, else adds lines. */
    ProgressBar(PrintWriter out, int total, boolean inPlace) {
        this.out = out;
        this.total = total;
        this.inPlace = inPlace;
        if (inPlace) {
            draw(0);
        }
    }

    /** A bar that redraws in place only when the process has a terminal. */
    static ProgressBar forTerminal(PrintWriter out, int total) {
        return new ProgressBar(out, total, System.console() != null);
    }

    /** Redraws the bar with {@code finished} of the runs done (or adds its line). */
    synchronized void update(int finished) {
        if (inPlace) {
            draw(finished);
        } else {
            out.println(text(finished, total, (System.nanoTime() - started) / 1e9));
            out.flush();
        }
    }

    /** Ends the bar's line. */
    synchronized void finish() {
        if (inPlace) {
            out.println();
            out.flush();
        }
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
