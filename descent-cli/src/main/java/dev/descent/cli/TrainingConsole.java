package dev.descent.cli;

import dev.descent.train.IterationRecord;
import dev.descent.train.TrainingHistory;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingOptions;
import java.io.PrintWriter;

/**
 * Prints the verbose table while a run trains: the header when it starts, a row for each
 * iteration MATLAB reports, and the last row and the stop reason when it ends, with a hint
 * line after a non-finite loss.
 */
final class TrainingConsole implements TrainingListener {
    private final PrintWriter out;
    private VerboseTable table;
    private int verboseFrequency;
    private int validationFrequency;
    private IterationRecord lastPrinted;
    private IterationRecord last;

    TrainingConsole(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void trainingStarted(TrainingHistory history, TrainingOptions options) {
        verboseFrequency = options.verboseFrequency();
        validationFrequency = history.validationFrequency();
        table = VerboseTable.forHistory(history, out);
        table.header();
        out.flush();
    }

    @Override
    public void iterationFinished(IterationRecord record, TrainingHistory history) {
        last = record;
        boolean finalIteration = record.iteration() == history.maxIterations();
        if (VerboseTable.isReportedIteration(
                record.iteration(), verboseFrequency, validationFrequency, finalIteration)) {
            print(record);
        }
    }

    @Override
    public void trainingFinished(TrainingHistory history) {
        if (last != null && last != lastPrinted) {
            print(last);
        }
        table.footer(history.stopReason());
        if (history.stopReason() != null && !history.stopReason().hint().isEmpty()) {
            out.println("Hint: " + history.stopReason().hint() + ". Weights kept: "
                    + history.outputNetwork() + ".");
        }
        out.flush();
    }

    private void print(IterationRecord record) {
        table.row(record);
        lastPrinted = record;
        out.flush();
    }
}
