package dev.portcullis.api.ratelimit;

/**
 * What a rate limit does when its store (for example Redis) cannot answer in time. There is no third mode: an
 * unreachable store is never a 500.
 *
 * <pre>{@code
 * RateLimitDecision.storeUnavailable(FailureMode.FAIL_CLOSED, Duration.ofSeconds(1), "redis timed out");
 * }</pre>
 */
public enum FailureMode {
    /** Let the request through unlimited, log a warning and count it in {@link RateLimitMetrics#failedOpen()}. */
    FAIL_OPEN,
    /** Answer 503 ({@code ProblemTypes.SERVICE_UNAVAILABLE}) with {@code Retry-After}; the upstream is not called. */
    FAIL_CLOSED
}
