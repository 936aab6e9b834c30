package dev.descent.experiment;

import java.io.Serializable;

/**
 * One independent run: settings in, result out. Serializable so that an executor may ship it to
 * other machines; address it as a static method ({@code MyRuns::run}) and keep settings and
 * results plain records of values.
 *
 * @param <C> the settings of a run
 * @param <R> what a run returns
 */
@FunctionalInterface
public interface RunFunction<C, R> extends Serializable {
    /**
     * Performs the run of {@code settings}. Must not depend on other runs or on the order in
     * which runs are made.
     *
     * @throws Exception if the run fails; the executor stops and reports it
     */
    R run(C settings) throws Exception;
}
