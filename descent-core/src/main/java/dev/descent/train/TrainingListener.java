package dev.descent.train;

/**
 * Receives a training run's progress; the library reports only through listeners and never
 * prints. All methods run on the training thread and should return quickly.
 */
public interface TrainingListener {

    /** Before the first iteration; {@code history} is empty and carries the run's shape. */
    default void trainingStarted(TrainingHistory history, TrainingOptions options) {}

    /** After each iteration, with its record (already added to {@code history}). */
    default void iterationFinished(IterationRecord record, TrainingHistory history) {}

    /** After each completed epoch, before the stop check; the place for checkpoints. */
    default void epochFinished(Trainer.Checkpoint checkpoint) {}

    /**
     * Whether this listener reads {@link #epochFinished}'s checkpoints. Building one copies
     * all weights and the solver state, so the trainer builds it only when some listener says
     * true, and calls {@code epochFinished} only on those.
     */
    default boolean wantsCheckpoints() {
        return true;
    }

    /** After the run, with the stop reason set and the output network chosen. */
    default void trainingFinished(TrainingHistory history) {}
}
