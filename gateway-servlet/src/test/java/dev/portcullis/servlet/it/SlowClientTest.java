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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Connectors bounded by {@link SlowClientLimits} cut silent and slow clients within the configured bounds. */
class SlowClientTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    /** How long a test waits for the server to cut a connection before failing. */
    private static final long GIVE_UP_MILLIS = 8_000;
    /** Pace of a dripping client: one read attempt of this length between two writes. */
    private static final int DRIP_MILLIS = 300;

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

    /** Only Jetty: Tomcat has no whole-head deadline (see {@code TomcatSlowClientLimits}). */
    @Test
    void aSlowlorisDrippingOneHeaderLineEvery300msIsCutByTheHeadDeadlineOnJetty() throws Exception {
        SlowClientLimits limits = SlowClientLimits.defaults().withRequestHeadTimeout(Duration.ofSeconds(2))
                .withIdleTimeout(Duration.ofSeconds(30));
        try (RunningServer server = ServletContainer.JETTY.start(Gateways.routing(), new AppServlet(), limits);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET /x HTTP/1.1\r\nHost: gw\r\n".getBytes(StandardCharsets.ISO_8859_1));
            long cutAfter = millisUntilCut(socket, "X-Drip: 1\r\n");
            assertTrue(cutAfter >= 900 && cutAfter < 4_000, "cut after " + cutAfter + " ms");
        }
    }

    /** Only Jetty: Tomcat has no minimum data rate (see {@code TomcatSlowClientLimits}). */
    @Test
    void aRequestBodyDrippingTenBytesEvery300msIsCutByTheMinimumDataRateOnJetty() throws Exception {
        SlowClientLimits limits = SlowClientLimits.defaults().withIdleTimeout(Duration.ofSeconds(30))
                .withMinRequestBodyRate(1024);
        try (RunningServer server = ServletContainer.JETTY.start(Gateways.routing(), new BodyReadingServlet(), limits);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("POST /x HTTP/1.1\r\nHost: gw\r\nContent-Length: 100000\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            long cutAfter = millisUntilCut(socket, "0123456789");
            assertTrue(cutAfter < 5_000, "cut after " + cutAfter + " ms");
        }
    }

    /** Reads the whole request body, then answers 200. */
    private static final class BodyReadingServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getInputStream().readAllBytes();
            response.setStatus(200);
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
}
