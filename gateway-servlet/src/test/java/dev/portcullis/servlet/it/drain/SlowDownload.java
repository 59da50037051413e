package dev.portcullis.servlet.it.drain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.TestUpstream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An upstream whose {@code /api/download} streams {@link #SIZE} bytes of a known pattern in {@link #CHUNKS} chunks
 * spaced {@code pace} apart (a long download), and whose other paths answer {@code ok} at once, counting them.
 */
final class SlowDownload implements HttpHandler {
    static final int CHUNKS = 30;
    static final int CHUNK = 4096;
    static final int SIZE = CHUNKS * CHUNK;

    private final long paceNanos;
    private final Semaphore downloadsStarted = new Semaphore(0);
    private final AtomicInteger quickAnswers = new AtomicInteger();

    /** @param paceMillis the pause between chunks: the download lasts about {@code CHUNKS * paceMillis} */
    SlowDownload(long paceMillis) {
        this.paceNanos = TimeUnit.MILLISECONDS.toNanos(paceMillis);
    }

    /** @return the body every download must deliver, byte for byte */
    static byte[] expected() {
        byte[] body = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            body[i] = (byte) (i % 251);
        }
        return body;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/api/download")) {
            quickAnswers.incrementAndGet();
            TestUpstream.reply(exchange, 200, "ok");
            return;
        }
        byte[] body = expected();
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, SIZE);
            out.write(body, 0, CHUNK);
            out.flush();
            downloadsStarted.release();
            for (int i = 1; i < CHUNKS; i++) {
                LockSupport.parkNanos(paceNanos); // the pace of a slow body, not a wait for another thread
                out.write(body, i * CHUNK, CHUNK);
                out.flush();
            }
        } catch (IOException cut) {
            // the gateway cut the download: what the deadline test wants
        }
    }

    /** @param count how many downloads must have sent their first chunk @return whether they did within 20 s */
    boolean awaitDownloads(int count) throws InterruptedException {
        return downloadsStarted.tryAcquire(count, 20, TimeUnit.SECONDS);
    }

    /** @return how many requests other than downloads reached this upstream */
    int quickAnswers() {
        return quickAnswers.get();
    }

    /**
     * @param port the gateway's port
     * @return the response to one download on a connection of its own
     * @throws IOException if the connection fails or is cut
     */
    static RawHttp.Response download(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET /api/download HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            return RawHttp.read(socket.getInputStream());
        }
    }
}
