package dev.portcullis.core.client;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one prepared request to one upstream instance and streams its response back. The reverse proxy has already
 * chosen the instance, built the URI and cleaned the headers; an implementation only moves bytes.
 *
 * <p>Contract:
 * <ul>
 *   <li>Never follow redirects, keep no cookies, never decompress: the client gets the upstream's bytes.</li>
 *   <li>Send {@link UpstreamRequest#headers()} as given, in order, with framing computed from
 *       {@link UpstreamRequest#body()}: {@code Content-Length} when its length is known, chunked when it is
 *       {@code -1}, and no body at all when it is {@code 0} and the method normally has none.</li>
 *   <li>Complete the future when the response <em>headers</em> arrive; the body then streams through
 *       {@link UpstreamResponse#body()}, which must be subscribed to (or cancelled) exactly once so the connection
 *       is released.</li>
 *   <li>Fail the future with a {@link java.net.http.HttpTimeoutException} when connecting or waiting for the
 *       response headers takes longer than the request's timeouts (the gateway answers 504), and with another
 *       {@link java.io.IOException} when the upstream cannot be reached or answers malformed (502). Fail it with an
 *       {@link UpstreamCapacityExceededException} when the client's own local capacity is exhausted (a full request
 *       queue) and the request was not sent: that is the gateway's overload (503 with {@code Retry-After}), not the
 *       upstream's fault. A failure of
 *       the request body publisher (for instance a {@link dev.portcullis.api.ProblemException} for a body over its
 *       limit) is passed on as the cause.</li>
 *   <li>{@code future.cancel(true)} before the headers arrive, or cancelling the body subscription after, aborts the
 *       exchange and frees its connection.</li>
 * </ul>
 *
 * <pre>{@code
 * UpstreamClient client = JdkUpstreamClient.create();
 * GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline).upstreamClient(client).build();
 * }</pre>
 */
public interface UpstreamClient extends AutoCloseable {

    /**
     * @param request the request to send
     * @return the response, completed when its headers have arrived
     */
    CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request);

    /**
     * Reports this client's connections to one upstream instance, for metrics; cheap, never blocks, never called per
     * request.
     *
     * @param instance an upstream instance's base URI, as configured ({@code http://10.0.0.5:8080/v2})
     * @return the figures of the connections to the instance's scheme, host and port (zeros before the first
     *     request to it); empty (the default) when this client cannot observe its connection pool, as the JDK's
     *     {@code HttpClient} cannot
     */
    default Optional<ConnectionPoolFigures> connectionPool(URI instance) {
        return Optional.empty();
    }

    /**
     * Releases pooled connections and threads; called by the filter's {@code destroy()} for a client it created, and
     * by the caller, after the filter is destroyed, for one it passed to the builder.
     */
    @Override
    void close();
}
