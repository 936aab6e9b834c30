package dev.descent.cli;

import dev.descent.diagnose.Diagnosis;
import dev.descent.shallow.ShallowNetwork;
import dev.descent.shallow.ShallowTrainer;
import dev.descent.shallow.TrainingRecord;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.function.Function;

/**
 * {@code --plots live}: a page on 127.0.0.1 that redraws the training progress while a command
 * trains, with MATLAB's information panel and a Stop button (docs/live-view.md). Open it before
 * the data is loaded and close it when the command has written its files.
 */
final class LiveView implements AutoCloseable {
    private final LiveFeed feed = new LiveFeed();
    private final LiveServer server;
    private LiveShallowProgress shallow;

    private LiveView() throws IOException {
        server = LiveServer.start(feed);
    }

    /**
     * Starts the server and prints its address to {@code err}; opens no browser.
     *
     * @throws IOException if no local socket can be opened
     */
    static LiveView start(PrintWriter err) throws IOException {
        LiveView view = new LiveView();
        err.println("Live view: " + view.address() + " (open it in a browser; its Stop button "
                + "ends training)");
        err.flush();
        return view;
    }

    /** The page's address, without the token. */
    URI address() {
        return server.address();
    }

    LiveServer server() {
        return server;
    }

    /**
     * Shows {@code trainer}'s run; the Stop button calls its {@link Trainer#requestStop()}. When
     * training ends the page shows what {@code diagnose} makes of the history.
     */
    void attach(Trainer trainer, Function<TrainingHistory, Diagnosis> diagnose) {
        trainer.addListener(new LiveProgress(feed, diagnose));
        feed.onStop(trainer::requestStop);
    }

    /**
     * The listener to train {@code net} (configured) with: it shows the run and passes MATLAB's
     * lines on to {@code printer}. Call {@link #finished} with the record afterwards.
     */
    ShallowTrainer.Listener shallow(ShallowNetwork net, ShallowTrainer.Listener printer) {
        shallow = new LiveShallowProgress(feed, net, printer);
        return shallow;
    }

    /** The shallow run of {@link #shallow} has ended with {@code tr}, read as {@code diagnosis}. */
    void finished(TrainingRecord tr, Diagnosis diagnosis) {
        shallow.finished(tr, diagnosis);
    }

    /** Sends the last state to the open pages and stops the server. */
    @Override
    public void close() {
        if (!feed.finished()) {
            feed.end("The command ended before training finished");
        }
        server.close();
    }
}
