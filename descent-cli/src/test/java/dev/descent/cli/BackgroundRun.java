package dev.descent.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@code descent} command with {@code --plots live} on another thread, so that a test
 * can talk to its live view while it trains. Closing it stops the run through the page's own
 * Stop (with the token read from the page) if it is still going.
 */
final class BackgroundRun implements AutoCloseable {
    private static final Pattern ADDRESS = Pattern.compile(
            "Live view: (http://127\\.0\\.0\\.1:\\d+/) ");
    private static final Pattern TOKEN = Pattern.compile(
            "<meta name=\"descent-token\" content=\"([0-9a-f]{32})\">");
    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final CommandRunner runner = new CommandRunner();
    private final CompletableFuture<Integer> status;
    private URI address;

    private BackgroundRun(String... args) {
        status = CompletableFuture.supplyAsync(() -> runner.execute(args));
    }

    /** Starts {@code descent args} on another thread. */
    static BackgroundRun start(String... args) {
        return new BackgroundRun(args);
    }

    /** The page's address, once the command has printed it (waits up to a minute). */
    URI address() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (address == null) {
            Matcher matcher = ADDRESS.matcher(runner.err());
            if (matcher.find()) {
                address = URI.create(matcher.group(1));
            } else if (status.isDone() || System.nanoTime() > end) {
                throw new AssertionError("no live view address was printed:\n" + runner.err());
            } else {
                Thread.sleep(20);
            }
        }
        return address;
    }

    /** The token embedded in the page, as a browser would find it. */
    String token() throws IOException, InterruptedException {
        String page = HTTP.send(HttpRequest.newBuilder(address()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = TOKEN.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("the page holds no token:\n" + page);
        }
        return matcher.group(1);
    }

    /** POST /stop with {@code token} (none when null); returns the status code. */
    int stop(String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(address().resolve("/stop"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header(LiveServer.TOKEN_HEADER, token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    boolean isRunning() {
        return !status.isDone();
    }

    /** Waits for the command to end (up to two minutes) and returns what it printed. */
    CommandRunner finish() throws Exception {
        status.get(2, TimeUnit.MINUTES);
        return runner;
    }

    /** Stops the run if it is still going and waits for it. */
    @Override
    public void close() {
        if (!isRunning()) {
            return;
        }
        try {
            if (address != null) {
                stop(token());
            }
            finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the run", e);
        } catch (Exception e) {
            throw new AssertionError("the run could not be stopped", e);
        }
    }
}
