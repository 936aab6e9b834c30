package dev.descent.experiment;

import java.util.List;

/**
 * Makes a list of independent runs, possibly in parallel, and returns their results in the order
 * of the settings. The seam between an experiment (a sweep over settings) and where it computes:
 * {@link ThreadPoolRunExecutor} uses the cores of this machine; another implementation may send
 * the settings to a cluster. Implementations must give the same results as calling the function
 * on each setting in turn.
 */
public interface RunExecutor {
    /** Told when a run ends. */
    @FunctionalInterface
    interface Progress {
        /**
         * @param index position of the finished run in the settings
         * @param finished runs finished so far, this one included
         * @param total number of runs
         */
        void finished(int index, int finished, int total);
    }

    /**
     * Runs {@code function} on each of {@code settings}.
     *
     * @param progress told as each run ends, one call at a time
     * @return the results, {@code results.get(i)} for {@code settings.get(i)}
     * @throws RunFailedException when the first failed run is seen; runs not yet started are
     *     not made
     */
    <C, R> List<R> runAll(List<C> settings, RunFunction<C, R> function, Progress progress);
}
