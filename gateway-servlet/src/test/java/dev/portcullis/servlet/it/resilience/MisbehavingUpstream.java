package dev.portcullis.servlet.it.resilience;

import dev.portcullis.servlet.it.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream instance that misbehaves on demand, on raw sockets so it can do what a well-behaved server library
 * will not: reset the connection, hang, answer late, fail every other request, or close a kept-alive connection when
 * its next request arrives (the stale pooled connection). It answers {@code GET /health} with its health status on
 * any mode, and counts the other requests it received (its own count, independent of the gateway). Switch the mode
 * at any time; {@link #close()} ends every connection, hanging ones included.
 *
 * <pre>{@code
 * try (MisbehavingUpstream flaky = MisbehavingUpstream.start("a", MisbehavingUpstream.Mode.FLAKY)) {
 *     Route.builder("r").upstream(flaky.baseUri()).build();
 *     assertEquals(10, flaky.requests());
 * }
 * }</pre>
 */
public final class MisbehavingUpstream implements AutoCloseable {
    /** How requests other than health checks are answered. */
    public enum Mode {
        /** 200 with the instance's name as the body, connection kept alive. */
        OK,
        /** The request is read, then the connection is reset (RST) before any response byte. */
        RESET,
        /** The request is read and never answered, until {@link #close()}. */
        HANG,
        /** 200 after the delay set with {@link #slowBy(Duration)}. */
        SLOW,
        /** Every other request is answered 503, starting with the first; the others 200. */
        FLAKY,
        /** Each connection's first request is answered 200 and kept alive; its next one is met by a close, unanswered. */
        STALE
    }

    private final ServerSocket socket;
    private final String name;
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger healthChecks = new AtomicInteger();
    private volatile Mode mode;
    private volatile Duration slowBy = Duration.ofMillis(500);
    private volatile int healthStatus = 200;

    private MisbehavingUpstream(String name, Mode mode) throws IOException {
        this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.name = name;
        this.mode = mode;
        Thread acceptor = new Thread(this::accept, "misbehaving-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param name the instance's name, its answer's body
     * @param mode how it answers
     * @return the started instance
     * @throws IOException if it cannot bind
     */
    public static MisbehavingUpstream start(String name, Mode mode) throws IOException {
        return new MisbehavingUpstream(name, mode);
    }

    /** @param mode how requests are answered from now on @return this instance */
    public MisbehavingUpstream mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    /** @param delay how late {@link Mode#SLOW} answers @return this instance */
    public MisbehavingUpstream slowBy(Duration delay) {
        this.slowBy = delay;
        return this;
    }

    /** @param status what {@code GET /health} answers from now on @return this instance */
    public MisbehavingUpstream healthStatus(int status) {
        this.healthStatus = status;
        return this;
    }

    /** @return {@code http://127.0.0.1:port} */
    public String baseUri() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** @return requests received other than health checks, whatever was done with them */
    public int requests() {
        return requests.get();
    }

    /** @return health checks received */
    public int healthChecks() {
        return healthChecks.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                open.add(connection);
                connections.execute(() -> serve(connection));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            for (int onThisConnection = 0; ; onThisConnection++) {
                String requestLine = readRequest(in);
                if (requestLine == null) {
                    return;
                }
                if (requestLine.startsWith("GET /health")) {
                    healthChecks.incrementAndGet();
                    write(out, healthStatus, "");
                    continue;
                }
                int number = requests.incrementAndGet();
                if (!answer(connection, out, number, onThisConnection)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the gateway went away or the instance closed: nothing to answer
        } finally {
            open.remove(connection);
        }
    }

    /** @return whether the connection stays open for another request */
    private boolean answer(Socket connection, OutputStream out, int number, int onThisConnection)
            throws IOException, InterruptedException {
        Mode now = mode;
        if (now == Mode.RESET) {
            connection.setSoLinger(true, 0);
            return false;
        }
        if (now == Mode.FLAKY && number % 2 == 1) {
            write(out, 503, name);
            return true;
        }
        if (now == Mode.HANG) {
            closed.await(60, TimeUnit.SECONDS);
            return false;
        }
        if (now == Mode.STALE && onThisConnection > 0) {
            return false;
        }
        if (now == Mode.SLOW) {
            Thread.sleep(slowBy.toMillis());
        }
        write(out, 200, name);
        return true;
    }

    /** Reads one request head and its body; null at the end of the stream. */
    private static String readRequest(InputStream in) throws IOException {
        String requestLine;
        try {
            requestLine = RawHttp.line(in);
        } catch (IOException endOfStream) {
            return null;
        }
        List<String> headers = new ArrayList<>();
        for (String line = RawHttp.line(in); !line.isEmpty(); line = RawHttp.line(in)) {
            headers.add(line);
        }
        RawHttp.Response head = new RawHttp.Response(0, headers, new byte[0]);
        if (!head.header("Content-Length").isEmpty()) {
            in.readNBytes(Integer.parseInt(head.header("Content-Length").get(0)));
        } else if (!head.header("Transfer-Encoding").isEmpty()) {
            for (int size = Integer.parseInt(RawHttp.line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(RawHttp.line(in).split(";")[0].trim(), 16)) {
                in.readNBytes(size);
                RawHttp.line(in);
            }
            RawHttp.line(in);
        }
        return requestLine;
    }

    private static void write(OutputStream out, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: " + bytes.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
        for (Socket connection : open) {
            connection.close();
        }
        connections.shutdownNow();
    }
}
