package dev.portcullis.test.internal;

import dev.portcullis.api.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 request line and header section read from a socket, at most {@value #MAX_BYTES} bytes. A head that
 * breaks the syntax is not thrown at the reader: it comes back with {@link #malformed()} saying why, for a 400.
 *
 * <pre>{@code
 * RequestHead head = RequestHead.read(in);      // null: the peer closed before sending a byte
 * }</pre>
 */
final class RequestHead {
    static final int MAX_BYTES = 64 * 1024;

    final String method;
    final String target;
    final String version;
    final HttpHeaders headers;
    private final String malformed;

    private RequestHead(String method, String target, String version, HttpHeaders headers, String malformed) {
        this.method = method;
        this.target = target;
        this.version = version;
        this.headers = headers;
        this.malformed = malformed;
    }

    private static RequestHead malformed(String reason) {
        return new RequestHead("", "", "", HttpHeaders.empty(), reason);
    }

    /**
     * @param in the connection's buffered input
     * @return the head; null when the stream ended before its first byte (an idle keep-alive connection closing)
     * @throws IOException if reading fails, or the stream ends inside the head
     */
    static RequestHead read(InputStream in) throws IOException {
        int[] budget = {MAX_BYTES};
        String line = line(in, budget, true);
        while (line != null && line.isEmpty()) {
            line = line(in, budget, false);      // RFC 9112 §2.2: an empty line before the request line is skipped
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/")) {
            return malformed("not a request line: " + line);
        }
        HttpHeaders.Builder headers = HttpHeaders.builder();
        for (String field = line(in, budget, false); !field.isEmpty(); field = line(in, budget, false)) {
            int colon = field.indexOf(':');
            if (colon <= 0 || field.charAt(0) == ' ' || field.charAt(0) == '\t') {
                return malformed("not a header field: " + field);
            }
            try {
                headers.add(field.substring(0, colon), field.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                return malformed(e.getMessage());
            }
        }
        return new RequestHead(parts[0], parts[1], parts[2], headers.build(), null);
    }

    /** A request head, or a chunked body's trailer section, over {@value #MAX_BYTES} bytes. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("the request head is longer than " + MAX_BYTES + " bytes");
        }
    }

    /** @return why the head is refused, or null when it is well formed */
    String malformed() {
        return malformed;
    }

    /** @return whether the request asks to see {@code 100 Continue} before it sends its body */
    boolean expectsContinue() {
        return headers.all("Expect").stream().anyMatch(value -> value.equalsIgnoreCase("100-continue"));
    }

    /** @return whether the connection stays open after the answer (HTTP/1.1 without {@code Connection: close}) */
    boolean keepAlive() {
        return version.equals("HTTP/1.1") && !hasToken(headers.all("Connection"), "close");
    }

    /** @return whether {@code values}, comma-separated lists, hold {@code token} in any case */
    static boolean hasToken(List<String> values, String token) {
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.strip().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads one line ended by LF (a CR before it dropped) as ISO-8859-1, spending {@code budget[0]} bytes.
     *
     * @param eofAllowed whether an end of stream before the first byte returns null instead of failing
     */
    static String line(InputStream in, int[] budget, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && bytes.size() == 0) {
                    return null;
                }
                throw new EOFException("the connection ended inside a line");
            }
            if (--budget[0] < 0) {
                throw new TooLarge();
            }
            if (b == '\n') {
                byte[] line = bytes.toByteArray();
                int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
                return new String(line, 0, length, StandardCharsets.ISO_8859_1);
            }
            bytes.write(b);
        }
    }
}
