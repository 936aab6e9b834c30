package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The live view's server, spoken to with the JDK's HTTP client during real training runs. */
@Timeout(120)
class LiveServerTest {
    private static final Pattern ITERATION = Pattern.compile(
            "\\[\"iteration\",\"Iteration\",\"(\\d+) of (\\d+)\"]");
    private static final Pattern EPOCH = Pattern.compile(
            "\\[\"epoch\",\"Epoch\",\"(\\d+) of (\\d+)\"]");

    /** A digits run that would take minutes unless stopped: 160 images, 2 iterations an epoch. */
    private static String[] longDigitsRun(Path out) {
        return new String[] {"digits", "--per-class", "20", "--hidden", "8", "--epochs",
            "100000", "--patience", "inf", "--threads", "1", "--plots", "live", "--json",
            "--out", out.toString()};
    }

    @Test
    void thePageLoadsTheStreamGrowsAndStopWithTheTokenEndsTrainingEarly(@TempDir Path temp)
            throws Exception {
        try (BackgroundRun run = BackgroundRun.start(longDigitsRun(temp))) {
            URI address = run.address();
            HttpResponse<String> page = get(address);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue(
                    "text/html; charset=utf-8");
            assertThat(page.body()).contains("<script src=\"/live.js\"", "id=\"stop\"")
                    .doesNotContain("http://", "https://");
            assertThat(get(address.resolve("/live.js")).body()).contains("EventSource");
            assertThat(get(address.resolve("/live.css")).statusCode()).isEqualTo(200);

            Iterator<String> events = events(address);
            List<Integer> iterations = new ArrayList<>();
            while (iterations.size() < 3) {
                String data = nextData(events, "progress");
                Matcher iteration = ITERATION.matcher(data);
                if (data.contains("\"running\":true") && iteration.find()) {
                    iterations.add(Integer.parseInt(iteration.group(1)));
                    assertThat(iteration.group(2)).isEqualTo("200000");
                }
            }
            assertThat(iterations).isSorted();
            assertThat(iterations.get(2)).isGreaterThan(iterations.get(0));

            assertThat(run.stop(run.token())).isEqualTo(202);
            String last = nextData(events, "end");
            assertThat(last).isEqualTo("{}");
            CommandRunner done = run.finish();

            assertThat(done.status()).as(done.err()).isZero();
            assertThat(done.out()).contains("\"stop_reason\":\"Stopped manually\"");
            Matcher epochs = Pattern.compile("\"epochs\":(\\d+)").matcher(done.out());
            assertThat(epochs.find()).isTrue();
            assertThat(Integer.parseInt(epochs.group(1))).isLessThan(100000);
            // The network is saved as usual.
            assertThat(temp.resolve("model.descent")).isNotEmptyFile();
            assertThat(temp.resolve("training-progress.png")).isNotEmptyFile();
        }
    }

    @Test
    void theLastEventOfAStoppedRunShowsTheFinalState(@TempDir Path temp) throws Exception {
        try (BackgroundRun run = BackgroundRun.start(longDigitsRun(temp))) {
            Iterator<String> events = events(run.address());
            nextData(events, "progress");
            assertThat(run.stop(run.token())).isEqualTo(202);
            String finalState = "";
            for (String data = nextData(events, "progress"); !data.equals("{}");
                    data = nextData(events, "")) {
                finalState = data;
            }

            assertThat(finalState).contains("\"status\":\"Training finished: Stopped manually\"",
                    "\"finished\":true", "[\"reason\",\"Stop reason\",\"Stopped manually\"]",
                    "\"Final validation accuracy\"");
            CommandRunner done = run.finish();
            assertThat(done.status()).isZero();
            // The panel's diagnosis is the one the command prints and puts in its JSON.
            assertShowsTheDiagnosisOf(finalState, done.out());
        }
    }

    @Test
    void stopWithoutOrWithAWrongTokenIsRefusedAndTrainingGoesOn(@TempDir Path temp)
            throws Exception {
        try (BackgroundRun run = BackgroundRun.start(longDigitsRun(temp))) {
            Iterator<String> events = events(run.address());
            nextData(events, "progress");
            String token = run.token();
            String wrong = token.substring(0, 31) + (token.charAt(31) == '0' ? '1' : '0');

            assertThat(run.stop(null)).isEqualTo(403);
            assertThat(run.stop(wrong)).isEqualTo(403);
            assertThat(run.stop("")).isEqualTo(403);
            assertThat(send(run.address().resolve("/stop"), "GET", token, null)).isEqualTo(405);
            assertThat(send(run.address().resolve("/stop"), "POST", token,
                    "http://evil.example")).isEqualTo(403);

            // Still training after the refusals: later events show more iterations and no stop.
            int before = iterationOf(nextData(events, "progress"));
            int after = before;
            while (after <= before) {
                String data = nextData(events, "progress");
                assertThat(data).contains("\"stopRequested\":false", "\"running\":true");
                after = iterationOf(data);
            }
            assertThat(run.isRunning()).isTrue();
            assertThat(run.stop(token)).isEqualTo(202);
            assertThat(run.finish().out()).contains("\"stop_reason\":\"Stopped manually\"");
        }
    }

    @Test
    void patternnetShowsPerformancePerEpochAndStopsWithUserStop(@TempDir Path temp)
            throws Exception {
        try (BackgroundRun run = BackgroundRun.start("patternnet", "--digits", "20",
                "--hidden", "5", "--epochs", "1000000", "--max-fail", "1000000", "--min-grad",
                "0", "--plots", "live", "--json", "--threads", "1", "--out",
                temp.toString())) {
            Iterator<String> events = events(run.address());
            // The first event once training has started carries the chart's layout.
            String data = nextData(events, "progress");
            while (data.contains("\"layout\":null")) {
                data = nextData(events, "progress");
            }
            assertThat(data).contains("\"xLabel\":\"Epoch\"", "\"log\":true",
                    "\"name\":\"Validation\"", "[\"training\",\"Training\",\"trainscg\"]");
            while (iterationOf(data, EPOCH) < 2) {
                data = nextData(events, "progress");
            }

            assertThat(run.stop(run.token())).isEqualTo(202);
            String finalState = data;
            for (data = nextData(events, ""); !data.equals("{}"); data = nextData(events, "")) {
                finalState = data;
            }
            CommandRunner done = run.finish();

            assertThat(done.status()).as(done.err()).isZero();
            assertThat(done.out()).contains("\"stop_reason\":\"User stop.\"");
            assertThat(temp.resolve("patternnet.descent")).isNotEmptyFile();
            assertThat(finalState).contains("\"status\":\"Training finished: User stop.\"",
                    "[\"reason\",\"Stop reason\",\"User stop.\"]");
            assertShowsTheDiagnosisOf(finalState, done.out());
        }
    }

    @Test
    void stopRunsTheActionOnlyWithTheTokenAndOnlyOnce() throws Exception {
        LiveFeed feed = new LiveFeed();
        AtomicInteger stops = new AtomicInteger();
        feed.onStop(stops::incrementAndGet);
        feed.start(Map.of(), List::of);
        try (LiveServer server = LiveServer.start(feed)) {
            URI stop = server.address().resolve("/stop");

            assertThat(send(stop, "POST", null, null)).isEqualTo(403);
            assertThat(send(stop, "POST", "0".repeat(32), null)).isEqualTo(403);
            assertThat(send(stop, "POST", server.token().toUpperCase(), null)).isEqualTo(403);
            assertThat(stops).hasValue(0);
            assertThat(feed.stopRequested()).isFalse();

            assertThat(send(stop, "POST", server.token(), server.address().toString()
                    .replaceAll("/$", ""))).isEqualTo(202);
            assertThat(send(stop, "POST", server.token(), null)).isEqualTo(202);
            assertThat(stops).hasValue(1);
            feed.finish("Training finished: Stopped manually", List::of);
            assertThat(send(stop, "POST", server.token(), null)).isEqualTo(409);
        }
    }

    @Test
    void theTokenIsNewForEveryRunAndHasOneHundredTwentyEightBits() throws Exception {
        try (LiveServer first = LiveServer.start(new LiveFeed());
                LiveServer second = LiveServer.start(new LiveFeed())) {
            assertThat(first.token()).matches("[0-9a-f]{32}").isNotEqualTo(second.token());
            assertThat(first.address().getPort()).isNotEqualTo(second.address().getPort());
            assertThat(get(first.address()).body()).contains(first.token());
        }
    }

    @Test
    void requestsNamingAnotherHostAreRefused() throws Exception {
        try (LiveServer server = LiveServer.start(new LiveFeed())) {
            int port = server.address().getPort();

            assertThat(rawStatus(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port)).isEqualTo(200);
            // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1.
            assertThat(rawStatus(port, "GET / HTTP/1.1\r\nHost: evil.example:" + port))
                    .isEqualTo(403);
            assertThat(rawStatus(port, "POST /stop HTTP/1.1\r\nHost: evil.example:" + port
                    + "\r\n" + LiveServer.TOKEN_HEADER + ": " + server.token()
                    + "\r\nContent-Length: 0")).isEqualTo(403);
            assertThat(rawStatus(port, "GET / HTTP/1.1\r\nHost: localhost:" + port))
                    .isEqualTo(403);
            assertThat(rawStatus(port, "GET /nothing HTTP/1.1\r\nHost: 127.0.0.1:" + port))
                    .isEqualTo(404);
        }
    }

    @Test
    void listensOnTheLoopbackAddressOnly() throws Exception {
        try (LiveServer server = LiveServer.start(new LiveFeed())) {
            InetSocketAddress bound = server.boundAddress();
            int port = bound.getPort();

            assertThat(bound.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(server.address()).hasToString("http://127.0.0.1:" + port + "/");
            // Every other address of this machine refuses the port. Machines without one (a
            // container with loopback only) check the bound address alone.
            for (InetAddress other : otherAddresses()) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(other, port), 2000);
                    }
                }).as("connecting to %s:%d", other, port)
                        .isInstanceOfAny(ConnectException.class, SocketTimeoutException.class);
            }
        }
    }

    /** {@code state} has the Diagnosis section with the label and remedy of {@code json}. */
    private static void assertShowsTheDiagnosisOf(String state, String json) {
        String label = jsonString(json, "diagnosis");
        String remedy = jsonString(json, "remedy");
        assertThat(label).isNotEmpty();
        assertThat(state).contains("{\"title\":\"What the curves show\",\"rows\":[[\"diagnosis\","
                + "\"Diagnosis\",\"" + label + "\"]", "[\"remedy\",\"Remedy\",\"" + remedy
                + "\"]", "[\"explanation\",\"Reading\",\""
                + jsonString(json, "diagnosis_explanation") + "\"]");
    }

    private static String jsonString(String json, String key) {
        Matcher value = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(json);
        assertThat(value.find()).as("%s in %s", key, json).isTrue();
        return value.group(1);
    }

    private static List<InetAddress> otherAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!face.isUp()) {
                continue;
            }
            try (Stream<InetAddress> all = face.inetAddresses()) {
                all.filter(a -> !a.isLoopbackAddress() && a instanceof Inet4Address)
                        .forEach(addresses::add);
            }
        }
        // 127.0.0.2 is loopback too but not the bound address.
        addresses.add(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}));
        return addresses;
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return BackgroundRun.HTTP.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int send(URI uri, String method, String token, String origin)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header(LiveServer.TOKEN_HEADER, token);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return BackgroundRun.HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The lines of {@code /events}, read as they come. */
    private static Iterator<String> events(URI address) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = BackgroundRun.HTTP.send(
                HttpRequest.newBuilder(address.resolve("/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        return response.body().iterator();
    }

    /**
     * The data of the next event named {@code name} (any event when empty); fails when the
     * stream ends first.
     */
    private static String nextData(Iterator<String> lines, String name) {
        String event = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ") && event != null
                    && (name.isEmpty() || event.equals(name))) {
                return line.substring(6);
            }
        }
        throw new AssertionError("the event stream ended before a '" + name + "' event");
    }

    private static int iterationOf(String data) {
        return iterationOf(data, ITERATION);
    }

    private static int iterationOf(String data, Pattern pattern) {
        Matcher iteration = pattern.matcher(data);
        assertThat(iteration.find()).as(data).isTrue();
        return Integer.parseInt(iteration.group(1));
    }

    /** Sends {@code head} (request line and headers) on a plain socket; the status code. */
    private static int rawStatus(int port, String head) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                port)) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String status = in.readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
