package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;

/**
 * The circuit breaker's caps ({@code CircuitBreaker}).
 *
 * <pre>{@code
 * circuitBreaker: {maxRequests: 200, maxPending: 50}
 * }</pre>
 *
 * @param maxRequests requests in flight
 * @param maxPending requests without response headers yet
 */
@Doc("Caps on the group's upstream requests; a request beyond them gets 503 with Retry-After.")
public record CircuitBreakerModel(
        @Doc("Upstream requests in flight at once, default 1024, 1..1000000.") Integer maxRequests,
        @Doc("Of them, requests still waiting for response headers, default 1024, 1..1000000.") Integer maxPending) {
}
