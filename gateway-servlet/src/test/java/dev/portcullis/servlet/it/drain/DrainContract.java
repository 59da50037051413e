package dev.portcullis.servlet.it.drain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.routing.Route;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.Gateways;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestUpstream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The graceful drain of a destroyed {@link GatewayFilter} in real Jetty and Tomcat containers, whichever upstream
 * client the gateway created: long downloads in flight finish intact, a routed request that arrives meanwhile gets
 * 503 with {@code Connection: close}, the client is closed afterwards, and a download longer than the drain timeout
 * is cut at the deadline. A module runs it by extending it with the client it puts on the classpath.
 */
public abstract class DrainContract {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final String PING = "GET /api/ping HTTP/1.1\r\nHost: gw\r\n\r\n";
    private static final int DOWNLOADS = 3;

    /**
     * Checks what the client's kind can show of its closed connection pools, beyond refusing to send.
     *
     * @param upstreamPort the port of the upstream the pools held connections to
     * @throws IOException if the check cannot read what it looks at
     */
    protected void assertPoolsClosed(int upstreamPort) throws IOException {
    }

    private static GatewayFilter filter(TestUpstream upstream, Duration drainTimeout) {
        return Gateways.builder(Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build())
                .drainTimeout(drainTimeout).build();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void downloadsInFlightWhenTheFilterIsDestroyedFinishIntactWhileANewRoutedRequestGets503WithConnectionClose(
            ServletContainer container) throws Exception {
        SlowDownload slow = new SlowDownload(70);
        try (TestUpstream upstream = TestUpstream.start(slow)) {
            GatewayFilter filter = filter(upstream, Duration.ofSeconds(30));
            try (RunningServer server = container.start(filter, new AppServlet());
                 Socket keptAlive = keptAlive(server)) {
                ExecutorService clients = Executors.newFixedThreadPool(DOWNLOADS);
                try {
                    List<Future<RawHttp.Response>> downloads = startDownloads(clients, server.port());
                    assertTrue(slow.awaitDownloads(DOWNLOADS), "the downloads did not start");

                    CompletableFuture<Void> destroying = CompletableFuture.runAsync(filter::destroy);
                    awaitClosing(filter.gateway());
                    RawHttp.Response refused = send(keptAlive, PING);

                    assertRefused(refused, keptAlive, slow);
                    assertDelivered(downloads);
                    destroying.get(10, TimeUnit.SECONDS);
                    assertClientClosed(filter.gateway().upstreamClient(), upstream, slow);
                } finally {
                    clients.shutdownNow();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void downloadsInFlightWhenTheContainerStopsFinishIntactWhileANewRoutedRequestGets503WithConnectionClose(
            ServletContainer container) throws Exception {
        SlowDownload slow = new SlowDownload(70);
        try (TestUpstream upstream = TestUpstream.start(slow)) {
            GatewayFilter filter = filter(upstream, Duration.ofSeconds(30));
            RunningServer server = container.startGraceful(filter, new AppServlet(), Duration.ofSeconds(30));
            ExecutorService clients = Executors.newFixedThreadPool(DOWNLOADS);
            CompletableFuture<Void> stopping = null;
            try (Socket keptAlive = keptAlive(server)) {
                List<Future<RawHttp.Response>> downloads = startDownloads(clients, server.port());
                assertTrue(slow.awaitDownloads(DOWNLOADS), "the downloads did not start");

                stopping = CompletableFuture.runAsync(() -> stop(server));
                awaitClosing(filter.gateway());

                try {
                    assertRefused(send(keptAlive, PING), keptAlive, slow);
                } catch (IOException closedUnanswered) {
                    // Tomcat's paused connector closes an idle kept-alive connection: the request never got in
                    assertEquals(ServletContainer.TOMCAT, container, closedUnanswered.toString());
                    assertEquals(1, slow.quickAnswers(), "the request reached the upstream");
                }
                assertDelivered(downloads);
                stopping.get(20, TimeUnit.SECONDS);
                assertClientClosed(filter.gateway().upstreamClient(), upstream, slow);
            } finally {
                clients.shutdownNow();
                if (stopping == null) {
                    server.close();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aDownloadLongerThanTheDrainTimeoutIsCutOnceDestroyReturnsAtTheDeadline(ServletContainer container)
            throws Exception {
        SlowDownload slow = new SlowDownload(300); // 9 s
        try (TestUpstream upstream = TestUpstream.start(slow)) {
            GatewayFilter filter = filter(upstream, Duration.ofMillis(500));
            ExecutorService clients = Executors.newSingleThreadExecutor();
            try (RunningServer server = container.start(filter, new AppServlet())) {
                Future<RawHttp.Response> download = clients.submit(() -> SlowDownload.download(server.port()));
                assertTrue(slow.awaitDownloads(1), "the download did not start");

                long start = System.nanoTime();
                filter.destroy();
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                assertTrue(tookMillis >= 500 && tookMillis < 5_000, "destroy took " + tookMillis + " ms");
                assertClientClosed(filter.gateway().upstreamClient(), upstream, slow);
                assertCutAtTheDeadline(download);
                server.close(); // a container stops once destroy returned, which cuts what is left
                assertFalse(deliveredWhole(download), "the download outlived the deadline");
            } finally {
                clients.shutdownNow();
            }
        }
    }

    /**
     * Checks what the client's kind does at the deadline, where the gateway closes it, before the container stops.
     *
     * @param download the download still running at the deadline
     * @throws Exception if the check fails to run
     */
    protected void assertCutAtTheDeadline(Future<RawHttp.Response> download) throws Exception {
    }

    /** A routed request that arrived during the drain got the gateway's 503, and its connection closed. */
    private static void assertRefused(RawHttp.Response refused, Socket keptAlive, SlowDownload slow)
            throws IOException {
        assertEquals(503, refused.status(), refused.text());
        assertEquals(List.of("application/problem+json"), refused.header("Content-Type"));
        assertTrue(refused.text().contains("service-unavailable"), refused.text());
        assertEquals(List.of("close"), refused.header("Connection"));
        assertEquals(List.of("1"), refused.header("Retry-After"));
        assertEquals(-1, keptAlive.getInputStream().read(), "the connection stayed open");
        assertEquals(1, slow.quickAnswers(), "the refused request reached the upstream");
    }

    private static void assertDelivered(List<Future<RawHttp.Response>> downloads) throws Exception {
        for (Future<RawHttp.Response> download : downloads) {
            RawHttp.Response done = download.get(30, TimeUnit.SECONDS);
            assertEquals(200, done.status());
            assertArrayEquals(SlowDownload.expected(), done.body(), "a download was cut");
        }
    }

    private static List<Future<RawHttp.Response>> startDownloads(ExecutorService clients, int port) {
        List<Future<RawHttp.Response>> downloads = new ArrayList<>();
        for (int i = 0; i < DOWNLOADS; i++) {
            downloads.add(clients.submit(() -> SlowDownload.download(port)));
        }
        return downloads;
    }

    /**
     * @param download a download
     * @return whether it ended with the whole body, within 10 s (a cut one fails or comes up short)
     * @throws Exception if it neither ended nor failed in time
     */
    protected static boolean deliveredWhole(Future<RawHttp.Response> download) throws Exception {
        try {
            return Arrays.equals(SlowDownload.expected(), download.get(10, TimeUnit.SECONDS).body());
        } catch (ExecutionException cut) {
            return false;
        }
    }

    private void assertClientClosed(UpstreamClient client, TestUpstream upstream, SlowDownload slow)
            throws IOException {
        int before = slow.quickAnswers();
        UpstreamRequest probe = new UpstreamRequest("GET", URI.create(upstream.baseUri() + "/api/after-close"),
                HttpHeaders.empty(), Body.empty(), Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThrows(Exception.class, () -> client.exchange(probe).get(5, TimeUnit.SECONDS),
                "the client still sends");
        assertEquals(before, slow.quickAnswers(), "the closed client reached the upstream");
        assertPoolsClosed(upstream.port());
    }

    /** @return a connection to the server that served one routed request and stays open */
    private static Socket keptAlive(RunningServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(20_000);
        assertEquals(200, send(socket, PING).status());
        return socket;
    }

    private static RawHttp.Response send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return RawHttp.read(socket.getInputStream());
    }

    /** Waits, at most 10 s, until the destroy running aside has begun to close the gateway. */
    private static void awaitClosing(Gateway gateway) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!gateway.closing()) {
            assertTrue(System.nanoTime() < deadline, "destroy did not begin to close the gateway");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static void stop(RunningServer server) {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
