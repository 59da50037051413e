package dev.portcullis.core;

import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import java.util.Objects;

/**
 * A request as the container read it, before the gateway looked at it: the raw request line parts, the headers in
 * the order the container reports them, the socket peer, and a way to open the body. A container adapter builds one
 * per request and hands it to {@link Gateway#open(IncomingRequest)}; nothing in it is trusted or decoded yet.
 *
 * <pre>{@code
 * IncomingRequest incoming = IncomingRequest.builder()
 *     .method("GET").rawPath("/api/items").rawQuery("page=2").protocol("HTTP/1.1")
 *     .scheme("http").serverName("gw.example").serverPort(8080).peerAddress("203.0.113.7")
 *     .headers(headers).contentLength(-1).body(length -> myBody)
 *     .build();
 * }</pre>
 */
public final class IncomingRequest {
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final String protocol;
    private final String scheme;
    private final String serverName;
    private final int serverPort;
    private final String peerAddress;
    private final HttpHeaders headers;
    private final long contentLength;
    private final BodyOpener body;

    private IncomingRequest(Builder b) {
        this.method = b.method;
        this.rawPath = b.rawPath;
        this.rawQuery = b.rawQuery;
        this.protocol = b.protocol;
        this.scheme = b.scheme;
        this.serverName = b.serverName;
        this.serverPort = b.serverPort;
        this.peerAddress = b.peerAddress;
        this.headers = b.headers;
        this.contentLength = b.contentLength;
        this.body = b.body;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Opens the body of a request that has one; called at most once, only when the declared length is not 0. */
    @FunctionalInterface
    public interface BodyOpener {
        /**
         * @param declaredLength the body's length, or -1 when it is unknown (chunked, or HTTP/2 without a length)
         * @return the body, read lazily when someone subscribes
         */
        Body open(long declaredLength);
    }

    /** @return the method, as sent */
    public String method() {
        return method;
    }

    /** @return the raw request path, still percent-encoded */
    public String rawPath() {
        return rawPath;
    }

    /** @return the raw query without {@code ?}, or null */
    public String rawQuery() {
        return rawQuery;
    }

    /** @return the protocol, e.g. {@code HTTP/1.1} */
    public String protocol() {
        return protocol;
    }

    /** @return the scheme of the connection, {@code http} or {@code https} */
    public String scheme() {
        return scheme;
    }

    /** @return the server name the container resolved, used when the request has no {@code Host} */
    public String serverName() {
        return serverName;
    }

    /** @return the local port, used when the request has no {@code Host} */
    public int serverPort() {
        return serverPort;
    }

    /** @return the socket peer as the container reports it (an IP literal, or something else for a Unix socket) */
    public String peerAddress() {
        return peerAddress;
    }

    /** @return the headers, multi-valued names in order */
    public HttpHeaders headers() {
        return headers;
    }

    /** @return the {@code Content-Length}, or -1 when there is none */
    public long contentLength() {
        return contentLength;
    }

    /** @return opens the body */
    public BodyOpener body() {
        return body;
    }

    /**
     * An HTTP/1.x request without {@code Content-Length} or {@code Transfer-Encoding} has no body (RFC 9112 §6.3);
     * an HTTP/2 or HTTP/3 request frames its body itself and may send one without {@code Content-Length}, so there
     * the length is unknown and the body is read to its end.
     *
     * @return the declared length, {@code -1} when unknown (chunked, or HTTP/2+ without a length), {@code 0} when
     *     there is no body
     */
    public long declaredLength() {
        if (contentLength >= 0) {
            return contentLength;
        }
        if (headers.contains("Transfer-Encoding") || !protocol.startsWith("HTTP/1.")) {
            return -1;
        }
        return 0;
    }

    /** Collects the parts of an {@link IncomingRequest}; every part is required. Not thread-safe. */
    public static final class Builder {
        private String method;
        private String rawPath;
        private String rawQuery;
        private String protocol = "HTTP/1.1";
        private String scheme = "http";
        private String serverName = "localhost";
        private int serverPort = 80;
        private String peerAddress;
        private HttpHeaders headers = HttpHeaders.empty();
        private long contentLength = -1;
        private BodyOpener body = length -> Body.empty();

        private Builder() {
        }

        /** @param method the method @return this builder */
        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** @param rawPath the raw path @return this builder */
        public Builder rawPath(String rawPath) {
            this.rawPath = Objects.requireNonNull(rawPath, "rawPath");
            return this;
        }

        /** @param rawQuery the raw query, or null @return this builder */
        public Builder rawQuery(String rawQuery) {
            this.rawQuery = rawQuery;
            return this;
        }

        /** @param protocol e.g. {@code HTTP/1.1}, default that @return this builder */
        public Builder protocol(String protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** @param scheme {@code http} or {@code https}, default {@code http} @return this builder */
        public Builder scheme(String scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /** @param serverName the server name @return this builder */
        public Builder serverName(String serverName) {
            this.serverName = Objects.requireNonNull(serverName, "serverName");
            return this;
        }

        /** @param serverPort the local port @return this builder */
        public Builder serverPort(int serverPort) {
            this.serverPort = serverPort;
            return this;
        }

        /** @param peerAddress the socket peer @return this builder */
        public Builder peerAddress(String peerAddress) {
            this.peerAddress = Objects.requireNonNull(peerAddress, "peerAddress");
            return this;
        }

        /** @param headers the headers @return this builder */
        public Builder headers(HttpHeaders headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        /** @param contentLength the {@code Content-Length}, or -1 @return this builder */
        public Builder contentLength(long contentLength) {
            this.contentLength = contentLength;
            return this;
        }

        /** @param body opens the body, default an empty one @return this builder */
        public Builder body(BodyOpener body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /** @return the request @throws IllegalStateException when the method, path or peer is missing */
        public IncomingRequest build() {
            if (method == null || rawPath == null || peerAddress == null) {
                throw new IllegalStateException("an incoming request needs a method, a raw path and a peer address");
            }
            return new IncomingRequest(this);
        }
    }
}
