package dev.portcullis.launcher;

import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.RateLimitPolicy;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code --rate-limit N/WINDOW} and {@code --redis URI}. {@code 100/1m} is one interval limit of 100 requests
 * per minute per client IP (refilled whole at the end of each window), in the policy {@value #POLICY}; the window
 * is a whole number of seconds ({@code s}), minutes ({@code m}), hours ({@code h}) or days ({@code d}). The Redis
 * URI is {@code redis://} or {@code rediss://} with a host.
 *
 * <pre>{@code
 * RateLimitPolicy perIp = RateLimitArgument.policy("100/1m");
 * String redis = RateLimitArgument.redisUri("redis://127.0.0.1:6379");
 * }</pre>
 */
final class RateLimitArgument {
    /** The name of the launcher's policy, the namespace of its buckets. */
    static final String POLICY = "launcher";
    /** The name of its one limit in the rate-limit fields. */
    static final String LIMIT = "per-ip";

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,18})/(\\d{1,9})([smhd])");
    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

    private RateLimitArgument() {
    }

    static RateLimitPolicy policy(String value) throws UsageException {
        Matcher parts = FORMAT.matcher(value);
        if (!parts.matches()) {
            throw new UsageException("--rate-limit", "expected N/WINDOW such as 100/1m (WINDOW in s, m, h or d), was '"
                    + value + "'");
        }
        long quota = Long.parseLong(parts.group(1));
        long amount = Long.parseLong(parts.group(2));
        if (quota < 1 || amount < 1) {
            throw new UsageException("--rate-limit", "N and WINDOW must be at least 1, was '" + value + "'");
        }
        Duration window = Duration.of(amount, UNITS.get(parts.group(3)));
        return RateLimitPolicy.builder(POLICY).limit(Limit.interval(LIMIT, quota, window)).build();
    }

    static String redisUri(String value) throws UsageException {
        try {
            URI uri = new URI(value);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                throw new UsageException("--redis", "expected redis://host:port, was '" + value + "'");
            }
            if (uri.getHost() == null) {
                throw new UsageException("--redis", "needs a host and port, e.g. redis://127.0.0.1:6379, was '"
                        + value + "'");
            }
            RedisURI.create(value);
            return value;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UsageException("--redis", "not a Redis URI, e.g. redis://127.0.0.1:6379: " + e.getMessage());
        }
    }
}
