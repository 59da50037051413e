package dev.portcullis.test;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.test.internal.Received;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One request as a {@link RecordingUpstream} received it: what the gateway forwarded, read off the wire. The target
 * is byte for byte what was sent (never decoded), the headers keep their order and spelling, and the body is kept up
 * to the upstream's cap ({@link #bodyLength()} counts every byte). Immutable.
 *
 * <pre>{@code
 * RecordedRequest forwarded = upstream.awaitRequests(1, Duration.ofSeconds(5)).get(0);
 * assertEquals("/orders/7?page=2", forwarded.target());
 * assertEquals(Optional.of("acme"), forwarded.headers().first("X-Tenant"));
 * assertEquals(List.of("1.1 portcullis"), forwarded.headers().all("Via"));
 * }</pre>
 */
public final class RecordedRequest {
    private final Received received;

    RecordedRequest(Received received) {
        this.received = received;
    }

    /** @return the method, as sent */
    public String method() {
        return received.method();
    }

    /** @return the request target exactly as sent, e.g. {@code /orders/a%2Fb?x=1} */
    public String target() {
        return received.target();
    }

    /** @return the target's path, still percent-encoded */
    public String rawPath() {
        int query = received.target().indexOf('?');
        return query < 0 ? received.target() : received.target().substring(0, query);
    }

    /** @return the target's query without {@code ?}, still percent-encoded, or empty when there is none */
    public Optional<String> rawQuery() {
        int query = received.target().indexOf('?');
        return query < 0 ? Optional.empty() : Optional.of(received.target().substring(query + 1));
    }

    /** @return the protocol version, e.g. {@code HTTP/1.1} */
    public String version() {
        return received.version();
    }

    /** @return the header fields in the order and spelling received (lookups ignore case) */
    public HttpHeaders headers() {
        return received.headers();
    }

    /** @return the body bytes kept (a copy): all of them unless the body was longer than the upstream's cap */
    public byte[] body() {
        return received.body().clone();
    }

    /** @return the body bytes kept, as UTF-8 text */
    public String bodyText() {
        return new String(received.body(), StandardCharsets.UTF_8);
    }

    /** @return how many body bytes arrived, kept or not */
    public long bodyLength() {
        return received.bodyLength();
    }

    /** @return whether the body came with chunked transfer coding (rather than {@code Content-Length}) */
    public boolean chunked() {
        return received.chunked();
    }

    /**
     * @return whether the body arrived whole; false when the connection ended (or the chunk framing broke) before
     *     its end, as when the gateway cuts an upload it refuses mid-stream. Such a request gets no answer.
     */
    public boolean complete() {
        return received.complete();
    }

    @Override
    public String toString() {
        return received.method() + ' ' + received.target() + " (" + received.headers().size() + " header fields, "
                + received.bodyLength() + " body bytes" + (received.complete() ? "" : ", cut short") + ')';
    }
}
