package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;

/**
 * A route's upstream resilience ({@code Resilience}): active health checks, passive outlier ejection, the circuit
 * breaker's caps and retries. Each route's upstream group keeps its own state.
 *
 * <pre>{@code
 * resilience:
 *   healthCheck: {path: /health, interval: 5s}
 *   outlierEjection: {consecutiveFailures: 3}
 *   circuitBreaker: {maxRequests: 200, maxPending: 50}
 *   retries: {maxRetries: 2, statuses: [503]}
 * }</pre>
 *
 * @param healthCheck active health checks
 * @param outlierEjection passive outlier ejection
 * @param circuitBreaker caps on upstream requests
 * @param retries retries of failed tries
 */
@Doc("How the route's upstream group is protected from upstream failure; unset parts keep the defaults (no health "
        + "checks, outlier ejection after 5 failures, 1024 requests and 1024 pending, no retries).")
public record ResilienceModel(
        @Doc("Active health checks of every instance; default none (every instance counts as healthy).")
        HealthCheckModel healthCheck,
        @Doc("Passive outlier ejection of instances that fail in a row.") OutlierEjectionModel outlierEjection,
        @Doc("Caps on the group's upstream requests; beyond them 503 with Retry-After.")
        CircuitBreakerModel circuitBreaker,
        @Doc("Retries of failed tries; default none.") RetriesModel retries) {
}
