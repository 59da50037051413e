package dev.portcullis.api.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named quota of a policy as a client sees it: {@code quota} units per {@code window}. Rendered as one item of
 * the IETF {@code RateLimit-Policy} field, e.g. {@code "burst";q=20;w=1}.
 *
 * <pre>{@code
 * RateLimitQuota hourly = new RateLimitQuota("hourly", 1000, Duration.ofHours(1));
 * }</pre>
 *
 * @param name a short name of letters, digits, {@code -}, {@code _} or {@code .} (1 to 64 characters)
 * @param quota the units allowed per window, at least 1
 * @param window the window, a whole number of seconds, at least one second
 */
public record RateLimitQuota(String name, long quota, Duration window) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Checks the values; messages name the quota. */
    public RateLimitQuota {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("limit name '" + name
                    + "' must be 1 to 64 letters, digits, '-', '_' or '.'");
        }
        if (quota < 1) {
            throw new IllegalArgumentException("limit " + name + ": quota must be at least 1, was " + quota);
        }
        if (window.getNano() != 0 || window.getSeconds() < 1) {
            throw new IllegalArgumentException("limit " + name + ": window must be a whole number of seconds, was "
                    + window);
        }
    }
}
