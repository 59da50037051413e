package dev.portcullis.servlet.it.validation;

import com.sun.net.httpserver.HttpExchange;
import dev.portcullis.servlet.it.TestUpstream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A recording upstream shared by the tests of one class: every request it receives is queued as a {@link Seen}
 * (its body read to the end, or the failure that cut it short), then answered 200 {@code text/plain} {@code ok}.
 * A few paths answer with extra headers, so response-side stages have something to work on:
 * {@code .../redirect} sends an absolute {@code Location} on this upstream ({@code <base>/v2/orders/7?x=1}), and
 * {@code .../decorated} sends {@code Server}, {@code X-Upstream}, {@code Access-Control-Allow-Origin: *} and
 * {@code Vary: Accept-Encoding}.
 *
 * <pre>{@code
 * try (Upstream upstream = Upstream.start()) {
 *     ...
 *     Upstream.Seen seen = upstream.next();
 * }
 * }</pre>
 */
public final class Upstream implements AutoCloseable {
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private final TestUpstream server;

    /**
     * One request as the upstream received it.
     *
     * @param method the method
     * @param rawUri the raw request target
     * @param headers every header value by lower-case name
     * @param body the body bytes read before the end or the failure
     * @param failure why reading the body stopped early, or null when it was read completely
     */
    public record Seen(String method, String rawUri, Map<String, List<String>> headers, byte[] body,
                       IOException failure) {
        /** @param name a header name, any case @return its values, in order, or an empty list */
        public List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    private Upstream() throws IOException {
        this.server = TestUpstream.start(this::handle);
    }

    /** @return a started upstream on 127.0.0.1 */
    public static Upstream start() throws IOException {
        return new Upstream();
    }

    /** @return {@code http://127.0.0.1:port} */
    public String baseUri() {
        return server.baseUri();
    }

    /** @return the next received request, waiting up to 20 s */
    public Seen next() throws InterruptedException {
        Seen next = seen.poll(20, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the upstream received no request");
        }
        return next;
    }

    /** @return whether a request arrived that {@link #next()} has not taken yet */
    public boolean received() {
        return !seen.isEmpty();
    }

    /** Forgets what earlier tests sent. */
    public void clear() {
        seen.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        IOException failure = null;
        try {
            exchange.getRequestBody().transferTo(body);
        } catch (IOException e) {
            failure = e;
        }
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                body.toByteArray(), failure));
        if (failure != null) {
            exchange.close();
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        if (path.endsWith("/redirect")) {
            exchange.getResponseHeaders().add("Location", baseUri() + "/v2/orders/7?x=1");
        } else if (path.endsWith("/decorated")) {
            exchange.getResponseHeaders().add("Server", "upstream-secret/1.0");
            exchange.getResponseHeaders().add("X-Upstream", "kept");
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.getResponseHeaders().add("Vary", "Accept-Encoding");
        }
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(path.endsWith("/redirect") ? 201 : 200, ok.length);
        exchange.getResponseBody().write(ok);
        exchange.close();
    }

    @Override
    public void close() {
        server.close();
    }
}
