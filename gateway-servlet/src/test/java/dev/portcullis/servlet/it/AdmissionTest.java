package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.portcullis.api.routing.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AdmissionTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final int CAP = 4;
    private static final int ABORTS = 200;

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aRequestBeyondTheInFlightCapIsRefusedAt503WithRetryAfterAndAdmittedAgainOnceTheHeldOnesComplete(
            ServletContainer container) throws Exception {
        Held held = new Held();
        try (TestUpstream upstream = TestUpstream.start(held::handle);
             RunningServer server = container.start(gateway(upstream), new AppServlet())) {
            List<Socket> sockets = held.hold(server.port(), CAP);
            try {
                RawHttp.Response refused = RawHttp.exchange(server.port(), request("/api/hold"));
                assertEquals(503, refused.status());
                assertEquals(List.of("1"), refused.header("Retry-After"));
                assertTrue(refused.header("Content-Type").get(0).startsWith("application/problem+json"));
                assertTrue(refused.text().contains("overloaded"), refused.text());
                assertEquals(CAP, held.arrived.get(), "the refused request reached the upstream");
                held.release.countDown();
                for (Socket socket : sockets) {
                    assertEquals(200, RawHttp.read(socket.getInputStream()).status());
                }
            } finally {
                closeAll(sockets);
            }
            assertEquals(200, admittedWithin(server.port(), 10_000));
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void clientAbortsLeaveTheCapSoItStillAdmitsAsManyExchangesAsItAllows(ServletContainer container)
            throws Exception {
        Held held = new Held();
        Semaphore streamsEnded = new Semaphore(0);
        byte[] chunk = new byte[8192];
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
                 if (!exchange.getRequestURI().getPath().startsWith("/api/stream")) {
                     held.handle(exchange);
                     return;
                 }
                 try (OutputStream out = exchange.getResponseBody()) {
                     exchange.sendResponseHeaders(200, 0);
                     for (int i = 0; i < 100_000; i++) {
                         out.write(chunk);
                         out.flush();
                     }
                 } catch (IOException expected) {
                     // the gateway closed the upstream connection after the client went away
                 } finally {
                     streamsEnded.release();
                 }
             });
             RunningServer server = container.start(gateway(upstream), new AppServlet())) {
            int admitted = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (admitted < ABORTS && System.nanoTime() < deadline) {
                admitted += abortAfterFirstBytes(server.port()) ? 1 : 0;
            }
            assertEquals(ABORTS, admitted);
            assertTrue(streamsEnded.tryAcquire(ABORTS, 60, TimeUnit.SECONDS));
            held.release.countDown();
            assertEquals(200, admittedWithin(server.port(), 10_000));
            Held again = new Held();
            held.next = again;
            List<Socket> sockets = again.hold(server.port(), CAP);
            try {
                assertEquals(503, RawHttp.exchange(server.port(), request("/api/hold")).status());
            } finally {
                again.release.countDown();
                closeAll(sockets);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aFloodOfThreeHundredConnectionsAgainstACapOfFiftyIsAnsweredOnlyWith200Or503AndThenRecovers(
            ServletContainer container) throws Exception {
        int flood = 300;
        int cap = 50;
        Held held = new Held();
        Semaphore refused = new Semaphore(0);
        try (TestUpstream upstream = TestUpstream.start(held::handle);
             RunningServer server = container.start(Gateways.builder(Route.builder("r").path("/api/**")
                     .upstream(upstream.baseUri()).build()).maxInFlight(cap).build(), new AppServlet())) {
            ExecutorService clients = Executors.newFixedThreadPool(flood);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < flood; i++) {
                    answers.add(clients.submit(() -> {
                        int status = RawHttp.exchange(server.port(), request("/api/hold")).status();
                        if (status == 503) {
                            refused.release();
                        }
                        return status;
                    }));
                }
                assertTrue(held.arrivals.tryAcquire(cap, 30, TimeUnit.SECONDS), "admitted: " + held.arrived.get());
                assertTrue(refused.tryAcquire(flood - cap, 30, TimeUnit.SECONDS), "refused: " + refused.availablePermits());
                held.release.countDown();
                Map<Integer, Integer> statuses = new TreeMap<>();
                for (Future<Integer> answer : answers) {
                    statuses.merge(answer.get(30, TimeUnit.SECONDS), 1, Integer::sum);
                }
                assertEquals(Map.of(200, cap, 503, flood - cap), statuses);
            } finally {
                clients.shutdownNow();
            }
            assertEquals(200, admittedWithin(server.port(), 10_000));
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void clientsThatCloseAfterReadingPartOfAFiniteBodyLeaveTheCap(ServletContainer container) throws Exception {
        Held held = new Held();
        byte[] body = new byte[256 * 1024];
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
                 if (!exchange.getRequestURI().getPath().startsWith("/api/finite")) {
                     held.handle(exchange);
                     return;
                 }
                 exchange.sendResponseHeaders(200, body.length);
                 try (OutputStream out = exchange.getResponseBody()) {
                     out.write(body);
                 } catch (IOException expected) {
                     // the gateway closed the upstream connection after the client went away
                 }
             });
             RunningServer server = container.start(gateway(upstream), new AppServlet())) {
            int admitted = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (admitted < 10 * CAP && System.nanoTime() < deadline) {
                admitted += readPartThenClose(server.port()) ? 1 : 0;
            }
            assertEquals(10 * CAP, admitted, "the cap stopped admitting: a closed client kept its slot");
            List<Socket> sockets = held.hold(server.port(), CAP);
            try {
                assertEquals(CAP, sockets.size(), "every slot is free again");
            } finally {
                held.release.countDown();
                closeAll(sockets);
            }
        }
    }

    /** @return whether the request was admitted (then the client read a little and closed), false for a 503 */
    private static boolean readPartThenClose(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request("/api/finite").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String status = RawHttp.line(in);
            if (status.startsWith("HTTP/1.1 503")) {
                return false;
            }
            assertTrue(status.startsWith("HTTP/1.1 200"), status);
            in.readNBytes(2048);
            return true;
        }
    }

    @Test
    void aCapBelowOneFailsTheBuildNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gateways.builder().maxInFlight(0).build());
        assertTrue(e.getMessage().startsWith("maxInFlight"), e.getMessage());
    }

    private static dev.portcullis.servlet.GatewayFilter gateway(TestUpstream upstream) {
        return Gateways.builder(Route.builder("r").path("/api/**").upstream(upstream.baseUri()).build())
                .maxInFlight(CAP).build();
    }

    private static String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n";
    }

    /** @return the status of the first request that is not refused as overloaded, trying for a bounded time */
    private static int admittedWithin(int port, long millis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int status;
        do {
            status = RawHttp.exchange(port, request("/api/quick")).status();
        } while (status == 503 && System.nanoTime() < deadline);
        return status;
    }

    /** @return whether the stream was admitted (and then aborted), false for a 503 */
    private static boolean abortAfterFirstBytes(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request("/api/stream").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String status = RawHttp.line(in);
            if (status.startsWith("HTTP/1.1 503")) {
                return false;
            }
            assertTrue(status.startsWith("HTTP/1.1 200"), status);
            socket.setSoLinger(true, 0);
            return true;
        }
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** An upstream that holds {@code /api/hold} until released and answers everything else at once. */
    private static final class Held {
        final AtomicInteger arrived = new AtomicInteger();
        final Semaphore arrivals = new Semaphore(0);
        final CountDownLatch release = new CountDownLatch(1);
        volatile Held next;

        void handle(HttpExchange exchange) throws IOException {
            Held current = next != null ? next : this;
            if (exchange.getRequestURI().getPath().startsWith("/api/hold")) {
                current.arrived.incrementAndGet();
                current.arrivals.release();
                try {
                    current.release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            TestUpstream.reply(exchange, 200, "ok");
        }

        /**
         * Opens {@code count} held requests and waits until all reached the upstream. A request refused with 503
         * (an exchange that just ended may release its slot a moment after its client saw the end) is retried
         * within a bounded time, so only a slot that is never released fails the wait.
         */
        List<Socket> hold(int port, int count) throws IOException, InterruptedException {
            List<Socket> sockets = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sockets.size() < count && System.nanoTime() < deadline) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(request("/api/hold").getBytes(StandardCharsets.ISO_8859_1));
                if (reachedUpstreamOrRefused(socket, deadline)) {
                    sockets.add(socket);
                } else {
                    socket.close();
                }
            }
            assertEquals(count, sockets.size(), "held requests admitted: " + arrived.get());
            return sockets;
        }

        /** @return true once the request reached the upstream, false once the gateway answered it (503) */
        private boolean reachedUpstreamOrRefused(Socket socket, long deadline)
                throws IOException, InterruptedException {
            while (System.nanoTime() < deadline) {
                if (arrivals.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                if (socket.getInputStream().available() > 0) {
                    String status = RawHttp.line(socket.getInputStream());
                    assertTrue(status.startsWith("HTTP/1.1 503"), status);
                    return false;
                }
            }
            return false;
        }
    }
}
