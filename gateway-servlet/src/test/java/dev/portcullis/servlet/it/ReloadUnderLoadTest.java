package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.Gateway;
import dev.portcullis.servlet.GatewayFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Gateway#reload} under load, through a real container and a real upstream: eight clients stream bodies both
 * ways and fetch small answers while the gateway is reloaded a hundred times between two configurations that route the
 * same paths differently (and name the request-id header differently). No request fails, every answer comes whole
 * from one configuration, and afterwards no thread and no connection is left behind.
 */
class ReloadUnderLoadTest {
    private static final int CLIENTS = 8;
    private static final int RELOADS = 100;
    private static final int MIN_REQUESTS_PER_CLIENT = 30;
    private static final Duration LOAD_DEADLINE = Duration.ofSeconds(120);
    private static final byte[] CHUNK = pattern(8 * 1024);
    private static final int STREAMED_CHUNKS = 32;
    private static final byte[] STREAMED = streamed();
    private static final byte[] UPLOAD = pattern(192 * 1024 + 7);
    private static final Map<String, String> ID_HEADER = Map.of("a", "X-Request-Id", "b", "X-Trace-Id");

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void aHundredReloadsUnderStreamingLoadFailNoRequestAndLeaveNoThreadOrConnectionBehind(ServletContainer container)
            throws Exception {
        assumeTrue(TcpConnections.available(), "needs /proc/net/tcp to find leaked connections");
        try (TestUpstream upstream = TestUpstream.start(ReloadUnderLoadTest::serve)) {
            GatewayFilter filter = configure(GatewayFilter.builder(), "a", upstream).build();
            try (RunningServer server = container.start(filter, new AppServlet())) {
                reloadUnderLoad(filter.gateway(), server, upstream);
            }
        }
    }

    private static void reloadUnderLoad(Gateway gateway, RunningServer server, TestUpstream upstream)
            throws Exception {
        Load load = new Load(server);
        load.warmUp();
        Threads before = Threads.now();

        List<CompletableFuture<Void>> drained = load.during(() -> reloadRepeatedly(gateway, upstream, load));

        assertEquals(List.of(), List.copyOf(load.problems), "failed or wrong answers");
        CompletableFuture.allOf(drained.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        Threads.awaitEnd("portcullis-retire");
        Threads.now().assertNoLeakSince(before, CLIENTS * 2);
        List<TcpConnections.Connection> connections = TcpConnections.read();
        assertFalse(connections.stream().anyMatch(c -> c.localPort() == server.port() && c.closeWait()),
                "a client connection the gateway never closed");
        assertFalse(connections.stream().anyMatch(c -> c.remotePort() == upstream.port() && c.closeWait()),
                "an upstream connection the gateway never closed");
        long pooled = connections.stream().filter(c -> c.localPort() == upstream.port() && c.established())
                .count();
        assertTrue(pooled <= CLIENTS * 2, pooled + " connections to the upstream: the pool was not kept");
    }

    /**
     * Reloads between the two configurations, each time until an answer from the configuration just swapped in
     * arrives.
     */
    private static List<CompletableFuture<Void>> reloadRepeatedly(Gateway gateway, TestUpstream upstream, Load load)
            throws InterruptedException {
        List<CompletableFuture<Void>> drained = new ArrayList<>();
        for (int i = 1; i <= RELOADS; i++) {
            String config = i % 2 == 0 ? "a" : "b";
            Semaphore answered = load.answered.get(config);
            answered.drainPermits();
            drained.add(gateway.reload(configure(Gateway.builder(), config, upstream)).toCompletableFuture());
            assertTrue(answered.tryAcquire(20, TimeUnit.SECONDS), "reload " + i + ": no answer from " + config);
        }
        return drained;
    }

    /**
     * Configuration {@code a} routes {@code /api/**} to the upstream as it is and names the request id
     * {@code X-Request-Id}; {@code b} strips {@code /api} and routes to the upstream's {@code /api} base, and names
     * it {@code X-Trace-Id}. Both tag their answers with {@code X-Config}.
     */
    private static <B extends Gateway.Settings<B>> B configure(B settings, String config, TestUpstream upstream) {
        String base = upstream.baseUri();
        Route route = config.equals("a") ? Route.builder("a").path("/api/**").upstream(base).build()
                : Route.builder("b").path("/api/**").stripPrefix(1).upstream(base + "/api").build();
        Interceptor tag = Interceptor.named("Tag", chain -> chain.proceed(chain.request())
                .thenApply(response -> response.withHeader("X-Config", config)));
        return settings.requestIdHeader(ID_HEADER.get(config))
                .pipeline(Pipeline.builder().add(tag).add(Routing.interceptor(RouteTable.of(route))).build());
    }

    private static void serve(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestURI().getPath()) {
            case "/api/stream" -> {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < STREAMED_CHUNKS; i++) {
                        out.write(CHUNK);
                        out.flush();
                    }
                }
            }
            case "/api/upload" -> TestUpstream.reply(exchange, 200, crc(exchange.getRequestBody().readAllBytes()));
            default -> TestUpstream.reply(exchange, 200, "small");
        }
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    private static byte[] streamed() {
        byte[] all = new byte[CHUNK.length * STREAMED_CHUNKS];
        for (int i = 0; i < STREAMED_CHUNKS; i++) {
            System.arraycopy(CHUNK, 0, all, i * CHUNK.length, CHUNK.length);
        }
        return all;
    }

    private static String crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Long.toHexString(crc.getValue());
    }

    /** The client side: eight threads sending the three kinds of request in turn, noting what went wrong. */
    private static final class Load {
        private final RunningServer server;
        private final Queue<String> problems = new ConcurrentLinkedQueue<>();
        private final Map<String, Semaphore> answered = Map.of("a", new Semaphore(0), "b", new Semaphore(0));
        private final AtomicBoolean reloading = new AtomicBoolean(true);

        Load(RunningServer server) {
            this.server = server;
        }

        /** Sends each kind of request from every client at once, so the pools have grown before threads are counted. */
        void warmUp() throws Exception {
            runClients(n -> n < 3, () -> null);
            assertEquals(List.of(), List.copyOf(problems), "failed or wrong answers before any reload");
        }

        /** @return what {@code work} returns, once it is done and each client has sent its minimum */
        <T> T during(Work<T> work) throws Exception {
            return runClients(n -> reloading.get() || n < MIN_REQUESTS_PER_CLIENT, () -> {
                try {
                    return work.run();
                } finally {
                    reloading.set(false);
                }
            });
        }

        /** Each client sends requests while {@code more} says so (of the count sent), then {@code work} runs. */
        private <T> T runClients(IntPredicate more, Work<T> work) throws Exception {
            long deadline = System.nanoTime() + LOAD_DEADLINE.toNanos();
            ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<Void>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    clients.add(threads.submit(() -> {
                        for (int n = 0; more.test(n) && System.nanoTime() < deadline; n++) {
                            send(n % 3);
                        }
                        return null;
                    }));
                }
                T result = work.run();
                for (Future<Void> client : clients) {
                    client.get(LOAD_DEADLINE.toSeconds(), TimeUnit.SECONDS);
                }
                return result;
            } finally {
                threads.shutdownNow();
                assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
            }
        }

        /** @param kind 0: a streamed download, 1: an upload, 2: a small answer */
        private void send(int kind) {
            String[] paths = {"/api/stream", "/api/upload", "/api/small"};
            HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(paths[kind])).timeout(Duration.ofSeconds(30));
            if (kind == 1) {
                request.POST(HttpRequest.BodyPublishers.ofByteArray(UPLOAD));
            }
            try {
                HttpResponse<byte[]> response = Http.client().send(request.build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                check(paths[kind], response, kind == 0 ? STREAMED : (kind == 1 ? crc(UPLOAD) : "small").getBytes());
            } catch (IOException e) {
                problems.add(paths[kind] + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add(paths[kind] + ": interrupted");
            }
        }

        private void check(String path, HttpResponse<byte[]> response, byte[] expected) {
            String config = response.headers().firstValue("X-Config").orElse("none");
            String idHeader = ID_HEADER.get(config);
            if (response.statusCode() != 200 || idHeader == null) {
                problems.add(path + ": " + response.statusCode() + " from configuration " + config);
            } else if (!Arrays.equals(expected, response.body())) {
                problems.add(path + ": a body of " + response.body().length + " bytes, not the one expected");
            } else if (response.headers().firstValue(idHeader).isEmpty()
                    || response.headers().allValues(ID_HEADER.get(config.equals("a") ? "b" : "a")).size() > 0) {
                problems.add(path + ": configuration " + config + " answered without its request-id header "
                        + idHeader + ", or with the other one");
            } else {
                answered.get(config).release();
            }
        }
    }

    /** The work done while the load runs. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    /** The live threads at one moment, by name. */
    private record Threads(List<String> names) {
        static Threads now() {
            return new Threads(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .map(Thread::getName).toList());
        }

        /** Waits for every thread whose name starts with {@code prefix} to end. */
        static void awaitEnd(String prefix) throws InterruptedException {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith(prefix)) {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                    assertFalse(thread.isAlive(), thread.getName() + " still runs");
                }
            }
        }

        long count(String part) {
            return names.stream().filter(name -> name.contains(part)).count();
        }

        /**
         * The threads there is one of per upstream client (its deadline timer, its HTTP clients' selectors) are no more
         * than before (some of an earlier test's may have ended since); the total, which container and client pools
         * move with the load, is within {@code slack} of before.
         */
        void assertNoLeakSince(Threads before, int slack) {
            assertTrue(count("portcullis-upstream-deadlines") <= before.count("portcullis-upstream-deadlines"),
                    "more upstream clients than before: " + names);
            assertTrue(count("SelectorManager") <= before.count("SelectorManager"),
                    "more HTTP client selectors than before: " + names);
            assertTrue(names.size() <= before.names.size() + slack,
                    names.size() + " threads after the reloads, " + before.names.size() + " before: " + names);
        }
    }
}
