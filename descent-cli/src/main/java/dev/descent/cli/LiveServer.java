package dev.descent.cli;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live view's web server (JDK {@code com.sun.net.httpserver}), on 127.0.0.1 and a free port.
 *
 * <ul>
 *   <li>{@code GET /}: the page, with the run's token in it; {@code /live.js}, {@code
 *       /live.css}: its script and style (nothing else is loaded, nothing from the internet).
 *   <li>{@code GET /events}: server-sent events, one snapshot of the {@link LiveFeed} at most
 *       every {@link #EVENT_INTERVAL_MILLIS} while it changes, then {@code end} once training
 *       has ended.
 *   <li>{@code POST /stop}: the Stop button; needs header {@value #TOKEN_HEADER} with the token.
 * </ul>
 *
 * Every request must name {@code 127.0.0.1:PORT} as its Host (a page from another site that
 * rebinds its own name to 127.0.0.1 is refused), and a POST that carries an Origin must come
 * from this server's own. A Stop without the right token gets 403 and changes nothing.
 */
final class LiveServer implements AutoCloseable {
    /** The request header that carries the run's token. */
    static final String TOKEN_HEADER = "X-Descent-Token";
    /** Least time between two events on one stream. */
    static final long EVENT_INTERVAL_MILLIS = 100;
    /** Streams served at once; more are refused with 503 (each holds a thread). */
    static final int MAX_STREAMS = 8;
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final LiveFeed feed;
    private final HttpServer server;
    private final ExecutorService threads;
    private final String token;
    private final String host;
    private final String origin;
    private final AtomicInteger streams = new AtomicInteger();
    private volatile boolean closing;

    private LiveServer(LiveFeed feed, HttpServer server, ExecutorService threads, String token) {
        this.feed = feed;
        this.server = server;
        this.threads = threads;
        this.token = token;
        this.host = "127.0.0.1:" + server.getAddress().getPort();
        this.origin = "http://" + host;
    }

    /**
     * Serves {@code feed} on 127.0.0.1 at a port the system picks.
     *
     * @throws IOException if no socket can be opened
     */
    static LiveServer start(LiveFeed feed) throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "descent-live-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        LiveServer live = new LiveServer(feed, server, threads, HexFormat.of().formatHex(secret));
        server.createContext("/", live::handle);
        server.start();
        return live;
    }

    /** The page's address, {@code http://127.0.0.1:PORT/} (the token is not in it). */
    URI address() {
        return URI.create(origin + "/");
    }

    /** The address the server listens on. */
    InetSocketAddress boundAddress() {
        return server.getAddress();
    }

    /** The run's token, as the page holds it. */
    String token() {
        return token;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Cache-Control", "no-store");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            if (!host.equals(exchange.getRequestHeaders().getFirst("Host"))) {
                plain(exchange, 403, "the live view answers only requests to " + origin + "/");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (path) {
                case "/", "/index.html" -> get(exchange, method, () -> page(), "text/html");
                case "/live.js" -> get(exchange, method, () -> resource("live.js"),
                        "text/javascript");
                case "/live.css" -> get(exchange, method, () -> resource("live.css"),
                        "text/css");
                case "/events" -> {
                    if (allowed(exchange, method, "GET")) {
                        events(exchange);
                    }
                }
                case "/stop" -> {
                    if (allowed(exchange, method, "POST")) {
                        stop(exchange);
                    }
                }
                default -> plain(exchange, 404, "no such page: " + path);
            }
        }
    }

    private interface Body {
        String text() throws IOException;
    }

    private void get(HttpExchange exchange, String method, Body body, String type)
            throws IOException {
        if (!allowed(exchange, method, "GET")) {
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", "default-src 'none'; script-src 'self'; "
                + "style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors 'none'");
        headers.set("X-Frame-Options", "DENY");
        send(exchange, 200, type + "; charset=utf-8", body.text());
    }

    private static boolean allowed(HttpExchange exchange, String method, String expected)
            throws IOException {
        if (method.equals(expected)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", expected);
        plain(exchange, 405, path(exchange) + " takes " + expected + ", not " + method);
        return false;
    }

    private static String path(HttpExchange exchange) {
        return exchange.getRequestURI().getPath();
    }

    private String page() throws IOException {
        return resource("index.html").replace("{{TOKEN}}", token);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LiveServer.class.getResourceAsStream("live/" + name)) {
            if (in == null) {
                throw new IOException("the live page's " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void stop(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String from = exchange.getRequestHeaders().getFirst("Origin");
        if (from != null && !from.equals(origin)) {
            plain(exchange, 403, "Stop must come from the live page itself");
            return;
        }
        String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            plain(exchange, 403, "Stop needs the run's token in the " + TOKEN_HEADER
                    + " header");
            return;
        }
        if (feed.requestStop()) {
            plain(exchange, 202, "stopping");
        } else {
            plain(exchange, 409, "training has already ended");
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        if (streams.incrementAndGet() > MAX_STREAMS || closing) {
            streams.decrementAndGet();
            plain(exchange, 503, "too many live pages are open; close one");
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            stream(exchange.getResponseBody());
        } catch (IOException e) {
            // The page went away (closed, reloaded): nothing to do.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (streams) {
                streams.decrementAndGet();
                streams.notifyAll();
            }
        }
    }

    /** Writes snapshots until training has ended and the page has every row, or closing. */
    private void stream(OutputStream out) throws IOException, InterruptedException {
        write(out, "retry: 2000\n\n");
        int sent = 0;
        long seen = -1;
        while (true) {
            LiveFeed.Snapshot snapshot = feed.snapshot(sent);
            if (snapshot.version() != seen || snapshot.to() != sent) {
                write(out, "id: " + snapshot.to() + "\nevent: progress\ndata: " + snapshot.json()
                        + "\n\n");
                sent = snapshot.to();
                seen = snapshot.version();
            }
            if (snapshot.finished()) {
                write(out, "event: end\ndata: {}\n\n");
                return;
            }
            if (closing) {
                return;
            }
            Thread.sleep(EVENT_INTERVAL_MILLIS);
            if (sent == feed.rowCount() && !feed.awaitChange(seen, KEEP_ALIVE_MILLIS)) {
                write(out, ": still here\n\n");
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void plain(HttpExchange exchange, int status, String text)
            throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text + "\n");
    }

    private static void send(HttpExchange exchange, int status, String type, String text)
            throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Lets the open pages receive the last state (for up to two seconds), then closes the
     * socket. The pages keep showing what they have.
     */
    @Override
    public void close() {
        closing = true;
        feed.close();
        long end = System.nanoTime() + CLOSE_WAIT_MILLIS * 1_000_000;
        synchronized (streams) {
            while (streams.get() > 0 && System.nanoTime() < end) {
                try {
                    streams.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
