package dev.portcullis.servlet.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw-socket upstream for tests of framing and header hygiene: records each request's head (request line and
 * header lines, exactly as received) and body bytes, then writes a canned response and closes the connection.
 *
 * <pre>{@code
 * try (RawUpstream upstream = RawUpstream.start("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
 *     ...
 *     RawUpstream.Received received = upstream.next();
 *     assertTrue(received.headers().contains("via: 1.1 portcullis"));
 * }
 * }</pre>
 */
public final class RawUpstream implements AutoCloseable {
    private final ServerSocket socket;
    private final String response;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    /**
     * One received request.
     *
     * @param requestLine the request line
     * @param headers the header lines as received
     * @param body the body bytes (by Content-Length, de-chunked for chunked)
     */
    public record Received(String requestLine, List<String> headers, byte[] body) {
        /**
         * @param name a header name, any case
         * @return its values, in order
         */
        public List<String> header(String name) {
            return new RawHttp.Response(0, headers, body).header(name);
        }
    }

    private RawUpstream(String response) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.response = response;
        this.acceptor = new Thread(this::serve, "raw-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param response the raw response bytes (ISO-8859-1 text) to answer every request with
     * @return the started upstream
     * @throws IOException if it cannot bind
     */
    public static RawUpstream start(String response) throws IOException {
        return new RawUpstream(response);
    }

    /** @return {@code http://127.0.0.1:port} */
    public String baseUri() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /**
     * @return the next received request
     * @throws InterruptedException if interrupted
     */
    public Received next() throws InterruptedException {
        Received next = received.poll(20, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the upstream received no request");
        }
        return next;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                InputStream in = connection.getInputStream();
                String requestLine = RawHttp.line(in);
                List<String> headers = new ArrayList<>();
                for (String line = RawHttp.line(in); !line.isEmpty(); line = RawHttp.line(in)) {
                    headers.add(line);
                }
                RawHttp.Response head = new RawHttp.Response(0, headers, new byte[0]);
                byte[] body = new byte[0];
                if (!head.header("Content-Length").isEmpty()) {
                    body = in.readNBytes(Integer.parseInt(head.header("Content-Length").get(0)));
                } else if (!head.header("Transfer-Encoding").isEmpty()) {
                    body = RawHttp.read(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(
                            "HTTP/1.1 200 X\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                            in)).body();
                }
                received.add(new Received(requestLine, headers, body));
                connection.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                connection.getOutputStream().flush();
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
