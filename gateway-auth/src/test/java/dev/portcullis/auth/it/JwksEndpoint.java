package dev.portcullis.auth.it;

import com.nimbusds.jose.jwk.JWK;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.auth.Tokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real JWKS endpoint on 127.0.0.1: one key set per name at {@code /<name>}, and a gate that holds the next fetch of
 * a name until the test releases it (which the test kit's {@code JwksServer} cannot do). {@link #close()} stops it:
 * from then on connections are refused.
 */
final class JwksEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, String> sets = new ConcurrentHashMap<>();
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    private JwksEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return a started endpoint without key sets */
    static JwksEndpoint start() throws IOException {
        return new JwksEndpoint();
    }

    /** Publishes (or replaces) the public halves of {@code keys} as the set {@code name}. @return its URL */
    URI publish(String name, JWK... keys) {
        sets.put(name, Tokens.jwks(keys));
        return uri(name);
    }

    /** @return the URL of the set {@code name} */
    URI uri(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    /** @return a gate that the next fetch of {@code name} waits at until {@link Gate#release()} */
    Gate holdNext(String name) {
        Gate gate = new Gate();
        gates.put(name, gate);
        return gate;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(1);
        Gate gate = gates.remove(name);
        if (gate != null) {
            gate.arrived.countDown();
            gate.await(gate.released);
        }
        String body = sets.get(name);
        byte[] bytes = (body == null ? "{\"keys\":[]}" : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        gates.values().forEach(Gate::release);
        server.stop(0);
        executor.shutdownNow();
    }

    /** Holds one fetch: the test waits for it to arrive, then lets it answer. */
    static final class Gate {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** @return whether the fetch arrived within 10 s */
        boolean awaitArrival() {
            return await(arrived);
        }

        /** Lets the held fetch answer. */
        void release() {
            released.countDown();
        }

        private boolean await(CountDownLatch latch) {
            try {
                return latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
