package dev.portcullis.benchmarks.flood;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The upstream of {@code bench/flood.sh}: the JDK's HTTP server on 127.0.0.1 answering every request with a
 * 1 KiB {@code 200}, on a fixed pool of 16 threads, until the process is killed.
 *
 * <p>Usage: {@code FloodUpstream PORT}.
 */
public final class FloodUpstream {

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
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("upstream listening on " + args[0]);
    }
}
