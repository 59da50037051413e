package dev.portcullis.client.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.core.client.ConnectionPoolFigures;
import dev.portcullis.core.client.UpstreamCapacityExceededException;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.Test;

/** The contract against {@link JettyUpstreamClient}, plus what only this client promises. */
class JettyUpstreamClientTest extends UpstreamClientContract {
    @Override
    protected UpstreamClient newClient() {
        return JettyUpstreamClient.builder().maxConnectionsPerDestination(1).build();
    }

    @Test
    void aRequestBeyondTheFullQueueFailsWithCapacityExceededWithoutReachingTheUpstream() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        String base = holdingUpstream(arrived, release, received);
        try (UpstreamClient small = JettyUpstreamClient.builder().maxConnectionsPerDestination(1)
                .maxRequestsQueuedPerDestination(1).build()) {
            CompletableFuture<UpstreamResponse> held = small.exchange(request("GET", base + "/held",
                    HttpHeaders.empty(), Body.empty()));
            assertTrue(arrived.await(10, TimeUnit.SECONDS));
            CompletableFuture<UpstreamResponse> queued = small.exchange(request("GET", base + "/queued",
                    HttpHeaders.empty(), Body.empty()));
            CompletableFuture<UpstreamResponse> third = small.exchange(request("GET", base + "/third",
                    HttpHeaders.empty(), Body.empty()));
            ExecutionException failure = assertThrows(ExecutionException.class, () -> third.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof UpstreamCapacityExceededException, failure.getCause().toString());
            release.countDown();
            UpstreamResponse first = held.get(10, TimeUnit.SECONDS);
            bodyOf(first);
            UpstreamResponse second = queued.get(10, TimeUnit.SECONDS);
            bodyOf(second);
            assertEquals(204, first.status());
            assertEquals(204, second.status());
            assertEquals(2, received.get());
        }
    }

    @Test
    void thePoolFiguresShowTheBusyConnectionThenTheSameConnectionIdle() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String base = holdingUpstream(arrived, release, new java.util.concurrent.atomic.AtomicInteger());
        java.net.URI instance = java.net.URI.create(base);
        assertEquals(new ConnectionPoolFigures(0, 0, 0, 1, 0), client.connectionPool(instance).orElseThrow(),
                "before the first request: nothing open, the limit");

        CompletableFuture<UpstreamResponse> held = client.exchange(request("GET", base + "/held",
                HttpHeaders.empty(), Body.empty()));
        assertTrue(arrived.await(10, TimeUnit.SECONDS));
        assertEquals(new ConnectionPoolFigures(1, 0, 0, 1, 0), client.connectionPool(instance).orElseThrow());
        release.countDown();
        bodyOf(held.get(10, TimeUnit.SECONDS));

        ConnectionPoolFigures after = awaitIdle(instance);
        assertEquals(new ConnectionPoolFigures(0, 1, 0, 1, 0), after);
        assertEquals(ConnectionPoolFigures.empty(1), client.connectionPool(java.net.URI.create("http://127.0.0.1:1"))
                .orElseThrow(), "another instance has its own pool");
    }

    /** Jetty releases the connection just after the body's end reaches the subscriber: wait (at most 10 s). */
    private ConnectionPoolFigures awaitIdle(java.net.URI instance) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ConnectionPoolFigures figures = client.connectionPool(instance).orElseThrow();
        while (figures.idle() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
            figures = client.connectionPool(instance).orElseThrow();
        }
        return figures;
    }

    /**
     * @return the base URI of an upstream that counts each request in {@code received}, counts {@code arrived} down
     *     and answers 204 once {@code release} is (at most 10 s)
     */
    private String holdingUpstream(CountDownLatch arrived, CountDownLatch release,
                                   java.util.concurrent.atomic.AtomicInteger received) throws java.io.IOException {
        return upstream(exchange -> {
            received.incrementAndGet();
            arrived.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
    }

    /**
     * Jetty 12.1 drops the failed read interest of a connection whose end point is closed underneath it (on TLS: when
     * the peer's close was read while the request was flushed at the end of the handshake), so without
     * {@link ClosedConnections} this exchange waits out its one-minute response timeout.
     */
    @Test
    void anExchangeWhoseConnectionIsClosedUnderneathItFailsAtOnceInsteadOfWaitingForItsResponseTimeout()
            throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String base = holdingUpstream(arrived, release, new java.util.concurrent.atomic.AtomicInteger());
        CompletableFuture<Connection> opened = new CompletableFuture<>();
        try (JettyUpstreamClient upstreams = JettyUpstreamClient.create()) {
            HttpClient jetty = upstreams.newClient(Duration.ofSeconds(5));
            try {
                jetty.addBean(new Connection.Listener() {
                    @Override
                    public void onOpened(Connection connection) {
                        opened.complete(connection);
                    }
                });
                CompletableFuture<UpstreamResponse> response = new JettyExchange(jetty, new UpstreamRequest("GET",
                        java.net.URI.create(base + "/held"), HttpHeaders.empty(), Body.empty(),
                        Duration.ofSeconds(5), Duration.ofMinutes(1))).start();
                assertTrue(arrived.await(10, TimeUnit.SECONDS));

                opened.get(10, TimeUnit.SECONDS).getEndPoint().close();

                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> response.get(10, TimeUnit.SECONDS));
                assertTrue(failure.getCause() instanceof java.io.IOException, failure.getCause().toString());
            } finally {
                release.countDown();
                LifeCycle.stop(jetty);
            }
        }
    }

    @Test
    void aQueueBoundBelowOneIsRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JettyUpstreamClient.builder().maxRequestsQueuedPerDestination(0).build());
        assertTrue(e.getMessage().startsWith("maxRequestsQueuedPerDestination"), e.getMessage());
    }

    @Test
    void aHostHeaderInTheRequestIsSentAsGiven() throws Exception {
        CompletableFuture<String> host = new CompletableFuture<>();
        String base = upstream(exchange -> {
            host.complete(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        UpstreamResponse response = client.exchange(request("GET", base + "/",
                HttpHeaders.builder().add("Host", "shop.example.com").build(), Body.empty())).get(10, TimeUnit.SECONDS);
        bodyOf(response);
        assertEquals("shop.example.com", host.get(10, TimeUnit.SECONDS));
    }

    @Test
    void cancellingBeforeTheHeadersFreesTheOnlyPooledConnection() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        String base = upstream(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "fast".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        CompletableFuture<UpstreamResponse> slow = client.exchange(request("GET", base + "/slow", HttpHeaders.empty(),
                Body.empty()));
        CompletableFuture<UpstreamResponse> queued = client.exchange(request("GET", base + "/fast",
                HttpHeaders.empty(), Body.empty()));
        slow.cancel(true);
        UpstreamResponse response = queued.get(5, TimeUnit.SECONDS);
        release.countDown();
        assertEquals("fast", new String(bodyOf(response), StandardCharsets.UTF_8));
    }

    @Test
    void aBodylessGetCarriesNoContentLengthAtAll() throws Exception {
        CompletableFuture<String> length = new CompletableFuture<>();
        String base = upstream(exchange -> {
            length.complete(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Length")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        bodyOf(client.exchange(request("GET", base + "/", HttpHeaders.empty(), Body.empty())).get(10, TimeUnit.SECONDS));
        assertEquals("null", length.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aSharedExecutorRunsTheExchangeAndOutlivesTheClient() throws Exception {
        org.eclipse.jetty.util.thread.QueuedThreadPool pool = new org.eclipse.jetty.util.thread.QueuedThreadPool();
        pool.setName("shared-pool");
        pool.start();
        try {
            String base = upstream(exchange -> {
                byte[] body = "shared".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            CompletableFuture<String> thread = new CompletableFuture<>();
            try (UpstreamClient shared = JettyUpstreamClient.builder().executor(pool).build()) {
                UpstreamResponse response = shared.exchange(request("GET", base + "/", HttpHeaders.empty(),
                        Body.empty())).whenComplete((r, f) -> thread.complete(Thread.currentThread().getName()))
                        .get(10, TimeUnit.SECONDS);
                assertEquals("shared", new String(bodyOf(response), StandardCharsets.UTF_8));
            }
            assertTrue(thread.get(10, TimeUnit.SECONDS).startsWith("shared-pool"), thread.get());
            assertTrue(pool.isRunning(), "closing the client stopped the executor it did not own");
        } finally {
            pool.stop();
        }
    }

    @Test
    void aBurstOfFirstRequestsOnEveryThreadOfASharedPoolNeverWaitsForTheClientToStart() throws Exception {
        int threads = 8;
        org.eclipse.jetty.util.thread.QueuedThreadPool pool =
                new org.eclipse.jetty.util.thread.QueuedThreadPool(threads, threads);
        pool.setReservedThreads(0);
        pool.setDaemon(true);
        pool.setStopTimeout(1_000);
        pool.start();
        try (UpstreamClient shared = JettyUpstreamClient.builder().executor(pool).build()) {
            String base = upstream(exchange -> {
                byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            CountDownLatch running = new CountDownLatch(threads);
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch returned = new CountDownLatch(threads);
            java.util.List<CompletableFuture<UpstreamResponse>> responses =
                    new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < threads; i++) {
                pool.execute(() -> {
                    running.countDown();
                    try {
                        gate.await();
                        responses.add(shared.exchange(request("GET", base + "/", HttpHeaders.empty(),
                                Body.empty())));
                        returned.countDown();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(running.await(10, TimeUnit.SECONDS), "the pool did not run every task");
            gate.countDown();
            assertTrue(returned.await(10, TimeUnit.SECONDS),
                    "request threads were stuck in exchange while the client started");
            for (CompletableFuture<UpstreamResponse> response : responses) {
                assertEquals("ok", new String(bodyOf(response.get(10, TimeUnit.SECONDS)), StandardCharsets.UTF_8));
            }
        } finally {
            pool.stop();
        }
    }

    @Test
    void theBuilderRejectsANonPositiveIdleTimeoutNamingTheSetting() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> JettyUpstreamClient.builder().idleTimeout(Duration.ZERO).build());
        assertTrue(failure.getMessage().startsWith("idleTimeout"), failure.getMessage());
    }
}
