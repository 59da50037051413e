package dev.portcullis.core.resilience;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Retries of failed upstream requests, off unless a route sets them. A request is tried again, on another instance
 * when one may serve, only when all of this holds:
 * <ul>
 *   <li>its method is idempotent ({@code GET HEAD OPTIONS TRACE PUT DELETE}), or {@link Builder#nonIdempotent(boolean)}
 *       allows any method;</li>
 *   <li>the try failed on one of the {@link #conditions()} or answered one of the {@link #statuses()}, before anything
 *       of the response reached the client (the gateway retries before it relays a byte);</li>
 *   <li>fewer than {@link #maxRetries()} retries were made, and the overall timeout leaves time for one;</li>
 *   <li>its body can be sent again: it is empty, was never read, or was read to its end within
 *       {@link #maxReplayBytes()} (a body is kept in memory up to that cap while it is sent);</li>
 *   <li>the route's retry budget has room: retries stay under {@link #budgetPercent()} per cent of the route's
 *       requests over the last 10 s, plus {@link #minRetriesPerSecond()} a second, so retries can never multiply the
 *       load on an upstream that is down;</li>
 *   <li>the route's circuit breaker has room.</li>
 * </ul>
 * Retries wait an exponential backoff with full jitter (a random delay up to {@code base * 2^(retry-1)}, at most
 * {@link #maxBackoff()}), scheduled, never on a sleeping thread. A retry not made leaves the client with the last
 * try's answer: its problem (502, 504) or the upstream's response. Immutable.
 *
 * <pre>{@code
 * Retries retries = Retries.builder()
 *     .maxRetries(2)
 *     .on(Retries.Condition.CONNECT_FAILURE, Retries.Condition.RESET, Retries.Condition.TIMEOUT)
 *     .statuses(503)
 *     .perTryTimeout(Duration.ofSeconds(2)).overallTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 */
public final class Retries {
    /** A failure of a try that may be retried. */
    public enum Condition {
        /** The connection could not be made: refused, unreachable, connect timeout. */
        CONNECT_FAILURE,
        /**
         * The connection failed before the response head: reset, closed (also a pooled connection the upstream had
         * closed), or a malformed answer.
         */
        RESET,
        /** No response headers within the try's timeout. */
        TIMEOUT
    }

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");
    private final int maxRetries;
    private final Set<Condition> conditions;
    private final Set<Integer> statuses;
    private final boolean nonIdempotent;
    private final Duration baseBackoff;
    private final Duration maxBackoff;
    private final int budgetPercent;
    private final int minRetriesPerSecond;
    private final int maxReplayBytes;
    private final Duration perTryTimeout;
    private final Duration overallTimeout;

    private Retries(Builder b) {
        this.maxRetries = b.maxRetries;
        this.conditions = Set.copyOf(b.conditions);
        this.statuses = b.statuses;
        this.nonIdempotent = b.nonIdempotent;
        this.baseBackoff = b.baseBackoff;
        this.maxBackoff = b.maxBackoff;
        this.budgetPercent = b.budgetPercent;
        this.minRetriesPerSecond = b.minRetriesPerSecond;
        this.maxReplayBytes = b.maxReplayBytes;
        this.perTryTimeout = b.perTryTimeout;
        this.overallTimeout = b.overallTimeout;
    }

    /** @return a builder with the defaults documented on each setter */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the most retries of one request */
    public int maxRetries() {
        return maxRetries;
    }

    /** @return the failures that are retried */
    public Set<Condition> conditions() {
        return conditions;
    }

    /** @return the upstream statuses that are retried */
    public Set<Integer> statuses() {
        return statuses;
    }

    /**
     * @param method a request method
     * @return whether requests of that method may be retried
     */
    public boolean allows(String method) {
        return nonIdempotent || IDEMPOTENT.contains(method);
    }

    /** @return the backoff before the first retry, doubled for each later one (before jitter) */
    public Duration baseBackoff() {
        return baseBackoff;
    }

    /** @return the longest backoff (before jitter) */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** @return retries allowed per 100 requests of the route, over the last 10 s */
    public int budgetPercent() {
        return budgetPercent;
    }

    /** @return retries allowed per second whatever the requests, so a quiet route can retry at all */
    public int minRetriesPerSecond() {
        return minRetriesPerSecond;
    }

    /** @return the largest request body kept to be sent again */
    public int maxReplayBytes() {
        return maxReplayBytes;
    }

    /** @return each try's response-header timeout; empty: the route's response timeout */
    public Optional<Duration> perTryTimeout() {
        return Optional.ofNullable(perTryTimeout);
    }

    /**
     * @return the deadline for all tries together, from the first try to accepted response headers: a retry is not
     *     started after it, and a try's response-header timeout never runs past it (the last try may overrun it by
     *     its connect time). Empty: none beyond the tries' own timeouts
     */
    public Optional<Duration> overallTimeout() {
        return Optional.ofNullable(overallTimeout);
    }

    /** Equal when every setting is equal, so a reload with the same settings keeps the route's resilience state. */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        return other instanceof Retries that && maxRetries == that.maxRetries
                && Objects.equals(conditions, that.conditions) && Objects.equals(statuses, that.statuses)
                && nonIdempotent == that.nonIdempotent
                && Objects.equals(baseBackoff, that.baseBackoff) && Objects.equals(maxBackoff, that.maxBackoff)
                && budgetPercent == that.budgetPercent
                && minRetriesPerSecond == that.minRetriesPerSecond
                && maxReplayBytes == that.maxReplayBytes
                && Objects.equals(perTryTimeout, that.perTryTimeout)
                && Objects.equals(overallTimeout, that.overallTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRetries, conditions, statuses, nonIdempotent, baseBackoff, maxBackoff, budgetPercent,
                minRetriesPerSecond, maxReplayBytes, perTryTimeout, overallTimeout);
    }

    @Override
    public String toString() {
        return "Retries[" + maxRetries + " on " + conditions + " and " + statuses + ", budget " + budgetPercent
                + "% + " + minRetriesPerSecond + "/s]";
    }

    /** Collects the retry settings; {@link #build()} returns them. Not thread-safe. */
    public static final class Builder {
        private static final Duration MAX = Duration.ofHours(1);
        private int maxRetries = 2;
        private Set<Condition> conditions = EnumSet.of(Condition.CONNECT_FAILURE, Condition.RESET);
        private Set<Integer> statuses = Set.of();
        private boolean nonIdempotent;
        private Duration baseBackoff = Duration.ofMillis(25);
        private Duration maxBackoff = Duration.ofMillis(250);
        private int budgetPercent = 20;
        private int minRetriesPerSecond = 3;
        private int maxReplayBytes = 16 * 1024;
        private Duration perTryTimeout;
        private Duration overallTimeout;

        private Builder() {
        }

        /** @param retries the most retries of one request, default 2, from 1 to 10 @return this builder */
        public Builder maxRetries(int retries) {
            this.maxRetries = Checks.range(retries, 1, 10, "retries.maxRetries");
            return this;
        }

        /**
         * @param retried the failures to retry, default {@code CONNECT_FAILURE} and {@code RESET}; a timed-out try
         *     may have reached the upstream, so {@code TIMEOUT} is yours to add
         * @return this builder
         */
        public Builder on(Condition... retried) {
            Objects.requireNonNull(retried, "retries.on");
            this.conditions = List.of(retried).isEmpty() ? EnumSet.noneOf(Condition.class) : EnumSet.copyOf(List.of(retried));
            return this;
        }

        /** @param retried upstream statuses to retry, default none, each from 400 to 599 @return this builder */
        public Builder statuses(int... retried) {
            this.statuses = Set.copyOf(IntStream.of(Checks.statuses(retried, 400, "retries.statuses")).boxed().toList());
            return this;
        }

        /**
         * @param allow retry any method, default false: only idempotent ones, since a {@code POST} that failed may
         *     still have been processed
         * @return this builder
         */
        public Builder nonIdempotent(boolean allow) {
            this.nonIdempotent = allow;
            return this;
        }

        /**
         * @param base the backoff before the first retry, default 25 ms, from 0 to 1 h
         * @param max the longest backoff, default 250 ms, at least {@code base}
         * @return this builder
         */
        public Builder backoff(Duration base, Duration max) {
            this.baseBackoff = Checks.duration(base, Duration.ZERO, MAX, "retries.backoff.base");
            this.maxBackoff = Checks.duration(max, base, MAX, "retries.backoff.max");
            return this;
        }

        /**
         * @param percent retries per 100 requests over the last 10 s, default 20, from 0 to 100
         * @param minPerSecond retries allowed per second on top, default 3, from 0 to 1,000
         * @return this builder
         */
        public Builder budget(int percent, int minPerSecond) {
            this.budgetPercent = Checks.range(percent, 0, 100, "retries.budget.percent");
            this.minRetriesPerSecond = Checks.range(minPerSecond, 0, 1000, "retries.budget.minPerSecond");
            return this;
        }

        /** @param bytes the largest body kept for a retry, default 16 KiB, from 0 to 16 MiB @return this builder */
        public Builder maxReplayBytes(int bytes) {
            this.maxReplayBytes = Checks.range(bytes, 0, 16 << 20, "retries.maxReplayBytes");
            return this;
        }

        /** @param timeout each try's response-header timeout, more than 0 and at most 1 h @return this builder */
        public Builder perTryTimeout(Duration timeout) {
            this.perTryTimeout = Checks.duration(timeout, Duration.ofMillis(1), MAX, "retries.perTryTimeout");
            return this;
        }

        /** @param timeout the deadline of all tries together, more than 0 and at most 1 h @return this builder */
        public Builder overallTimeout(Duration timeout) {
            this.overallTimeout = Checks.duration(timeout, Duration.ofMillis(1), MAX, "retries.overallTimeout");
            return this;
        }

        /**
         * @return the retry settings
         * @throws IllegalArgumentException naming {@code retries.on} when nothing at all would be retried
         */
        public Retries build() {
            if (conditions.isEmpty() && statuses.isEmpty()) {
                throw new IllegalArgumentException("retries.on: name a failure or a status to retry");
            }
            return new Retries(this);
        }
    }
}
