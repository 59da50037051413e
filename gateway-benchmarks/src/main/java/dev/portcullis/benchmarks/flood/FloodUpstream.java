package dev.portcullis.benchmarks.flood;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The upstream of {@code bench/flood.sh}: the JDK's HTTP server on 127.0.0.1 answering every request with a
 * 1 KiB {@code 200}, on a fixed pool of 16 threads, until the process is killed. Requests under {@code /api/hold}
 * are answered the same way {@value #HOLD_SECONDS} s after they arrive, from a timer rather than a pool thread, so
 * the flood script can count what an exchange in flight costs the gateway.
 *
 * <p>Usage: {@code FloodUpstream PORT}.
 */
public final class FloodUpstream {
    /** How long requests under {@code /api/hold} wait for their answer. */
    static final int HOLD_SECONDS = 4;

    private FloodUpstream() {
    }

    /**
     * Starts the upstream.
     *
     * @param args the port to listen on
     * @throws IOException when the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        byte[] body = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 4096);
        server.setExecutor(Executors.newFixedThreadPool(16));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        server.createContext("/", exchange -> answer(exchange, body));
        server.createContext("/api/hold", exchange -> timer.schedule(() -> {
            answer(exchange, body);
            return null;
        }, HOLD_SECONDS, TimeUnit.SECONDS));
        server.start();
        System.out.println("upstream listening on " + args[0]);
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
