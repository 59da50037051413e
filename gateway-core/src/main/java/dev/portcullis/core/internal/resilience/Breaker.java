package dev.portcullis.core.internal.resilience;

import dev.portcullis.api.ExchangeEvent.ShedReason;
import dev.portcullis.core.resilience.CircuitBreaker;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A route's circuit-breaker counts: upstream requests in flight and, of those, the ones still pending (no response
 * headers yet). Both live in one {@code long} (requests in the high half, pending in the low half) so a request is
 * admitted against both caps in one compare-and-set: the caps are never exceeded, and no lock is taken.
 */
final class Breaker {
    private static final long ONE_REQUEST = 1L << 32;
    private final AtomicLong counts = new AtomicLong();
    private final CircuitBreaker caps;

    Breaker(CircuitBreaker caps) {
        this.caps = caps;
    }

    /** @return null when a request was admitted (it counts as in flight and pending), else the cap that is full */
    ShedReason tryAcquire() {
        while (true) {
            long current = counts.get();
            if ((current >>> 32) >= caps.maxRequests()) {
                return ShedReason.MAX_REQUESTS;
            }
            if ((current & 0xffffffffL) >= caps.maxPending()) {
                return ShedReason.MAX_PENDING;
            }
            if (counts.compareAndSet(current, current + ONE_REQUEST + 1)) {
                return null;
            }
        }
    }

    /** An admitted request's response headers arrived, or it failed: it is no longer pending. */
    void settled() {
        counts.decrementAndGet();
    }

    /** An admitted request is over; it was settled before. */
    void release() {
        counts.addAndGet(-ONE_REQUEST);
    }
}
