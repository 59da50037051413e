package dev.portcullis.core.accesslog;

import dev.portcullis.api.AttributeKey;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which exchanges the access log writes: all, none, or a random share of the successful ones plus every failure (a
 * status of 500 or more, a client abort, an upstream failure), so sampling thins out the volume without hiding
 * what went wrong. Set the default on {@link AccessLog.Builder#sampling}, and per route as route metadata under
 * {@link #ROUTE}. Immutable and thread-safe.
 *
 * <pre>{@code
 * Route.builder("health").path("/health").upstream("http://10.0.0.5:8080")
 *     .metadata(AccessLogSampling.ROUTE, AccessLogSampling.off())          // never logged
 *     .build();
 * Route.builder("search").path("/search/**").upstream("http://10.0.0.6:8080")
 *     .metadata(AccessLogSampling.ROUTE, AccessLogSampling.rate(0.01))     // 1 % of successes, every failure
 *     .build();
 * }</pre>
 */
public final class AccessLogSampling {
    /** The route metadata key of a route's own sampling. */
    public static final AttributeKey<AccessLogSampling> ROUTE =
            AttributeKey.of("access-log-sampling", AccessLogSampling.class);
    private static final AccessLogSampling ALL = new AccessLogSampling(1.0, true);
    private static final AccessLogSampling OFF = new AccessLogSampling(0.0, false);

    private final double rate;
    private final boolean failures;

    private AccessLogSampling(double rate, boolean failures) {
        this.rate = rate;
        this.failures = failures;
    }

    /** @return every exchange is written; the default */
    public static AccessLogSampling all() {
        return ALL;
    }

    /** @return no exchange is written, failures included */
    public static AccessLogSampling off() {
        return OFF;
    }

    /**
     * @param rate the share of successful exchanges written, 0 to 1; failures are always written
     * @return the sampling
     * @throws IllegalArgumentException naming {@code rate} when it is outside 0 to 1
     */
    public static AccessLogSampling rate(double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException("rate: must be 0 to 1, was " + rate);
        }
        return new AccessLogSampling(rate, true);
    }

    /** @return the share of successful exchanges written */
    public double sampleRate() {
        return rate;
    }

    /** @return whether failures are written whatever the rate */
    public boolean keepsFailures() {
        return failures;
    }

    /**
     * @param failure whether the exchange failed
     * @return whether to write it: failures by {@link #keepsFailures()}, the others by a random draw
     */
    boolean keeps(boolean failure) {
        if (failure && failures) {
            return true;
        }
        return rate >= 1.0 || rate > 0.0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    @Override
    public String toString() {
        return this == OFF ? "AccessLogSampling[off]" : "AccessLogSampling[" + rate + " and every failure]";
    }
}
