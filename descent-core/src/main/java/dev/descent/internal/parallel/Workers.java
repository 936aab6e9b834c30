package dev.descent.internal.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The helper threads that share a task with the calling thread: matrix products split in
 * row or column blocks, solver updates split in ranges. One pool for all of them, so that
 * the threads of one step never compete with each other (OpenBLAS's own pool, left running
 * after a product, slowed the work that followed it on the 2-core development machine).
 *
 * <p>Each thread first claims its own part (the caller part 0, helper i part i), so that the
 * same thread runs the same range of each split task of a step and finds its rows in its own
 * cache; then it claims any part still left, so the caller runs what a late helper has not
 * started. A helper spins for a short while after a task, so that
 * the next task of the same step starts without a wake-up, then parks. Calls are serialised;
 * a task must not call {@link #run} itself. Not part of the public API.
 */
public final class Workers {
    /** Work split in {@code parts} parts; each part runs on one thread, any of them. */
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

    /**
     * The task now running and its part count: written by {@link #run} before it publishes a
     * new generation in {@link #claims}, read by a thread only after it claimed a part of that
     * generation (which the task cannot finish without), so never those of another one.
     */
    private static Task task;
    private static int parts;
    /**
     * Generation (high 32 bits) and parts not yet claimed (low 32 bits) of the split task:
     * up to {@value #MAX_MASKED} parts, a mask of those left (bit p for part p), above that
     * {@link #COUNTED} and the number left (parts then go in order, to any thread). What is
     * left is in the word itself, so a thread that read an older generation's word can claim
     * nothing once that generation's parts are all taken, whatever {@link #parts} says.
     */
    private static final AtomicLong claims = new AtomicLong();
    /** The most parts a task's claims hold as a mask. */
    static final int MAX_MASKED = 31;
    /** The bit of a claims word that counts its parts instead of masking them. */
    private static final int COUNTED = 1 << 31;
    /** Parts of the current generation finished. */
    private static final AtomicInteger finished = new AtomicInteger();
    /** The first failure of a part of the current generation. */
    private static final AtomicReference<Throwable> failure = new AtomicReference<>();

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
     * Runs the parts of {@code task}, on this thread and {@code parts - 1} helper threads,
     * and returns when all are done; rethrows the first failure. Each part is claimed by
     * whichever thread comes first, this one included, so a helper that has lost its core
     * (to the JIT compiler, say) delays nothing it has not started: this thread runs the
     * parts left. A part's values do not depend on the thread that runs it.
     */
    public static synchronized void run(Task work, int count) {
        if (count <= 1) {
            work.run(0, 1);
            return;
        }
        if (helpers.length < count - 1) {
            Helper[] more = java.util.Arrays.copyOf(helpers, count - 1);
            for (int i = helpers.length; i < more.length; i++) {
                more[i] = new Helper(i + 1);
            }
            helpers = more;
        }
        task = work;
        parts = count;
        failure.set(null);
        finished.set(0);
        long generation = (claims.get() >>> 32) + 1;
        int left = count <= MAX_MASKED ? (int) ((1L << count) - 1) : COUNTED | count;
        claims.set(generation << 32 | (left & 0xffffffffL));
        for (int i = 0; i < count - 1; i++) {
            helpers[i].wake();
        }
        runParts(generation, 0);
        for (int spins = 0; finished.get() < count; spins++) {
            if (spins < WAIT_SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        task = null;
        lastEnd = System.nanoTime();
        Throwable f = failure.getAndSet(null);
        if (f instanceof RuntimeException e) {
            throw e;
        } else if (f instanceof Error e) {
            throw e;
        } else if (f != null) {
            throw new IllegalStateException("a helper thread failed", f);
        }
    }

    /**
     * Claims and runs parts of {@code generation} until none is left: part {@code own} first
     * if it is still there, then the lowest left.
     */
    static void runParts(long generation, int own) {
        while (true) {
            long c = claims.get();
            int left = (int) c;
            if (c >>> 32 != generation || left == 0 || left == COUNTED) {
                return;
            }
            int part;
            long next;
            if ((left & COUNTED) != 0) {
                part = -1; // the count's position, known once the claim holds
                next = c - 1;
            } else {
                int bit = own < MAX_MASKED && (left & 1 << own) != 0 ? 1 << own
                        : Integer.lowestOneBit(left);
                part = Integer.numberOfTrailingZeros(bit);
                next = c & ~(bit & 0xffffffffL);
            }
            if (!claims.compareAndSet(c, next)) {
                continue;
            }
            // Claimed: the generation cannot end before this part does, so parts and task
            // are still its own (and visible: written before the word this claim replaced).
            int count = parts;
            if (part < 0) {
                part = count - (left & ~COUNTED);
            }
            try {
                task.run(part, count);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
            finished.incrementAndGet();
        }
    }

    /** The generation of the last split task (for tests). */
    static long generation() {
        return claims.get() >>> 32;
    }

    private static final class Helper implements Runnable {
        private final Thread thread;
        /** The generation this helper last served. */
        private long served;
        /** The part this helper claims first: its number, 1 for the first helper. */
        private final int own;

        Helper(int index) {
            own = index;
            thread = new Thread(this, "descent-worker-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void wake() {
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            while (true) {
                long idleSince = System.nanoTime();
                long generation;
                while ((generation = claims.get() >>> 32) == served) {
                    if (System.nanoTime() - idleSince < IDLE_SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                served = generation;
                runParts(generation, own);
            }
        }
    }
}
