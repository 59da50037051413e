package dev.portcullis.core.client;

import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One request for an {@link UpstreamClient}: ready to send, headers already cleaned by the reverse proxy.
 *
 * <pre>{@code
 * UpstreamRequest request = new UpstreamRequest("GET", URI.create("http://127.0.0.1:9001/users/7"),
 *     HttpHeaders.builder().add("Accept", "application/json").build(), Body.empty(),
 *     Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60));
 * }</pre>
 *
 * @param method the method
 * @param uri the absolute upstream URI, path and query exactly as they must appear on the request line
 * @param headers the headers to send; {@code Host} is present only when the client's host is to be preserved
 * @param body the body; its {@link Body#contentLength()} decides the framing
 * @param connectTimeout how long connecting may take
 * @param responseTimeout how long the upstream may take to send its response headers
 * @param idleTimeout the longest silence between two bytes of the response body; when it passes, the body fails
 *     with an {@link java.net.http.HttpTimeoutException}
 */
public record UpstreamRequest(String method, URI uri, HttpHeaders headers, Body body, Duration connectTimeout,
                              Duration responseTimeout, Duration idleTimeout) {
    /** The idle timeout of the constructor without one, as for a route that sets none. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * A request with the {@linkplain #DEFAULT_IDLE_TIMEOUT default idle timeout}.
     *
     * @param method the method
     * @param uri the absolute upstream URI
     * @param headers the headers to send
     * @param body the body
     * @param connectTimeout how long connecting may take
     * @param responseTimeout how long the upstream may take to send its response headers
     */
    public UpstreamRequest(String method, URI uri, HttpHeaders headers, Body body, Duration connectTimeout,
                           Duration responseTimeout) {
        this(method, uri, headers, body, connectTimeout, responseTimeout, DEFAULT_IDLE_TIMEOUT);
    }

    /** Checks the values. */
    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    /**
     * @return whether the method carries a body even when it is empty ({@code POST}, {@code PUT}, {@code PATCH}), so
     *     an empty one is sent with {@code Content-Length: 0}; any other method with an empty body is sent without
     *     framing
     */
    public boolean methodCarriesBody() {
        return carriesBody(method);
    }

    /**
     * @param method a request method, as sent
     * @return whether the method carries a body even when it is empty
     */
    public static boolean carriesBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }
}
