package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.portcullis.config.testing.Decisions;
import dev.portcullis.config.testing.Requests;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.client.UpstreamClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads in a bounded loop leak nothing: a client whose section is unchanged is reused, and each replaced client is
 * closed (its thread pool ends), so however many reloads ran, one client's threads are alive; the limiter's buckets
 * keep counting through every reload of an unchanged store.
 */
class ReloadLoopTest {
    private static final int RELOADS = 20;

    @TempDir
    Path directory;

    private static String[] file(int maxConnections, String responseTimeout) {
        return new String[] {
            "pipeline: [routing, limit]",
            "client: {type: jetty, maxConnectionsPerDestination: " + maxConnections + "}",
            "routes: [{id: api, upstreams: ['http://10.0.0.5:8080'], timeouts: {response: " + responseTimeout + "}}]",
            "rateLimiting:",
            "  stores: {local: {local: {}}}",
            "  policies: {p: {limits: [{name: b, quota: " + RELOADS + ", window: 1h, refill: interval}]}}",
            "  limiters: {limit: {defaultPolicy: p, store: local}}"};
    }

    @Test
    void reloadsInALoopKeepOneClientAliveAndTheBucketsCounting() throws Exception {
        ConfigFiles files = new ConfigFiles(directory);
        GatewayConfig.Loader loader = files.loader();
        int before = clientThreads().size();
        GatewayConfig first = loader.load(files.write(file(8, "10s")));
        int oneClient = clientThreads().size() - before;
        AtomicReference<UpstreamClient> inUse = new AtomicReference<>(clientOf(first));
        ReloadTarget drainsAtOnce = next -> {
            try (Gateway gateway = next.build()) {
                inUse.set(gateway.upstreamClient());
            }
            return CompletableFuture.completedFuture(null);
        };
        try (ConfigReloader reloader = ConfigReloader.builder(loader, first, drainsAtOnce).build()) {
            for (int i = 0; i < RELOADS; i++) {
                files.write(file(i % 2 == 0 ? 16 : 8, i % 3 == 0 ? "20s" : "10s"));
                ReloadResult.Applied applied = assertInstanceOf(ReloadResult.Applied.class, reloader.reload());
                applied.drained().toCompletableFuture().join();
                assertEquals(200, Decisions.run(reloader.current().pipeline(), Requests.of("GET", "/x").build("r"))
                        .status());
            }
            joinEndedClientThreads(before + oneClient);
            assertEquals(before + oneClient, clientThreads().size(), "the threads of one client alive");
            assertEquals(429, Decisions.run(reloader.current().pipeline(), Requests.of("GET", "/x").build("r"))
                    .status(), "the bucket counted every request across the reloads");
        }
        joinEndedClientThreads(before);
        assertEquals(before, clientThreads().size(), "closing the reloader closed the last client");
    }

    private static UpstreamClient clientOf(GatewayConfig config) {
        try (Gateway gateway = config.applyTo(Gateway.builder()).build()) {
            return gateway.upstreamClient();
        }
    }

    /** @return the live threads of Jetty clients' own pools ({@code portcullis-jetty-upstream-<n>}) */
    private static List<Thread> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(thread -> thread.getName().matches("portcullis-jetty-upstream-[0-9]+")).toList();
    }

    /** Waits, at most 10 s, until no more than {@code expected} client threads are alive. */
    private static void joinEndedClientThreads(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (clientThreads().size() > expected && System.nanoTime() < deadline) {
            for (Thread thread : clientThreads()) {
                thread.join(100);
            }
        }
    }
}
