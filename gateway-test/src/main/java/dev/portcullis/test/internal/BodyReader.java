package dev.portcullis.test.internal;

import dev.portcullis.api.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a request body framed by {@code Content-Length} or chunked transfer coding (RFC 9112 §6-7), keeping at most
 * a cap of its bytes and counting all of them. A body cut short (the peer closed, or its chunk framing broke) is
 * returned as far as it came, marked incomplete, rather than thrown.
 *
 * <pre>{@code
 * BodyReader.Result body = BodyReader.read(in, head.headers, 1 << 20);
 * }</pre>
 */
final class BodyReader {
    /** The longest chunk-size line read, extensions included. */
    private static final int MAX_CHUNK_LINE = 1024;

    private final InputStream in;
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long length;

    private BodyReader(InputStream in, int cap) {
        this.in = in;
        this.cap = cap;
    }

    /**
     * What was read.
     *
     * @param kept the first bytes of the body, at most the cap
     * @param length every byte of the body that arrived
     * @param chunked whether the body was chunked
     * @param complete whether it arrived whole
     */
    record Result(byte[] kept, long length, boolean chunked, boolean complete) {
    }

    /**
     * @param in the connection's input, just after the head
     * @param headers the request's headers
     * @param cap how many body bytes to keep
     * @return the body
     * @throws IllegalArgumentException if the framing headers are contradictory or unreadable (a 400)
     */
    static Result read(InputStream in, HttpHeaders headers, int cap) {
        List<String> codings = headers.all("Transfer-Encoding");
        List<String> lengths = headers.all("Content-Length");
        BodyReader reader = new BodyReader(in, cap);
        if (!codings.isEmpty()) {
            if (!RequestHead.hasToken(codings, "chunked") || !lengths.isEmpty()) {
                throw new IllegalArgumentException("framing: Transfer-Encoding " + codings + " with Content-Length "
                        + lengths);
            }
            return reader.result(true, reader.chunks());
        }
        long declared = declaredLength(lengths);
        return reader.result(false, reader.copy(declared) && reader.length == declared);
    }

    private static long declaredLength(List<String> lengths) {
        if (lengths.isEmpty()) {
            return 0;
        }
        String first = lengths.get(0).strip();
        for (String value : lengths) {
            if (!value.strip().equals(first) || !first.matches("[0-9]{1,18}")) {
                throw new IllegalArgumentException("framing: Content-Length " + lengths);
            }
        }
        return Long.parseLong(first);
    }

    private Result result(boolean chunked, boolean complete) {
        return new Result(kept.toByteArray(), length, chunked, complete);
    }

    /** @return whether the last chunk and the trailer section arrived */
    private boolean chunks() {
        try {
            int[] budget = {RequestHead.MAX_BYTES};
            while (true) {
                long size = chunkSize(RequestHead.line(in, new int[] {MAX_CHUNK_LINE}, false));
                if (size < 0) {
                    return false;
                }
                if (size == 0) {
                    String trailer = RequestHead.line(in, budget, false);
                    while (!trailer.isEmpty()) {            // trailer fields are read and dropped
                        trailer = RequestHead.line(in, budget, false);
                    }
                    return true;
                }
                long before = length;
                if (!copy(size) || length - before != size || !RequestHead.line(in, budget, false).isEmpty()) {
                    return false;
                }
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the size of a chunk-size line, or -1 when it is not one */
    private static long chunkSize(String line) {
        int end = line.indexOf(';');
        String hex = (end < 0 ? line : line.substring(0, end)).strip();
        return hex.matches("[0-9A-Fa-f]{1,15}") ? Long.parseLong(hex, 16) : -1;
    }

    /** Reads up to {@code count} bytes; @return false when the stream failed or ended first */
    private boolean copy(long count) {
        byte[] buffer = new byte[8192];
        long left = count;
        try {
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    return false;
                }
                int keep = (int) Math.max(0, Math.min(read, cap - (long) kept.size()));
                kept.write(buffer, 0, keep);
                length += read;
                left -= read;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
