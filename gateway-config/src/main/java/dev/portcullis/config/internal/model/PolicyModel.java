package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.OneOrMany;
import dev.portcullis.config.internal.bind.Required;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A rate-limit policy ({@code RateLimitPolicy}); its name is its key in {@code rateLimiting.policies}.
 *
 * <pre>{@code
 * per-user:
 *   limits: [{name: burst, quota: 10, window: 1s, refill: greedy}]
 *   key: subject
 *   methodCosts: {POST: 5}
 *   failureMode: fail-open
 * }</pre>
 *
 * @param limits the limits
 * @param key the bucket key
 * @param fallback the key when the first finds none
 * @param cost units a request takes
 * @param methodCosts units by method
 * @param routeCosts units by route
 * @param failureMode what a store failure does
 * @param unavailableRetryAfter the Retry-After of a fail-closed 503
 * @param store the policy's own store
 */
@Doc("A rate-limit policy: one or more limits, a key that picks the bucket, costs and a failure mode.")
public record PolicyModel(
        @Doc("The limits; every one must have room for a request to pass.") @Required List<LimitModel> limits,
        @Doc("The bucket key: client-ip, client-ip/<ipv6 prefix bits>, subject, api-key, route-id or "
                + "header:<name>; a list joins several. Default client-ip.") @OneOrMany List<String> key,
        @Doc("The key used when key finds none; default client-ip.") @OneOrMany List<String> fallback,
        @Doc("Units a request takes, default 1.") Long cost,
        @Doc("Method -> units its requests take.") Map<String, Long> methodCosts,
        @Doc("Route id -> units its requests take, before any method cost.") Map<String, Long> routeCosts,
        @Doc("fail-closed (the default: 503 while the store is down) or fail-open.") Failure failureMode,
        @Doc("The Retry-After of a fail-closed 503, default 5s.") Duration unavailableRetryAfter,
        @Doc("The name of the store this policy's buckets live in; default the limiter's.") String store) {

    /** What a store failure does. */
    public enum Failure {
        /** {@code FailureMode.FAIL_OPEN}. */
        FAIL_OPEN,
        /** {@code FailureMode.FAIL_CLOSED}. */
        FAIL_CLOSED
    }
}
