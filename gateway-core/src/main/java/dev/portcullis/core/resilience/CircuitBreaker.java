package dev.portcullis.core.resilience;

import java.util.Objects;

/**
 * Caps on a route's upstream requests, which keep one slow or hanging backend from absorbing the gateway's
 * admission, connections and memory: at most {@link #maxRequests()} upstream requests in flight (from sending until
 * the response body is relayed or the exchange fails), and of those at most {@link #maxPending()} still waiting for a
 * connection or their response headers. A request beyond either cap is answered at once, without touching the
 * upstream, with {@code 503} problem {@code overloaded} and {@code Retry-After: 1}; a retry beyond them is not made.
 * Requests to other routes are not affected. Immutable.
 *
 * <pre>{@code
 * CircuitBreaker caps = CircuitBreaker.builder().maxRequests(200).maxPending(50).build();
 * }</pre>
 */
public final class CircuitBreaker {
    private static final CircuitBreaker DEFAULTS = new Builder().build();
    private final int maxRequests;
    private final int maxPending;

    private CircuitBreaker(Builder b) {
        this.maxRequests = b.maxRequests;
        this.maxPending = b.maxPending;
    }

    /** @return the defaults: 1,024 requests in flight, 1,024 of them pending (Envoy's defaults) */
    public static CircuitBreaker defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the most upstream requests in flight at once */
    public int maxRequests() {
        return maxRequests;
    }

    /** @return the most upstream requests waiting for a connection or their response headers at once */
    public int maxPending() {
        return maxPending;
    }

    /** Equal when every setting is equal, so a reload with the same settings keeps the route's resilience state. */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        return other instanceof CircuitBreaker that && maxRequests == that.maxRequests
                && maxPending == that.maxPending;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRequests, maxPending);
    }

    @Override
    public String toString() {
        return "CircuitBreaker[maxRequests " + maxRequests + ", maxPending " + maxPending + "]";
    }

    /** Collects a {@link CircuitBreaker}'s caps; {@link #build()} returns it. Not thread-safe. */
    public static final class Builder {
        private static final int MAX = 1_000_000;
        private int maxRequests = 1024;
        private int maxPending = 1024;

        private Builder() {
        }

        /** @param max requests in flight, default 1,024, from 1 to 1,000,000 @return this builder */
        public Builder maxRequests(int max) {
            this.maxRequests = Checks.range(max, 1, MAX, "circuitBreaker.maxRequests");
            return this;
        }

        /** @param max requests without response headers yet, default 1,024, from 1 to 1,000,000 @return this builder */
        public Builder maxPending(int max) {
            this.maxPending = Checks.range(max, 1, MAX, "circuitBreaker.maxPending");
            return this;
        }

        /** @return the caps */
        public CircuitBreaker build() {
            return new CircuitBreaker(this);
        }
    }
}
