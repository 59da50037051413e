package dev.portcullis.api.ratelimit;

import dev.portcullis.api.HttpHeaders;
import java.time.Duration;
import java.util.List;

/** Writes the rate-limit header fields: IETF structured fields and, optionally, the legacy trio. */
final class RateLimitFields {
    static final String POLICY = "RateLimit-Policy";
    static final String LIMIT = "RateLimit";
    static final String RETRY_AFTER = "Retry-After";

    private final boolean visible;
    private final boolean legacy;

    RateLimitFields(boolean visible, boolean legacy) {
        this.visible = visible;
        this.legacy = legacy;
    }

    /** Sets the fields describing {@code limit} with {@code remaining} units left, whole again after {@code reset}. */
    HttpHeaders write(HttpHeaders headers, List<RateLimitQuota> policy, RateLimitQuota limit, long remaining,
            Duration reset) {
        if (!visible) {
            return headers;
        }
        long resetSeconds = seconds(reset);
        HttpHeaders.Builder out = headers.toBuilder()
                .set(POLICY, policyField(policy))
                .set(LIMIT, '"' + limit.name() + "\";r=" + remaining + ";t=" + resetSeconds);
        if (legacy) {
            out.set("X-RateLimit-Limit", Long.toString(limit.quota()))
                    .set("X-RateLimit-Remaining", Long.toString(remaining))
                    .set("X-RateLimit-Reset", Long.toString(resetSeconds));
        }
        return out.build();
    }

    /** @return whole seconds, rounded up, so a client that waits that long is never early */
    static long seconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }

    private static String policyField(List<RateLimitQuota> policy) {
        StringBuilder field = new StringBuilder();
        for (RateLimitQuota quota : policy) {
            if (field.length() > 0) {
                field.append(", ");
            }
            field.append('"').append(quota.name()).append("\";q=").append(quota.quota())
                    .append(";w=").append(quota.window().getSeconds());
        }
        return field.toString();
    }
}
