package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import dev.portcullis.servlet.container.SlowClientLimits;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    /** A 2 s head deadline, sampled on Tomcat once a second; 30 s idle. */
    private static final SlowClientLimits HEAD_DEADLINE_2S = SlowClientLimits.defaults()
            .withRequestHeadTimeout(Duration.ofSeconds(2)).withIdleTimeout(Duration.ofSeconds(30));
    /** Longer than the 2 s head deadline plus one sampling period. */
    private static final long PAST_HEAD_DEADLINE_2S_NANOS = TimeUnit.MILLISECONDS.toNanos(3_500);

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

    /** The gateway reads a proxied body with a {@code ReadListener}: the container waits for it asynchronously. */
    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aProxiedRequestBodyDrippingTenBytesEvery300msIsCutByTheMinimumDataRate(ServletContainer container)
            throws Exception {
        SlowClientLimits limits = SlowClientLimits.defaults().withIdleTimeout(Duration.ofSeconds(30))
                .withMinRequestBodyRate(1024);
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo())) {
            Route api = Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build();
            try (RunningServer server = container.start(Gateways.routing(api), new AppServlet(), limits);
                 Socket socket = new Socket("127.0.0.1", server.port())) {
                long cutAfter = millisUntilDripperCut(socket, "/api/upload");
                assertTrue(cutAfter < 5_000, "cut after " + cutAfter + " ms");
            }
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aKeptAliveConnectionIdleLongerThanTheHeadDeadlineIsNotCutWhileASlowlorisIs(ServletContainer container)
            throws Exception {
        try (RunningServer server = container.start(Gateways.routing(), new AppServlet(), HEAD_DEADLINE_2S);
             Socket keptAlive = new Socket("127.0.0.1", server.port())) {
            keptAlive.setSoTimeout(5_000);
            OutputStream out = keptAlive.getOutputStream();
            InputStream in = keptAlive.getInputStream();
            out.write("GET /hello HTTP/1.1\r\nHost: gw\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(200, RawHttp.read(in).status());
            long idleSince = System.nanoTime();
            try (Socket slowloris = new Socket("127.0.0.1", server.port())) {
                millisUntilSlowlorisCut(slowloris);
            }
            // the idle time itself is what is tested: longer than the deadline plus one sampling period
            sleepUntil(idleSince + PAST_HEAD_DEADLINE_2S_NANOS);
            out.write("GET /hello HTTP/1.1\r\nHost: gw\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(200, RawHttp.read(in).status());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aLongDownloadTheClientReadsSlowlyIsNotCutWhileASlowlorisIs(ServletContainer container) throws Exception {
        ExecutorService slowlorises = Executors.newSingleThreadExecutor();
        try (RunningServer server = container.start(Gateways.routing(), new SlowClientServlet(), HEAD_DEADLINE_2S);
             Socket download = new Socket()) {
            download.setReceiveBufferSize(64 * 1024);
            download.connect(new InetSocketAddress("127.0.0.1", server.port()));
            download.setSoTimeout(5_000);
            long start = System.nanoTime();
            OutputStream out = download.getOutputStream();
            out.write("GET /download HTTP/1.1\r\nHost: gw\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = download.getInputStream();
            assertTrue(RawHttp.line(in).contains(" 200 "));
            while (!RawHttp.line(in).isEmpty()) {
                // skip the response headers; the body length is known
            }
            Future<Long> slowlorisCut = slowlorises.submit(() -> {
                try (Socket slowloris = new Socket("127.0.0.1", server.port())) {
                    return millisUntilSlowlorisCut(slowloris);
                }
            });
            byte[] buffer = new byte[64 * 1024];
            long received = 0;
            // at most 64 KiB per 10 ms until the slowloris is cut and the download is older than the deadline: slow
            // enough that the response is still being written, fast enough that no write waits for the 2 s
            // connectionTimeout, which Tomcat also uses as its write timeout
            while (!slowlorisCut.isDone() || System.nanoTime() - start < PAST_HEAD_DEADLINE_2S_NANOS) {
                received += readDownload(in, buffer, received);
                Thread.sleep(10);
            }
            slowlorisCut.get();
            while (received < SlowClientServlet.DOWNLOAD_BYTES) {
                received += readDownload(in, buffer, received);
            }
            // the connection is still whole: it answers a next request
            out.write("GET /hello HTTP/1.1\r\nHost: gw\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(200, RawHttp.read(in).status());
        } finally {
            slowlorises.shutdownNow();
        }
    }

    /**
     * Only Tomcat, whose sampler measures a body only while the servlet waits for it. Jetty counts the body bytes it
     * has read for the servlet, which it reads only as the servlet asks, so it cuts this client too.
     */
    @Test
    void aBodyTheServletReadsSlowlyIsNotCutWhileADrippingBodyIsOnTomcat() throws Exception {
        ServletContainer container = ServletContainer.TOMCAT;
        SlowClientLimits limits = SlowClientLimits.defaults().withIdleTimeout(Duration.ofSeconds(30))
                .withMinRequestBodyRate(32 * 1024);
        CountDownLatch dripperCut = new CountDownLatch(1);
        try (RunningServer server = container.start(Gateways.routing(), new SlowClientServlet(dripperCut), limits);
             Socket prompt = new Socket("127.0.0.1", server.port());
             Socket dripper = new Socket("127.0.0.1", server.port())) {
            prompt.setSoTimeout(10_000);
            byte[] body = new byte[SlowClientServlet.SLOW_READ_BYTES];
            prompt.getOutputStream().write(("POST /slow-read HTTP/1.1\r\nHost: gw\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            prompt.getOutputStream().write(body);
            // the servlet reads one byte, then nothing more until the dripping body has been cut
            millisUntilDripperCut(dripper);
            dripperCut.countDown();
            RawHttp.Response response = RawHttp.read(prompt.getInputStream());
            assertEquals(200, response.status());
            assertEquals(Integer.toString(body.length), response.text());
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
     * Sends the head of a 100,000-byte POST to {@code /x}, then ten body bytes per {@link #DRIP_MILLIS} (33 bytes/s).
     *
     * @return milliseconds until the server cut the connection
     */
    private static long millisUntilDripperCut(Socket socket) throws IOException {
        return millisUntilDripperCut(socket, "/x");
    }

    /**
     * Sends the head of a 100,000-byte POST to {@code path}, then ten body bytes per {@link #DRIP_MILLIS} (33 bytes/s).
     *
     * @return milliseconds until the server cut the connection
     */
    private static long millisUntilDripperCut(Socket socket, String path) throws IOException {
        socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: gw\r\nContent-Length: 100000\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        return millisUntilCut(socket, "0123456789");
    }

    /**
     * Reads what is available of the download body, at most up to its end.
     *
     * @param received how many body bytes were read before
     * @return how many bytes this call read
     */
    private static int readDownload(InputStream in, byte[] buffer, long received) throws IOException {
        long left = SlowClientServlet.DOWNLOAD_BYTES - received;
        if (left == 0) {
            return 0;
        }
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
            throw new AssertionError("the download was cut after " + received + " bytes");
        }
        return n;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
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

    /**
     * {@code GET /download}: {@link #DOWNLOAD_BYTES} bytes. {@code POST /slow-read}: reads one byte, waits for the
     * latch, reads the rest and answers its length. Anything else: reads the whole body, then answers 200; if that
     * read fails, counts {@link #readFailed} down.
     */
    private static final class SlowClientServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        /** Far more than the socket buffers hold, so the response is still being written while the client reads. */
        static final long DOWNLOAD_BYTES = 32L * 1024 * 1024;
        static final int SLOW_READ_BYTES = 64 * 1024;
        /** Counted down when reading a whole body fails. */
        final transient CountDownLatch readFailed = new CountDownLatch(1);
        private final transient CountDownLatch resumeReading;

        SlowClientServlet() {
            this(new CountDownLatch(0));
        }

        SlowClientServlet(CountDownLatch resumeReading) {
            this.resumeReading = resumeReading;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getRequestURI().equals("/download")) {
                response.setContentLengthLong(DOWNLOAD_BYTES);
                OutputStream out = response.getOutputStream();
                byte[] chunk = new byte[64 * 1024];
                for (long sent = 0; sent < DOWNLOAD_BYTES; sent += chunk.length) {
                    out.write(chunk);
                }
            } else if (request.getRequestURI().equals("/slow-read")) {
                InputStream in = request.getInputStream();
                int first = in.read();
                awaitResume();
                int length = (first < 0 ? 0 : 1) + in.readAllBytes().length;
                response.getOutputStream().write(Integer.toString(length).getBytes(StandardCharsets.ISO_8859_1));
            } else {
                try {
                    request.getInputStream().readAllBytes();
                } catch (IOException | RuntimeException e) {
                    readFailed.countDown();
                    throw e;
                }
                response.setStatus(200);
            }
        }

        private void awaitResume() throws IOException {
            try {
                if (!resumeReading.await(GIVE_UP_MILLIS, TimeUnit.MILLISECONDS)) {
                    throw new IOException("the test never let the servlet read on");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}
