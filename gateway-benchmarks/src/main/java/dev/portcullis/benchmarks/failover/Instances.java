package dev.portcullis.benchmarks.failover;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Upstream instances on 127.0.0.1 and ephemeral ports: the JDK's HTTP server answering every request (health checks
 * included) with a 1 KiB {@code 200}. {@link #kill(int)} stops one at once: its listening socket and every open
 * connection close, so the gateway's pooled connections to it reset and new ones are refused.
 */
final class Instances implements AutoCloseable {
    private static final byte[] BODY = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<ExecutorService> pools = new ArrayList<>();

    /**
     * @param count how many instances to start
     * @throws IOException if one cannot bind
     */
    Instances(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            server.setExecutor(pool);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, BODY.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(BODY);
                }
            });
            server.start();
            servers.add(server);
            pools.add(pool);
        }
    }

    /** @return each instance's base URI, {@code http://127.0.0.1:port} */
    List<String> uris() {
        return servers.stream().map(server -> "http://127.0.0.1:" + server.getAddress().getPort()).toList();
    }

    /** @param index the instance to stop at once, its connections closed */
    void kill(int index) {
        servers.get(index).stop(0);
        pools.get(index).shutdownNow();
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        pools.forEach(ExecutorService::shutdownNow);
    }
}
