package dev.portcullis.test.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on raw sockets, on {@code 127.0.0.1} and a free port: what a recording upstream needs and
 * the JDK's {@code HttpServer} does not give. It keeps the request target byte for byte and the header fields in
 * their order and spelling, reads {@code Content-Length} and chunked bodies (sending {@code 100 Continue} when
 * asked), keeps connections alive, and can hang or reset a connection (TCP RST) instead of answering.
 *
 * <p>Bounded: at most {@value #MAX_CONNECTIONS} connections are served at once (later ones wait in the accept
 * backlog), a request head is at most 64 KiB (else a 431), and of each body only the first {@code maxBodyBytes} are
 * kept. One daemon thread per connection; {@link #close()} ends waits, hangs and connections at once.
 *
 * <pre>{@code
 * try (RawHttpServer server = RawHttpServer.start(responder, 1 << 20)) {
 *     URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
 * }
 * }</pre>
 */
public final class RawHttpServer implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 128;
    private static final AtomicInteger SERVERS = new AtomicInteger();
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocket socket;
    private final Responder responder;
    private final int maxBodyBytes;
    private final ExecutorService threads;
    private final Semaphore permits = new Semaphore(MAX_CONNECTIONS);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread acceptor;

    private RawHttpServer(Responder responder, int maxBodyBytes) throws IOException {
        this.responder = responder;
        this.maxBodyBytes = maxBodyBytes;
        this.socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        String name = "recording-upstream-" + SERVERS.incrementAndGet() + '-';
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> daemon(task, name + count.incrementAndGet()));
        this.acceptor = daemon(this::accept, name + "acceptor");
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * @param responder records requests and decides their answers
     * @param maxBodyBytes how many bytes of each request body to keep
     * @return the started server
     * @throws IOException if it cannot bind
     */
    public static RawHttpServer start(Responder responder, int maxBodyBytes) throws IOException {
        RawHttpServer server = new RawHttpServer(responder, maxBodyBytes);
        server.acceptor.start();
        return server;
    }

    /** @return the bound port on {@code 127.0.0.1} */
    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Socket connection = socket.accept();
                open.add(connection);
                if (closing.getCount() == 0) {
                    closeQuietly(connection);       // accepted while closing: close() may have missed it
                }
                threads.execute(() -> serve(connection));
            } catch (IOException | RuntimeException e) {
                permits.release();                  // closed, or no thread to run the connection on
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = new BufferedOutputStream(connection.getOutputStream());
            boolean alive = true;
            while (alive) {
                alive = exchange(connection, in, out);
            }
        } catch (IOException e) {
            // the peer went away: nothing to answer
        } finally {
            open.remove(connection);
            permits.release();
        }
    }

    /** Reads one request and acts on it. @return whether the connection stays open for another */
    private boolean exchange(Socket connection, InputStream in, OutputStream out) throws IOException {
        RequestHead head;
        try {
            head = RequestHead.read(in);
        } catch (RequestHead.TooLarge e) {
            return refuse(out, 431, e.getMessage());
        }
        if (head == null) {
            return false;
        }
        if (head.malformed() != null) {
            return refuse(out, 400, head.malformed());
        }
        boolean hasBody = head.headers.contains("Content-Length") || head.headers.contains("Transfer-Encoding");
        if (hasBody && head.expectsContinue()) {
            out.write(CONTINUE);
            out.flush();
        }
        BodyReader.Result body;
        try {
            body = BodyReader.read(in, head.headers, maxBodyBytes);
        } catch (IllegalArgumentException e) {
            return refuse(out, 400, e.getMessage());
        }
        Received request = new Received(head.method, head.target, head.version, head.headers, body.kept(),
                body.length(), body.chunked(), body.complete());
        responder.record(request);
        if (!body.complete()) {
            return false;
        }
        return ReplyWriter.write(responder.reply(request), head, connection, out, this::waitOrClose);
    }

    private boolean refuse(OutputStream out, int status, String reason) throws IOException {
        responder.refused(reason);
        out.write(("HTTP/1.1 " + status + " Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return false;
    }

    /** @return whether {@code millis} passed (a negative value: forever) before the server began to close */
    private boolean waitOrClose(long millis) {
        try {
            if (millis < 0) {
                closing.await();
                return false;
            }
            return !closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops accepting, ends every wait and hang, and closes every connection. On return nothing listens on the port
     * any more (the JDK finishes closing a listening socket only once the thread blocked in its accept has left).
     */
    @Override
    public void close() {
        closing.countDown();
        try {
            socket.close();
            acceptor.interrupt();                   // in case it waits for a connection slot
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (IOException e) {
            // already closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.forEach(RawHttpServer::closeQuietly);
        threads.shutdownNow();
    }

    private static void closeQuietly(Socket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
