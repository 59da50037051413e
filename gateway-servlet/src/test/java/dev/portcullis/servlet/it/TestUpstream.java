package dev.portcullis.servlet.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An upstream service for tests: the JDK's {@link HttpServer} on {@code 127.0.0.1} and an ephemeral port, with one
 * handler for every path and a thread per exchange (so a handler may block). {@link #echo()} answers with the
 * request line and headers it received, which is what most proxy tests check.
 *
 * <pre>{@code
 * try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo())) {
 *     Route route = Route.builder("r").path("/api/**").upstream(upstream.baseUri()).build();
 * }
 * }</pre>
 */
public final class TestUpstream implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private TestUpstream(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param handler answers every request
     * @return the started upstream
     * @throws IOException if it cannot bind
     */
    public static TestUpstream start(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        ExecutorService executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return new TestUpstream(server, executor);
    }

    /**
     * @return a handler answering 200 {@code text/plain}: the method and raw URI on the first line, then one
     *     {@code name: value} line per received header value, then an empty line and the request body
     */
    public static HttpHandler echo() {
        return exchange -> {
            StringBuilder text = new StringBuilder();
            text.append(exchange.getRequestMethod()).append(' ').append(exchange.getRequestURI().toString()).append('\n');
            exchange.getRequestHeaders().forEach((name, values) ->
                    values.forEach(value -> text.append(name.toLowerCase(java.util.Locale.ROOT)).append(": ")
                            .append(value).append('\n')));
            text.append('\n');
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] head = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, head.length + body.length);
            exchange.getResponseBody().write(head);
            exchange.getResponseBody().write(body);
            exchange.close();
        };
    }

    /**
     * @param exchange an exchange
     * @param status the status
     * @param body the body text
     * @throws IOException if writing fails
     */
    public static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** @return the port on {@code 127.0.0.1} */
    public int port() {
        return server.getAddress().getPort();
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
