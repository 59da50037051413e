package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.servlet.container.SlowClientLimits;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Connectors bounded by {@link SlowClientLimits} cut silent and slow clients within the configured bounds. */
class SlowClientTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    /** How long a test waits for the server to cut a connection before failing. */
    private static final long GIVE_UP_MILLIS = 8_000;
    /** Pace of a dripping client: one read attempt of this length between two writes. */
    private static final int DRIP_MILLIS = 300;
    /** A 2 s head deadline, sampled on Tomcat once a second; 30 s idle. */
    private static final SlowClientLimits HEAD_DEADLINE_2S = SlowClientLimits.defaults()
            .withRequestHeadTimeout(Duration.ofSeconds(2)).withIdleTimeout(Duration.ofSeconds(30));

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void anIdleConnectionThatSendsNothingIsClosedWithinTheBound(ServletContainer container) throws Exception {
        SlowClientLimits limits = SlowClientLimits.defaults().withRequestHeadTimeout(Duration.ofSeconds(2))
                .withIdleTimeout(Duration.ofSeconds(1));
        try (RunningServer server = container.start(Gateways.routing(), new AppServlet(), limits);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            long cutAfter = millisUntilCut(socket, null);
            assertTrue(cutAfter < 5_000, "cut after " + cutAfter + " ms");
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aRequestHeadThatStallsAfterItsRequestLineIsCutByTheHeadTimeout(ServletContainer container)
            throws Exception {
        SlowClientLimits limits = SlowClientLimits.defaults().withRequestHeadTimeout(Duration.ofSeconds(2))
                .withIdleTimeout(Duration.ofSeconds(30));
        try (RunningServer server = container.start(Gateways.routing(), new AppServlet(), limits);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET /x HTTP/1.1\r\nHost: gw\r\n".getBytes(StandardCharsets.ISO_8859_1));
            long cutAfter = millisUntilCut(socket, null);
            assertTrue(cutAfter < 5_000, "cut after " + cutAfter + " ms");
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aSlowlorisDrippingOneHeaderLineEvery300msIsCutByTheHeadDeadline(ServletContainer container)
            throws Exception {
        try (RunningServer server = container.start(Gateways.routing(), new AppServlet(), HEAD_DEADLINE_2S);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            long cutAfter = millisUntilSlowlorisCut(socket);
            assertTrue(cutAfter >= 900 && cutAfter < 4_000, "cut after " + cutAfter + " ms");
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aRequestBodyDrippingTenBytesEvery300msIsCutByTheMinimumDataRate(ServletContainer container)
            throws Exception {
        SlowClientLimits limits = SlowClientLimits.defaults().withIdleTimeout(Duration.ofSeconds(30))
                .withMinRequestBodyRate(1024);
        SlowClientServlet servlet = new SlowClientServlet();
        try (RunningServer server = container.start(Gateways.routing(), servlet, limits);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            long cutAfter = millisUntilDripperCut(socket);
            assertTrue(cutAfter < 5_000, "cut after " + cutAfter + " ms");
            assertTrue(servlet.readFailed.await(GIVE_UP_MILLIS, TimeUnit.MILLISECONDS),
                    "the servlet's body read still waits");
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aPromptKeptAliveRequestIsAnsweredUnderTheLimits(ServletContainer container) throws Exception {
        SlowClientLimits limits = SlowClientLimits.defaults().withRequestHeadTimeout(Duration.ofSeconds(2));
        try (RunningServer server = container.start(Gateways.routing(), new AppServlet(), limits);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 2; i++) {
                out.write("GET /hello HTTP/1.1\r\nHost: gw\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(200, RawHttp.read(in).status());
            }
        }
    }

    /**
     * Sends a request line and header, then one more header line per {@link #DRIP_MILLIS}, never ending the head.
     *
     * @return milliseconds until the server cut the connection
     */
    private static long millisUntilSlowlorisCut(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /x HTTP/1.1\r\nHost: gw\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return millisUntilCut(socket, "X-Drip: 1\r\n");
    }

    /**
     * Sends the head of a 100,000-byte POST, then ten body bytes per {@link #DRIP_MILLIS} (33 bytes/s).
     *
     * @return milliseconds until the server cut the connection
     */
    private static long millisUntilDripperCut(Socket socket) throws IOException {
        socket.getOutputStream().write("POST /x HTTP/1.1\r\nHost: gw\r\nContent-Length: 100000\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        return millisUntilCut(socket, "0123456789");
    }

    /**
     * Waits until the server closes the connection, writing {@code drip} (if any) once per {@link #DRIP_MILLIS}.
     *
     * @return milliseconds from the call until the server closed or reset the connection
     */
    private static long millisUntilCut(Socket socket, String drip) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout(DRIP_MILLIS);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        while (elapsed(start) < GIVE_UP_MILLIS) {
            try {
                if (drip != null) {
                    socket.getOutputStream().write(drip.getBytes(StandardCharsets.ISO_8859_1));
                }
                if (in.read(buffer) < 0) {
                    return elapsed(start);
                }
            } catch (SocketTimeoutException stillOpen) {
                continue;
            } catch (IOException reset) {
                return elapsed(start);
            }
        }
        throw new AssertionError("the server did not cut the connection within " + GIVE_UP_MILLIS + " ms");
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Reads the whole request body, then answers 200; if that read fails, counts {@link #readFailed} down. */
    private static final class SlowClientServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        /** Counted down when reading a whole body fails. */
        final transient CountDownLatch readFailed = new CountDownLatch(1);

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try {
                request.getInputStream().readAllBytes();
            } catch (IOException | RuntimeException e) {
                readFailed.countDown();
                throw e;
            }
            response.setStatus(200);
        }
    }
}
