package dev.descent.cli;

/**
 * Options of a mixin that can be checked before the command runs (a file that must exist, a
 * folder that must be creatable), so that bad input fails before data is read or anything is
 * printed. {@link Main} calls {@link #check()} on every such mixin of the command it runs.
 */
interface CheckedOptions {
    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException naming the option, what was expected and what was found
     */
    void check();
}
