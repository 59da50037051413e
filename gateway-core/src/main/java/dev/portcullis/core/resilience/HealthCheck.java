package dev.portcullis.core.resilience;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Active health checks of a route's instances: every {@link #interval()} plus a random share of {@link #jitter()},
 * a {@code GET} of {@link #path()} on each instance's scheme and authority (not under its base path), which passes
 * when one of the {@link #expectedStatuses()} arrives in time (connecting and the response headers each within
 * {@link #timeout()}). An instance is unhealthy after
 * {@link #unhealthyThreshold()} failed checks in a row, healthy again after {@link #healthyThreshold()} passed ones;
 * instances start healthy. Checks run on the gateway's resilience scheduler and the upstream client's threads, never
 * on a request thread; a route's checks start with its first request and stop when the gateway closes. The response
 * body is not read: the check's connection is closed. Immutable.
 *
 * <pre>{@code
 * HealthCheck check = HealthCheck.builder("/health")
 *     .interval(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(1))
 *     .unhealthyThreshold(2).healthyThreshold(2)
 *     .expectedStatuses(200, 204)
 *     .build();
 * }</pre>
 */
public final class HealthCheck {
    private final String path;
    private final Duration interval;
    private final Duration jitter;
    private final Duration timeout;
    private final int healthyThreshold;
    private final int unhealthyThreshold;
    private final Set<Integer> expectedStatuses;

    private HealthCheck(Builder b) {
        this.path = b.path;
        this.interval = b.interval;
        this.jitter = b.jitter == null ? b.interval.dividedBy(10) : b.jitter;
        this.timeout = b.timeout;
        this.healthyThreshold = b.healthyThreshold;
        this.unhealthyThreshold = b.unhealthyThreshold;
        this.expectedStatuses = b.expectedStatuses;
    }

    /**
     * @param path the path (and query) to request, starting with {@code /}, e.g. {@code /health}
     * @return a builder with the defaults documented on each setter
     * @throws IllegalArgumentException naming {@code healthCheck.path} if it is not a path
     */
    public static Builder builder(String path) {
        return new Builder(path);
    }

    /** @return the path and query requested */
    public String path() {
        return path;
    }

    /** @return the time between two checks of an instance, before jitter */
    public Duration interval() {
        return interval;
    }

    /** @return the most a check is delayed at random on top of the interval, so instances are not checked in step */
    public Duration jitter() {
        return jitter;
    }

    /** @return the connect timeout, and the response-header timeout, of each check */
    public Duration timeout() {
        return timeout;
    }

    /** @return passed checks in a row that make an unhealthy instance healthy */
    public int healthyThreshold() {
        return healthyThreshold;
    }

    /** @return failed checks in a row that make a healthy instance unhealthy */
    public int unhealthyThreshold() {
        return unhealthyThreshold;
    }

    /** @return the statuses that pass */
    public Set<Integer> expectedStatuses() {
        return expectedStatuses;
    }

    /** Equal when every setting is equal, so a reload with the same settings keeps the route's resilience state. */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        return other instanceof HealthCheck that && Objects.equals(path, that.path)
                && Objects.equals(interval, that.interval) && Objects.equals(jitter, that.jitter)
                && Objects.equals(timeout, that.timeout)
                && healthyThreshold == that.healthyThreshold
                && unhealthyThreshold == that.unhealthyThreshold
                && Objects.equals(expectedStatuses, that.expectedStatuses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, interval, jitter, timeout, healthyThreshold, unhealthyThreshold,
                expectedStatuses);
    }

    @Override
    public String toString() {
        return "HealthCheck[GET " + path + " every " + interval + " (+" + jitter + "), timeout " + timeout
                + ", unhealthy after " + unhealthyThreshold + ", healthy after " + healthyThreshold + "]";
    }

    /** Collects a {@link HealthCheck}'s settings; {@link #build()} returns it. Not thread-safe. */
    public static final class Builder {
        private static final Duration MAX = Duration.ofHours(1);
        private final String path;
        private Duration interval = Duration.ofSeconds(10);
        private Duration jitter;
        private Duration timeout = Duration.ofSeconds(2);
        private int healthyThreshold = 2;
        private int unhealthyThreshold = 3;
        private Set<Integer> expectedStatuses = IntStream.range(200, 300).boxed().collect(Collectors.toUnmodifiableSet());

        private Builder(String path) {
            Objects.requireNonNull(path, "healthCheck.path");
            if (!path.startsWith("/") || path.startsWith("//") || !isPathAndQuery(path)) {
                throw new IllegalArgumentException("healthCheck.path: must be a path (and query) starting with a "
                        + "single /, without a fragment, was " + path);
            }
            this.path = path;
        }

        private static boolean isPathAndQuery(String path) {
            try {
                return new URI("http://h" + path).getRawFragment() == null;
            } catch (URISyntaxException e) {
                return false;
            }
        }

        /** @param interval time between checks, default 10 s, from 10 ms to 1 h @return this builder */
        public Builder interval(Duration interval) {
            this.interval = Checks.duration(interval, Duration.ofMillis(10), MAX, "healthCheck.interval");
            return this;
        }

        /**
         * @param jitter the most added at random to each interval, default a tenth of the interval; at most the
         *     interval ({@code Duration.ZERO} for none)
         * @return this builder
         */
        public Builder jitter(Duration jitter) {
            this.jitter = Checks.duration(jitter, Duration.ZERO, MAX, "healthCheck.jitter");
            return this;
        }

        /**
         * @param timeout the connect and the response-header timeout of each check, default 2 s, from 1 ms to 1 h
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.duration(timeout, Duration.ofMillis(1), MAX, "healthCheck.timeout");
            return this;
        }

        /** @param checks passed checks in a row to become healthy, default 2, from 1 to 100 @return this builder */
        public Builder healthyThreshold(int checks) {
            this.healthyThreshold = Checks.range(checks, 1, 100, "healthCheck.healthyThreshold");
            return this;
        }

        /** @param checks failed checks in a row to become unhealthy, default 3, from 1 to 100 @return this builder */
        public Builder unhealthyThreshold(int checks) {
            this.unhealthyThreshold = Checks.range(checks, 1, 100, "healthCheck.unhealthyThreshold");
            return this;
        }

        /** @param statuses the statuses that pass, default every 2xx, each from 100 to 599 @return this builder */
        public Builder expectedStatuses(int... statuses) {
            int[] checked = Checks.statuses(statuses, 100, "healthCheck.expectedStatuses");
            if (checked.length == 0) {
                throw new IllegalArgumentException("healthCheck.expectedStatuses: name at least one status");
            }
            this.expectedStatuses = Set.copyOf(IntStream.of(checked).boxed().toList());
            return this;
        }

        /**
         * @return the health check
         * @throws IllegalArgumentException naming {@code healthCheck.jitter} if it is longer than the interval
         */
        public HealthCheck build() {
            if (jitter != null && jitter.compareTo(interval) > 0) {
                throw new IllegalArgumentException("healthCheck.jitter: must be at most the interval " + interval
                        + ", was " + jitter);
            }
            return new HealthCheck(this);
        }
    }
}
