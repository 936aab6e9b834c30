package dev.descent.optim;

import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread that runs half of a solver's element-wise update while the calling thread
 * runs the other half. The halves touch disjoint elements, so the values are bit for bit those
 * of one thread. Started on first use; one caller at a time.
 */
final class SecondThread {
    private static SecondThread instance;
    /** Spin-wait rounds before yielding: some tens of microseconds. */
    private static final int SPINS = 1 << 14;

    private final Thread thread;
    private volatile Runnable task;
    private volatile boolean finished;
    private Throwable failure;

    private SecondThread() {
        thread = new Thread(this::serve, "descent-solver-helper");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code second} on the helper thread and {@code first} on this one; both finish. */
    static synchronized void runBoth(Runnable first, Runnable second) {
        if (instance == null) {
            instance = new SecondThread();
        }
        instance.run(first, second);
    }

    private void run(Runnable first, Runnable second) {
        finished = false;
        failure = null;
        task = second;
        LockSupport.unpark(thread);
        try {
            first.run();
        } finally {
            // The halves take about the same time: a short spin is cheaper than a park and
            // wake-up. Past it (the helper was descheduled by other load), yield the core.
            for (int spins = 0; !finished; spins++) {
                if (spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
        if (failure != null) {
            throw new IllegalStateException("solver update on the helper thread failed",
                    failure);
        }
    }

    private void serve() {
        while (true) {
            Runnable next = task;
            if (next == null) {
                LockSupport.park(this);
                continue;
            }
            task = null;
            try {
                next.run();
            } catch (Throwable e) {
                failure = e;
            }
            finished = true;
        }
    }
}
