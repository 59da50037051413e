package dev.portcullis.ratelimit;

import dev.portcullis.api.ratelimit.RateLimitQuota;
import java.time.Duration;
import java.util.Objects;

/**
 * One limit of a {@link RateLimitPolicy}: {@code quota} units per {@code window}, refilled either greedily (a token
 * every {@code window / quota}, smoothing bursts) or at once at the end of each window (interval).
 *
 * <pre>{@code
 * Limit burst = Limit.greedy("burst", 20, Duration.ofSeconds(1));
 * Limit hourly = Limit.interval("hourly", 1000, Duration.ofHours(1));
 * }</pre>
 *
 * @param quota the name, quota and window as announced in {@code RateLimit-Policy}
 * @param refill how spent units come back
 */
public record Limit(RateLimitQuota quota, Refill refill) {

    /** How spent units come back. */
    public enum Refill {
        /** Continuously: one unit every {@code window / quota}. */
        GREEDY,
        /** The whole quota at once, every {@code window}. */
        INTERVAL
    }

    /** Checks the values. */
    public Limit {
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(refill, "refill");
    }

    /**
     * @param name the limit's name in the rate-limit fields
     * @param quota units per window
     * @param window the window, whole seconds
     * @return a greedily refilled limit
     * @throws IllegalArgumentException naming the limit if a value is out of range
     */
    public static Limit greedy(String name, long quota, Duration window) {
        return new Limit(new RateLimitQuota(name, quota, window), Refill.GREEDY);
    }

    /**
     * @param name the limit's name in the rate-limit fields
     * @param quota units per window
     * @param window the window, whole seconds
     * @return a limit refilled whole at the end of every window
     * @throws IllegalArgumentException naming the limit if a value is out of range
     */
    public static Limit interval(String name, long quota, Duration window) {
        return new Limit(new RateLimitQuota(name, quota, window), Refill.INTERVAL);
    }

    /** @return the limit's name */
    public String name() {
        return quota.name();
    }
}
