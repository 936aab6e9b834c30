package dev.descent.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the live page shows, handed from the training thread to the server's threads: the
 * chart's layout, one row of numbers per iteration (or epoch), the information panel and the
 * status line. The training thread only appends and swaps references; the text of the panel is
 * made when a snapshot is taken. Thread safe.
 */
final class LiveFeed {
    /** The most rows one snapshot carries; a page further behind gets the rest next. */
    static final int MAX_ROWS_PER_SNAPSHOT = 5000;

    /** One section of the information panel: a heading and label/value rows. */
    record Section(String title, List<Row> rows) {}

    /**
     * One line of the panel.
     *
     * @param key a stable name the page gives the value's element ({@code info-KEY})
     */
    record Row(String key, String label, String value) {}

    /**
     * What a page gets in one event.
     *
     * @param version the feed's version when it was taken
     * @param to the number of rows the page has after this event
     * @param finished whether training has ended (nothing more will come)
     */
    record Snapshot(long version, int to, boolean finished, String json) {}

    private Map<String, Object> layout;
    private final List<float[]> rows = new ArrayList<>();
    private Supplier<List<Section>> info = List::of;
    private String status = "Preparing the data";
    private double elapsedSeconds;
    private boolean running;
    private boolean finished;
    private boolean stopRequested;
    private boolean closed;
    private Runnable stopAction = () -> { };
    private long version;

    /**
     * Training starts: the chart's layout (see {@code live.js}: title, x label, panels and
     * their series with the row column each one draws).
     */
    synchronized void start(Map<String, Object> chartLayout, Supplier<List<Section>> panel) {
        layout = chartLayout;
        info = panel;
        running = true;
        status = stopRequested ? "Stopping" : "Training in progress";
        changed();
    }

    /**
     * Appends the row of the iteration that just ended (kept in float precision, which is
     * plenty for a plot); {@code panel} describes the state.
     */
    synchronized void add(double[] row, double elapsed, Supplier<List<Section>> panel) {
        float[] values = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            values[i] = (float) row[i];
        }
        rows.add(values);
        elapsedSeconds = elapsed;
        info = panel;
        changed();
    }

    /** Training has ended; {@code finalStatus} is, for example, "Training finished: ...". */
    synchronized void finish(String finalStatus, Supplier<List<Section>> panel) {
        status = finalStatus;
        info = panel;
        running = false;
        finished = true;
        changed();
    }

    /** The command ends before training did (an error): the page keeps the last state. */
    synchronized void end(String finalStatus) {
        status = finalStatus;
        running = false;
        finished = true;
        changed();
    }

    /** What the Stop button does: {@code action} runs once it is pressed (at once if it was). */
    synchronized void onStop(Runnable action) {
        stopAction = action;
        if (stopRequested) {
            action.run();
        }
    }

    /**
     * The Stop button was pressed (with the run's token).
     *
     * @return false when training has already ended, so the press changes nothing
     */
    synchronized boolean requestStop() {
        if (finished) {
            return false;
        }
        if (!stopRequested) {
            stopRequested = true;
            status = "Stopping";
            stopAction.run();
            changed();
        }
        return true;
    }

    /** Whether the Stop button was pressed. */
    synchronized boolean stopRequested() {
        return stopRequested;
    }

    synchronized boolean finished() {
        return finished;
    }

    synchronized int rowCount() {
        return rows.size();
    }

    /**
     * Waits until the feed has changed since {@code seenVersion}, it is closed, or {@code
     * millis} passed.
     *
     * @return false when the time ran out with nothing new
     */
    synchronized boolean awaitChange(long seenVersion, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (version == seenVersion && !closed) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Wakes every waiting stream for good: the server is closing. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /**
     * The event for a page that has the first {@code from} rows: the layout when {@code from}
     * is 0, the rows after it, the panel, the status and the elapsed time.
     */
    synchronized Snapshot snapshot(int from) {
        int start = Math.min(from, rows.size());
        int to = Math.min(rows.size(), start + MAX_ROWS_PER_SNAPSHOT);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("from", start);
        if (start == 0) {
            event.put("layout", layout);
        }
        event.put("rows", rows.subList(start, to));
        event.put("status", status);
        event.put("running", running);
        event.put("finished", finished && to == rows.size());
        event.put("stopRequested", stopRequested);
        event.put("elapsed", elapsedSeconds);
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Section section : info.get()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("title", section.title());
            s.put("rows", section.rows().stream()
                    .map(r -> List.of(r.key(), r.label(), r.value())).toList());
            sections.add(s);
        }
        event.put("info", sections);
        return new Snapshot(version, to, finished && to == rows.size(), Json.toString(event));
    }

    private void changed() {
        version++;
        notifyAll();
    }
}
