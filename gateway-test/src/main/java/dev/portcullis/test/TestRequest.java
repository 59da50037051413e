package dev.portcullis.test;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.Attributes;
import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Builds the {@link GatewayRequest} an interceptor would see, for {@link InterceptorRunner}, with the defaults a
 * gateway would fill in: a fresh request id ({@code test-request-<n>}), scheme {@code http}, authority
 * {@code gateway.test}, client and peer {@code 127.0.0.1}, no headers, no body. The request target is split into
 * the raw path and query exactly as the gateway does: at the first {@code ?}, nothing decoded. Not thread-safe.
 *
 * <pre>{@code
 * GatewayRequest request = TestRequest.get("/api/orders?page=2")
 *     .header("X-Tenant", "acme")
 *     .clientAddress("203.0.113.7")
 *     .build();
 * GatewayRequest upload = TestRequest.of("PUT", "/api/orders/7").body("{\"qty\":2}", "application/json").build();
 * }</pre>
 */
public final class TestRequest {
    private static final AtomicLong IDS = new AtomicLong();
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final GatewayRequest.Builder request;
    private final HttpHeaders.Builder headers = HttpHeaders.builder();
    private Attributes attributes = Attributes.empty();

    private TestRequest(String method, String rawPathAndQuery) {
        Objects.requireNonNull(rawPathAndQuery, "rawPathAndQuery");
        int query = rawPathAndQuery.indexOf('?');
        request = GatewayRequest.builder()
                .id("test-request-" + IDS.incrementAndGet())
                .method(method)
                .authority("gateway.test")
                .rawPath(query < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0, query))
                .rawQuery(query < 0 ? null : rawPathAndQuery.substring(query + 1))
                .clientAddress(InetAddress.getLoopbackAddress());
    }

    /** @param rawPathAndQuery the request target, e.g. {@code /api/orders?page=2} @return a GET */
    public static TestRequest get(String rawPathAndQuery) {
        return new TestRequest("GET", rawPathAndQuery);
    }

    /** @param rawPathAndQuery the request target @return a POST (give it a {@link #body(String, String)}) */
    public static TestRequest post(String rawPathAndQuery) {
        return new TestRequest("POST", rawPathAndQuery);
    }

    /**
     * @param method the method, kept as given (methods are case-sensitive)
     * @param rawPathAndQuery the request target
     * @return a request
     */
    public static TestRequest of(String method, String rawPathAndQuery) {
        return new TestRequest(Objects.requireNonNull(method, "method"), rawPathAndQuery);
    }

    /**
     * @param name a header name
     * @param value a value, added after earlier values of the name (CR, LF and NUL are refused)
     * @return this builder
     */
    public TestRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /**
     * @param text the body, as UTF-8; sets {@code Content-Length} as a client would
     * @param contentType its {@code Content-Type}
     * @return this builder
     */
    public TestRequest body(String text, String contentType) {
        headers.set("Content-Type", Objects.requireNonNull(contentType, "contentType"));
        return body(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param bytes the body (not copied); sets {@code Content-Length} as a client would
     * @return this builder
     */
    public TestRequest body(byte[] bytes) {
        headers.set("Content-Length", Integer.toString(bytes.length));
        request.body(Body.of(bytes));
        return this;
    }

    /**
     * @param body a body as the gateway would hand it on (e.g. of unknown length, {@code contentLength() == -1}, as
     *     a chunked upload is); no {@code Content-Length} is set
     * @return this builder
     */
    public TestRequest body(Body body) {
        request.body(Objects.requireNonNull(body, "body"));
        return this;
    }

    /**
     * @param literal the client's address as resolved through the trusted proxies, an IP literal such as
     *     {@code 203.0.113.7} or {@code 2001:db8::1}; the peer stays {@code 127.0.0.1} unless set
     * @return this builder
     */
    public TestRequest clientAddress(String literal) {
        request.clientAddress(address("clientAddress", literal));
        return this;
    }

    /** @param literal the socket peer's IP literal (a proxy in front of the client) @return this builder */
    public TestRequest peerAddress(String literal) {
        request.peerAddress(address("peerAddress", literal));
        return this;
    }

    /** @param id the request id, instead of a fresh {@code test-request-<n>} @return this builder */
    public TestRequest id(String id) {
        request.id(Objects.requireNonNull(id, "id"));
        return this;
    }

    /** @param authority the host and optional port the client addressed @return this builder */
    public TestRequest authority(String authority) {
        request.authority(Objects.requireNonNull(authority, "authority"));
        return this;
    }

    /** @param scheme {@code http} or {@code https} @return this builder */
    public TestRequest scheme(String scheme) {
        request.scheme(Objects.requireNonNull(scheme, "scheme"));
        return this;
    }

    /**
     * @param key an attribute an earlier stage would have set
     * @param value its value
     * @param <T> the value type
     * @return this builder
     */
    public <T> TestRequest attribute(AttributeKey<T> key, T value) {
        attributes = attributes.with(key, value);
        return this;
    }

    /** @return the request */
    public GatewayRequest build() {
        return request.headers(headers.build()).attributes(attributes).build();
    }

    private static InetAddress address(String setting, String literal) {
        Objects.requireNonNull(literal, setting);
        if (!IP_LITERAL.matcher(literal).matches()) {
            throw new IllegalArgumentException(setting + ": an IP literal, not a host name: " + literal);
        }
        try {
            return InetAddress.getByName(literal);          // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(setting + ": not an IP address: " + literal, e);
        }
    }
}
