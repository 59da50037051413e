package dev.portcullis.api.ratelimit;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one rate-limiting interceptor, cheap to update from many threads. Read them from a metrics exporter or
 * a health check; {@link #failedOpen()} rising means requests are passing unlimited because the store is down.
 *
 * <pre>{@code
 * RateLimitInterceptor limits = RateLimiting.builder(limiter).build();
 * long unlimited = limits.metrics().failedOpen();
 * }</pre>
 */
public final class RateLimitMetrics {
    private final LongAdder allowed = new LongAdder();
    private final LongAdder limited = new LongAdder();
    private final LongAdder failedOpen = new LongAdder();
    private final LongAdder failedClosed = new LongAdder();

    RateLimitMetrics() {
    }

    /** @return requests allowed under a policy */
    public long allowed() {
        return allowed.sum();
    }

    /** @return requests answered 429 */
    public long limited() {
        return limited.sum();
    }

    /** @return requests let through unlimited because the store was unavailable (fail-open) */
    public long failedOpen() {
        return failedOpen.sum();
    }

    /** @return requests answered 503 because the store was unavailable (fail-closed) */
    public long failedClosed() {
        return failedClosed.sum();
    }

    void countAllowed() {
        allowed.increment();
    }

    void countLimited() {
        limited.increment();
    }

    void countFailedOpen() {
        failedOpen.increment();
    }

    void countFailedClosed() {
        failedClosed.increment();
    }

    @Override
    public String toString() {
        return "RateLimitMetrics[allowed=" + allowed() + " limited=" + limited() + " failedOpen=" + failedOpen()
                + " failedClosed=" + failedClosed() + ']';
    }
}
