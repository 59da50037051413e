package dev.portcullis.core.internal.resilience;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream request's place in its route's circuit breaker, and the balancer's notice that it ended. The proxy
 * reports {@link #settled()} when the response headers arrive (or the try fails) and {@link #release()} when the
 * exchange is over, from whichever thread gets there; each counts once, in that order, whatever the races.
 */
public final class Lease {
    private static final int PENDING = 0;
    private static final int SETTLED = 1;
    private static final int RELEASED = 2;
    private final Breaker breaker;
    private final Runnable ended;
    private final AtomicInteger state = new AtomicInteger(PENDING);

    Lease(Breaker breaker, Runnable ended) {
        this.breaker = breaker;
        this.ended = ended;
    }

    /** The response headers arrived, or the try failed: the request is no longer pending. */
    public void settled() {
        if (state.compareAndSet(PENDING, SETTLED)) {
            breaker.settled();
        }
    }

    /** The request is over: frees its place and tells the balancer, once. */
    public void release() {
        int was = state.getAndSet(RELEASED);
        if (was == RELEASED) {
            return;
        }
        if (was == PENDING) {
            breaker.settled();
        }
        breaker.release();
        ended.run();
    }
}
