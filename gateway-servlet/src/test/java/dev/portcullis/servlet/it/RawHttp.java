package dev.portcullis.servlet.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A raw-socket HTTP/1.1 client for tests that need exact bytes on the wire: a request target no client library
 * would send, headers a library would refuse ({@code Connection}, {@code Proxy-Authorization}), and the response's
 * headers exactly as framed. Send the request with {@code Connection: close}.
 *
 * <pre>{@code
 * RawHttp.Response response = RawHttp.exchange(server.port(),
 *     "GET /api/a%2Fb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
 * }</pre>
 */
public final class RawHttp {
    private RawHttp() {
    }

    /**
     * A response as read from the socket.
     *
     * @param status the status code
     * @param headers every header line as {@code name: value}, in order
     * @param body the de-chunked body
     */
    public record Response(int status, List<String> headers, byte[] body) {
        /**
         * @param name a header name, any case
         * @return every value of that header, in order
         */
        public List<String> header(String name) {
            List<String> values = new ArrayList<>();
            for (String line : headers) {
                int colon = line.indexOf(':');
                if (line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).trim());
                }
            }
            return values;
        }

        /** @return the body as UTF-8 */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param port the server port on 127.0.0.1
     * @param request the request bytes as ISO-8859-1 text
     * @return the response
     * @throws IOException on I/O failure
     */
    public static Response exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * Reads one response.
     *
     * @param in the stream
     * @return the response
     * @throws IOException on I/O failure or malformed framing
     */
    public static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<String> headers = new ArrayList<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            headers.add(line);
        }
        Response head = new Response(status, headers, new byte[0]);
        byte[] body;
        if (head.header("Transfer-Encoding").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                out.write(in.readNBytes(size));
                line(in);
            }
            body = out.toByteArray();
        } else if (!head.header("Content-Length").isEmpty()) {
            body = in.readNBytes(Integer.parseInt(head.header("Content-Length").get(0)));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    /**
     * @param in the stream
     * @return one CRLF-terminated line without the CRLF
     * @throws IOException at end of stream
     */
    public static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-line: " + line);
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
