package dev.portcullis.api;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable view of one client request as it travels through the pipeline.
 *
 * <p>The path and query are kept <em>raw</em>: exactly the percent-encoded bytes the client sent, never decoded and
 * re-encoded. Routing matches on {@link #rawPath()} and the proxy forwards the same string, so a security check and
 * the upstream always see one path. {@link #clientAddress()} is the client as resolved through the trusted-proxy
 * rules; {@link #peerAddress()} is the socket peer.
 *
 * <p>To change a request, build a new one and pass it to {@link Chain#proceed(GatewayRequest)}:
 *
 * <pre>{@code
 * GatewayRequest changed = chain.request().toBuilder()
 *     .headers(chain.request().headers().toBuilder().set("X-Tenant", "acme").build())
 *     .build();
 * return chain.proceed(changed);
 * }</pre>
 */
public final class GatewayRequest {
    private final String id;
    private final String method;
    private final String scheme;
    private final String authority;
    private final String rawPath;
    private final String rawQuery;
    private final HttpHeaders headers;
    private final InetAddress clientAddress;
    private final InetAddress peerAddress;
    private final Body body;
    private final Attributes attributes;

    private GatewayRequest(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.method = Objects.requireNonNull(b.method, "method");
        this.scheme = Objects.requireNonNull(b.scheme, "scheme");
        this.authority = Objects.requireNonNull(b.authority, "authority");
        this.rawPath = Objects.requireNonNull(b.rawPath, "rawPath");
        this.rawQuery = b.rawQuery;
        this.headers = Objects.requireNonNull(b.headers, "headers");
        this.clientAddress = Objects.requireNonNull(b.clientAddress, "clientAddress");
        this.peerAddress = b.peerAddress == null ? b.clientAddress : b.peerAddress;
        this.body = Objects.requireNonNull(b.body, "body");
        this.attributes = Objects.requireNonNull(b.attributes, "attributes");
        if (!rawPath.startsWith("/")) {
            throw new IllegalArgumentException("rawPath must start with '/': " + rawPath);
        }
    }

    /** @return a builder for a new request */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding every value of this request */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the request id: unique per request, echoed in every problem the gateway answers with */
    public String id() {
        return id;
    }

    /** @return the method exactly as sent (methods are case-sensitive: {@code get} is not {@code GET}) */
    public String method() {
        return method;
    }

    /** @return {@code http} or {@code https}, as the client used it */
    public String scheme() {
        return scheme;
    }

    /** @return the host and optional port the client addressed (its {@code Host} header) */
    public String authority() {
        return authority;
    }

    /** @return the path exactly as received, still percent-encoded, starting with {@code /} */
    public String rawPath() {
        return rawPath;
    }

    /** @return the query exactly as received, without the {@code ?}, or empty if the URI had none */
    public Optional<String> rawQuery() {
        return Optional.ofNullable(rawQuery);
    }

    /** @return {@link #rawPath()} followed by {@code ?} and the raw query when there is one */
    public String rawPathAndQuery() {
        return rawQuery == null ? rawPath : rawPath + '?' + rawQuery;
    }

    /** @return the request headers, in the order received */
    public HttpHeaders headers() {
        return headers;
    }

    /** @return the client's address, resolved through the trusted-proxy rules */
    public InetAddress clientAddress() {
        return clientAddress;
    }

    /** @return the address of the socket peer (the client itself, or the last proxy in front of us) */
    public InetAddress peerAddress() {
        return peerAddress;
    }

    /** @return the request body; not read until someone subscribes */
    public Body body() {
        return body;
    }

    /** @return the typed attributes attached by earlier interceptors */
    public Attributes attributes() {
        return attributes;
    }

    /**
     * @param key the attribute key
     * @param <T> the value type
     * @return the attribute's value, or empty
     */
    public <T> Optional<T> attribute(AttributeKey<T> key) {
        return attributes.get(key);
    }

    /**
     * @param key the attribute key
     * @param value the value
     * @param <T> the value type
     * @return a copy of this request with the attribute set
     */
    public <T> GatewayRequest withAttribute(AttributeKey<T> key, T value) {
        return toBuilder().attributes(attributes.with(key, value)).build();
    }

    @Override
    public String toString() {
        return "GatewayRequest[" + id + ' ' + method + ' ' + rawPathAndQuery() + ']';
    }

    /** Collects the values of a {@link GatewayRequest}; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private String id;
        private String method;
        private String scheme = "http";
        private String authority;
        private String rawPath;
        private String rawQuery;
        private HttpHeaders headers = HttpHeaders.empty();
        private InetAddress clientAddress;
        private InetAddress peerAddress;
        private Body body = Body.empty();
        private Attributes attributes = Attributes.empty();

        private Builder() {
        }

        private Builder(GatewayRequest r) {
            id = r.id;
            method = r.method;
            scheme = r.scheme;
            authority = r.authority;
            rawPath = r.rawPath;
            rawQuery = r.rawQuery;
            headers = r.headers;
            clientAddress = r.clientAddress;
            peerAddress = r.peerAddress;
            body = r.body;
            attributes = r.attributes;
        }

        /** @param id the request id @return this builder */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** @param method the method, kept as given (methods are case-sensitive) @return this builder */
        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** @param scheme {@code http} or {@code https} @return this builder */
        public Builder scheme(String scheme) {
            this.scheme = scheme;
            return this;
        }

        /** @param authority host and optional port @return this builder */
        public Builder authority(String authority) {
            this.authority = authority;
            return this;
        }

        /** @param rawPath the percent-encoded path, starting with {@code /} @return this builder */
        public Builder rawPath(String rawPath) {
            this.rawPath = rawPath;
            return this;
        }

        /** @param rawQuery the percent-encoded query without {@code ?}, or null for none @return this builder */
        public Builder rawQuery(String rawQuery) {
            this.rawQuery = rawQuery;
            return this;
        }

        /** @param headers the headers @return this builder */
        public Builder headers(HttpHeaders headers) {
            this.headers = headers;
            return this;
        }

        /** @param clientAddress the resolved client address @return this builder */
        public Builder clientAddress(InetAddress clientAddress) {
            this.clientAddress = clientAddress;
            return this;
        }

        /** @param peerAddress the socket peer; defaults to the client address @return this builder */
        public Builder peerAddress(InetAddress peerAddress) {
            this.peerAddress = peerAddress;
            return this;
        }

        /** @param body the body @return this builder */
        public Builder body(Body body) {
            this.body = body;
            return this;
        }

        /** @param attributes the attributes @return this builder */
        public Builder attributes(Attributes attributes) {
            this.attributes = attributes;
            return this;
        }

        /**
         * @return the request
         * @throws NullPointerException naming the first required value that is missing
         * @throws IllegalArgumentException if the path does not start with {@code /}
         */
        public GatewayRequest build() {
            return new GatewayRequest(this);
        }
    }
}
