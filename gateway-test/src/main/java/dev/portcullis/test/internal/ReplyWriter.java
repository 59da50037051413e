package dev.portcullis.test.internal;

import dev.portcullis.api.HttpHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.LongPredicate;

/**
 * Carries out a {@link Reply} on a connection: waits its delay, then writes the response (status line, the headers
 * as given, a computed {@code Content-Length} unless framing headers were given, the body unless the request was a
 * {@code HEAD} or the status has none), hangs, or resets the connection with a TCP RST.
 *
 * <pre>{@code
 * boolean keepOpen = ReplyWriter.write(reply, head, socket, out, millis -> waited(millis));
 * }</pre>
 */
final class ReplyWriter {
    private ReplyWriter() {
    }

    /**
     * @param reply what to do
     * @param head the request's head
     * @param connection the socket, for a reset
     * @param out its buffered output
     * @param wait waits the given milliseconds (negative: until the server closes); false when the server closes
     * @return whether the connection stays open for another request
     * @throws IOException if writing fails
     */
    static boolean write(Reply reply, RequestHead head, Socket connection, OutputStream out, LongPredicate wait)
            throws IOException {
        if (reply.kind() == Reply.Kind.HANG) {
            wait.test(-1);
            return false;
        }
        if (!reply.delay().isZero() && !wait.test(reply.delay().toMillis())) {
            return false;
        }
        if (reply.kind() == Reply.Kind.RESET) {
            connection.setSoLinger(true, 0);
            connection.close();
            return false;
        }
        boolean keepAlive = head.keepAlive() && !RequestHead.hasToken(reply.headers().all("Connection"), "close");
        out.write(head(reply, keepAlive));
        if (hasBody(reply.status()) && !head.method.equals("HEAD")) {
            out.write(reply.body());
        }
        out.flush();
        return keepAlive;
    }

    private static byte[] head(Reply reply, boolean keepAlive) {
        HttpHeaders headers = reply.headers();
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(' ')
                .append(reason(reply.status())).append("\r\n");
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        boolean framed = headers.contains("Content-Length") || headers.contains("Transfer-Encoding");
        if (!framed && hasBody(reply.status())) {
            text.append("Content-Length: ").append(reply.body().length).append("\r\n");
        }
        if (!keepAlive && !headers.contains("Connection")) {
            text.append("Connection: close\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean hasBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 201: return "Created";
            case 204: return "No Content";
            case 301: return "Moved Permanently";
            case 302: return "Found";
            case 304: return "Not Modified";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "Status";
        }
    }
}
