package dev.portcullis.core.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * Passive outlier detection: an instance whose real requests fail {@link #consecutiveFailures()} times in a row is
 * ejected, skipped by the load balancer, for {@link #baseEjectionTime()} times the number of times it was ejected, at
 * most {@link #maxEjectionTime()}; the count starts again once the instance has served for
 * {@link #maxEjectionTime()} without being ejected. A failure is a connect failure, a connection reset or closed
 * before the response head, a malformed response or a response-header timeout, and, with
 * {@link Builder#countServerErrors(boolean)}, a 5xx status; any other answer ends the run. Never more than
 * {@link #maxEjectedPercent()} of the route's instances are out at once (but one of two or more may be), and ejections
 * never leave a route without an instance to send to: when every instance that is healthy by the active checks is
 * ejected, they are all used. Immutable.
 *
 * <pre>{@code
 * OutlierEjection ejection = OutlierEjection.builder()
 *     .consecutiveFailures(3).countServerErrors(true)
 *     .baseEjectionTime(Duration.ofSeconds(10)).maxEjectedPercent(34)
 *     .build();
 * }</pre>
 */
public final class OutlierEjection {
    private static final OutlierEjection OFF = new OutlierEjection(new Builder(), false);
    private static final OutlierEjection DEFAULTS = new Builder().build();

    private final boolean enabled;
    private final int consecutiveFailures;
    private final boolean countServerErrors;
    private final Duration baseEjectionTime;
    private final Duration maxEjectionTime;
    private final int maxEjectedPercent;

    private OutlierEjection(Builder b, boolean enabled) {
        this.enabled = enabled;
        this.consecutiveFailures = b.consecutiveFailures;
        this.countServerErrors = b.countServerErrors;
        this.baseEjectionTime = b.baseEjectionTime;
        this.maxEjectionTime = b.maxEjectionTime;
        this.maxEjectedPercent = b.maxEjectedPercent;
    }

    /** @return the defaults: 5 failures in a row, 5xx not counted, 30 s growing to at most 300 s, at most 50 % out */
    public static OutlierEjection defaults() {
        return DEFAULTS;
    }

    /** @return no passive ejection: failing instances keep their share */
    public static OutlierEjection off() {
        return OFF;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether instances are ejected at all */
    public boolean enabled() {
        return enabled;
    }

    /** @return failures in a row that eject an instance */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** @return whether the upstream's own 5xx answers count as failures */
    public boolean countServerErrors() {
        return countServerErrors;
    }

    /** @return the first ejection's length, multiplied by the number of ejections for later ones */
    public Duration baseEjectionTime() {
        return baseEjectionTime;
    }

    /** @return the longest ejection */
    public Duration maxEjectionTime() {
        return maxEjectionTime;
    }

    /** @return the largest share of a route's instances ejected at once, in per cent */
    public int maxEjectedPercent() {
        return maxEjectedPercent;
    }

    /**
     * @param instances the route's instance count
     * @return how many may be out at once: the share rounded down, but at least one of two or more unless the share
     *     is 0
     */
    public int maxEjected(int instances) {
        return instances < 2 || maxEjectedPercent == 0 ? 0 : Math.max(1, instances * maxEjectedPercent / 100);
    }

    /** Equal when every setting is equal, so a reload with the same settings keeps the route's resilience state. */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        return other instanceof OutlierEjection that && enabled == that.enabled
                && consecutiveFailures == that.consecutiveFailures
                && countServerErrors == that.countServerErrors
                && Objects.equals(baseEjectionTime, that.baseEjectionTime)
                && Objects.equals(maxEjectionTime, that.maxEjectionTime)
                && maxEjectedPercent == that.maxEjectedPercent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, consecutiveFailures, countServerErrors, baseEjectionTime, maxEjectionTime,
                maxEjectedPercent);
    }

    @Override
    public String toString() {
        return !enabled ? "OutlierEjection[off]" : "OutlierEjection[" + consecutiveFailures + " failures in a row"
                + (countServerErrors ? " (5xx included)" : "") + ", " + baseEjectionTime + " to " + maxEjectionTime
                + ", at most " + maxEjectedPercent + "%]";
    }

    /** Collects an {@link OutlierEjection}'s settings; {@link #build()} returns it. Not thread-safe. */
    public static final class Builder {
        private int consecutiveFailures = 5;
        private boolean countServerErrors;
        private Duration baseEjectionTime = Duration.ofSeconds(30);
        private Duration maxEjectionTime = Duration.ofSeconds(300);
        private int maxEjectedPercent = 50;

        private Builder() {
        }

        /** @param failures failures in a row that eject, default 5, from 1 to 1000 @return this builder */
        public Builder consecutiveFailures(int failures) {
            this.consecutiveFailures = Checks.range(failures, 1, 1000, "outlierEjection.consecutiveFailures");
            return this;
        }

        /** @param count whether 5xx answers count as failures, default false @return this builder */
        public Builder countServerErrors(boolean count) {
            this.countServerErrors = count;
            return this;
        }

        /** @param time the first ejection's length, default 30 s, from 1 ms to 1 h @return this builder */
        public Builder baseEjectionTime(Duration time) {
            this.baseEjectionTime = Checks.duration(time, Duration.ofMillis(1), Duration.ofHours(1),
                    "outlierEjection.baseEjectionTime");
            return this;
        }

        /** @param time the longest ejection, default 300 s, at least the base, at most 1 day @return this builder */
        public Builder maxEjectionTime(Duration time) {
            this.maxEjectionTime = Checks.duration(time, Duration.ofMillis(1), Duration.ofDays(1),
                    "outlierEjection.maxEjectionTime");
            return this;
        }

        /**
         * @param percent the largest share out at once, default 50, from 0 (none) to 100; at least one instance of two
         *     or more may be out unless it is 0
         * @return this builder
         */
        public Builder maxEjectedPercent(int percent) {
            this.maxEjectedPercent = Checks.range(percent, 0, 100, "outlierEjection.maxEjectedPercent");
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming {@code outlierEjection.maxEjectionTime} if it is shorter than the
         *     base
         */
        public OutlierEjection build() {
            if (maxEjectionTime.compareTo(baseEjectionTime) < 0) {
                throw new IllegalArgumentException("outlierEjection.maxEjectionTime: must be at least the base "
                        + baseEjectionTime + ", was " + maxEjectionTime);
            }
            return new OutlierEjection(this, true);
        }
    }
}
