package dev.descent.internal.parallel;

import java.util.concurrent.locks.LockSupport;

/**
 * The helper threads that share a task with the calling thread: matrix products split in
 * row or column blocks, solver updates split in ranges. One pool for all of them, so that
 * the threads of one step never compete with each other (OpenBLAS's own pool, left running
 * after a product, slowed the work that followed it on the 2-core development machine).
 *
 * <p>A helper spins for a short while after its part, so that the next task of the same step
 * starts without a wake-up, then parks. Calls are serialised; a task must not call
 * {@link #run} itself. Not part of the public API.
 */
public final class Workers {
    /** Work split in {@code parts} parts; part {@code part} runs on one thread. */
    public interface Task {
        void run(int part, int parts);
    }

    /** Rounds the caller spins for a helper before it yields its core instead. */
    private static final int WAIT_SPINS = 1 << 14;
    /**
     * How long an idle helper spins before it parks: longer than the work between two
     * products of a batch-64 step and the solver step. Parking after 50 us instead made
     * digits H=256 epochs on two threads 1.7 times longer (a wake-up costs tens of
     * microseconds on the development machine).
     */
    private static final long IDLE_SPIN_NANOS = 200_000;

    private static Helper[] helpers = new Helper[0];
    /** When the last split task ended (System.nanoTime). */
    private static volatile long lastEnd = Long.MIN_VALUE / 2;

    private Workers() {}

    /**
     * Where part {@code part} of {@code parts} starts when {@code [0, extent)} is split into
     * nearly equal ranges of whole units of {@code unit} elements (the last range takes the
     * rest); {@code part == parts} gives {@code extent}, so part p is
     * {@code [start(p, ...), start(p + 1, ...))}.
     */
    public static int start(int part, int parts, int extent, int unit) {
        if (part >= parts) {
            return extent;
        }
        long units = (extent + (long) unit - 1) / unit;
        return (int) Math.min(extent, units * part / parts * unit);
    }

    /**
     * Whether {@code parts - 1} helpers ended a task so recently that they are still spinning
     * (within half their spin time), so that a task of that many parts starts without a
     * wake-up. A hint for work whose result does not depend on how it is split (the batch
     * copy): it depends on timing, so it must not decide anything that changes values.
     */
    public static boolean awake(int parts) {
        return helpers.length >= parts - 1
                && System.nanoTime() - lastEnd < IDLE_SPIN_NANOS / 2;
    }

    /**
     * Runs parts 1 .. parts-1 of {@code task} on helper threads and part 0 on this one, and
     * returns when all are done; rethrows the first failure.
     */
    public static synchronized void run(Task task, int parts) {
        if (parts <= 1) {
            task.run(0, 1);
            return;
        }
        if (helpers.length < parts - 1) {
            Helper[] more = java.util.Arrays.copyOf(helpers, parts - 1);
            for (int i = helpers.length; i < more.length; i++) {
                more[i] = new Helper(i + 1);
            }
            helpers = more;
        }
        for (int i = 1; i < parts; i++) {
            helpers[i - 1].start(task, i, parts);
        }
        Throwable failure = null;
        try {
            task.run(0, parts);
        } catch (Throwable e) {
            failure = e;
        }
        for (int i = 1; i < parts; i++) {
            Throwable f = helpers[i - 1].await();
            failure = failure == null ? f : failure;
        }
        lastEnd = System.nanoTime();
        if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new IllegalStateException("a helper thread failed", failure);
        }
    }

    private static final class Helper implements Runnable {
        private final Thread thread;
        /** Written before {@code pending} is set, read after it is seen. */
        private Task task;
        private int part;
        private int parts;
        private Throwable failure;
        private volatile boolean pending;
        private volatile boolean finished = true;

        Helper(int index) {
            thread = new Thread(this, "descent-worker-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void start(Task next, int nextPart, int nextParts) {
            task = next;
            part = nextPart;
            parts = nextParts;
            finished = false;
            pending = true;
            LockSupport.unpark(thread);
        }

        Throwable await() {
            for (int spins = 0; !finished; spins++) {
                if (spins < WAIT_SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            Throwable f = failure;
            failure = null;
            return f;
        }

        @Override
        public void run() {
            while (true) {
                long idleSince = System.nanoTime();
                while (!pending) {
                    if (System.nanoTime() - idleSince < IDLE_SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                pending = false;
                try {
                    task.run(part, parts);
                } catch (Throwable e) {
                    failure = e;
                }
                task = null;
                finished = true;
            }
        }
    }
}
