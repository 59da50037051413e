package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AbortTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final int ABORTS = 1000;

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aThousandClientAbortsCancelEveryUpstreamExchange(ServletContainer container) throws Exception {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        Semaphore finished = new Semaphore(0);
        byte[] chunk = new byte[8192];
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
            open.incrementAndGet();
            started.incrementAndGet();
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, 0);
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk);
                    out.flush();
                }
            } catch (IOException expected) {
                // the gateway closed the upstream connection: what this test wants
            } finally {
                open.decrementAndGet();
                finished.release();
            }
        });
             RunningServer server = container.start(Gateways.routing(Route.builder("stream").path("/api/**")
                     .upstream(upstream.baseUri()).build()), new AppServlet())) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int i = 0; i < ABORTS; i++) {
                    runs.add(clients.submit(() -> abortAfterFirstBytes(server.port())));
                }
                for (Future<?> run : runs) {
                    run.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            assertTrue(finished.tryAcquire(ABORTS, 60, TimeUnit.SECONDS),
                    "upstream exchanges still open: " + open.get());
            assertEquals(ABORTS, started.get());
            assertEquals(0, open.get());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void anUpstreamThatFailsAfterTheResponseStartedAbortsTheClientConnection(ServletContainer container)
            throws Exception {
        String truncated = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                + "5\r\nhello\r\n";
        try (RawUpstream upstream = RawUpstream.start(truncated);
             RunningServer server = container.start(Gateways.routing(Route.builder("r").path("/api/**")
                     .upstream(upstream.baseUri()).build()), new AppServlet())) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(20_000);
                // keep-alive, so the container must frame the body (chunked) and a clean end is distinguishable
                socket.getOutputStream().write("GET /api/x HTTP/1.1\r\nHost: gw\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                IOException aborted = assertThrows(IOException.class, () -> RawHttp.read(socket.getInputStream()));
                assertTrue(aborted.getMessage() == null || !aborted.getMessage().contains("Read timed out"),
                        "the connection was left open: " + aborted);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void anUpstreamBodyThatStallsLongerThanTheIdleTimeoutAbortsTheClientConnection(ServletContainer container)
            throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
                 exchange.sendResponseHeaders(200, 10);
                 exchange.getResponseBody().write("ab".getBytes(StandardCharsets.US_ASCII));
                 exchange.getResponseBody().flush();
                 try {
                     release.await(20, TimeUnit.SECONDS);
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                 }
                 exchange.close();
             });
             RunningServer server = container.start(Gateways.routing(Route.builder("r").path("/api/**")
                     .upstream(upstream.baseUri()).idleTimeout(java.time.Duration.ofMillis(300)).build()),
                     new AppServlet());
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write("GET /api/x HTTP/1.1\r\nHost: gw\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            assertTrue(RawHttp.line(in).startsWith("HTTP/1.1 200"));
            while (!RawHttp.line(in).isEmpty()) {
                continue;
            }
            long started = System.nanoTime();
            int received = 0;
            try {
                while (in.read() >= 0) {
                    received++;
                }
            } catch (java.net.SocketTimeoutException timedOut) {
                throw new AssertionError("the client connection was left open", timedOut);
            } catch (IOException reset) {
                // an abort may arrive as a reset
            } finally {
                release.countDown();
            }
            assertTrue(received < 10, "the body was truncated, not completed: " + received + " bytes");
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "aborted within about the idle timeout");
        }
    }

    private static Void abortAfterFirstBytes(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET /api/stream HTTP/1.1\r\nHost: gw\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String status = RawHttp.line(in);
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IOException("unexpected status " + status);
            }
            socket.setSoLinger(true, 0);
        }
        return null;
    }
}
