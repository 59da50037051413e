package dev.portcullis.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service behind the gateway in the examples: the JDK's {@link HttpServer} on {@code 127.0.0.1}, answering every
 * request with a small JSON description of what reached it, so you can see what the gateway forwarded:
 *
 * <pre>{@code
 * {"service":"demo-upstream","method":"GET","path":"/orders","query":"page=2","tenant":"acme","requestId":"...","user":null}
 * }</pre>
 *
 * <p>It discards request bodies up to 64 KiB and closes the exchange without reading further ones. Thread-safe;
 * {@link #close()} stops it at once.
 *
 * <pre>{@code
 * try (DemoUpstream upstream = DemoUpstream.start(0)) {
 *     Route api = Route.builder("api").path("/api/**").stripPrefix(1).upstream(upstream.baseUri()).build();
 * }
 * }</pre>
 */
public final class DemoUpstream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DRAINED_BODY = 64 * 1024;
    private final HttpServer server;
    private final ExecutorService executor;

    private DemoUpstream(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param port the port on {@code 127.0.0.1}, 0 for any free one
     * @return the started upstream
     * @throws IOException if it cannot bind
     */
    public static DemoUpstream start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", DemoUpstream::answer);
        server.start();
        return new DemoUpstream(server, executor);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readNBytes(MAX_DRAINED_BODY);
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("service", "demo-upstream");
            seen.put("method", exchange.getRequestMethod());
            seen.put("path", exchange.getRequestURI().getRawPath());
            seen.put("query", exchange.getRequestURI().getRawQuery());
            seen.put("tenant", exchange.getRequestHeaders().getFirst("X-Tenant"));
            seen.put("requestId", exchange.getRequestHeaders().getFirst("X-Request-Id"));
            seen.put("user", exchange.getRequestHeaders().getFirst("X-User-Id"));
            byte[] json = JSON.writeValueAsBytes(seen);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            exchange.getResponseBody().write(json);
        }
    }

    /** @return {@code http://127.0.0.1:port} */
    public String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
