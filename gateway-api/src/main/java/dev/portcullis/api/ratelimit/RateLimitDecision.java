package dev.portcullis.api.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a {@link RateLimiter}: a closed family of four records.
 *
 * <ul>
 *   <li>{@link Allowed}: the request's cost was taken; reports the policy and its most restrictive limit;</li>
 *   <li>{@link Limited}: over a limit; the gateway answers 429 and never calls the upstream;</li>
 *   <li>{@link StoreUnavailable}: the quota store could not answer; the {@link FailureMode} decides;</li>
 *   <li>{@link NotLimited}: no policy applies to this request.</li>
 * </ul>
 *
 * <pre>{@code
 * RateLimitQuota burst = new RateLimitQuota("burst", 20, Duration.ofSeconds(1));
 * RateLimitDecision ok = RateLimitDecision.allowed(List.of(burst), burst, 12, Duration.ofSeconds(1));
 * }</pre>
 */
public sealed interface RateLimitDecision {

    /**
     * @param policy every quota of the applied policy
     * @param limit the most restrictive quota (fewest units left), one of {@code policy}
     * @param remaining units left in {@code limit} after this request
     * @param reset time until {@code limit} is whole again
     * @return an allowed decision
     */
    static RateLimitDecision allowed(List<RateLimitQuota> policy, RateLimitQuota limit, long remaining,
            Duration reset) {
        return new Allowed(policy, limit, remaining, reset);
    }

    /**
     * @param policy every quota of the applied policy
     * @param limit the quota that is exhausted, one of {@code policy}
     * @param retryAfter time until the request would be allowed
     * @return a limited decision
     */
    static RateLimitDecision limited(List<RateLimitQuota> policy, RateLimitQuota limit, Duration retryAfter) {
        return new Limited(policy, limit, retryAfter);
    }

    /**
     * @param mode what to do about it, from the applied policy
     * @param retryAfter the hint given to clients when failing closed
     * @param reason for the log; never shown to clients
     * @return a store-unavailable decision
     */
    static RateLimitDecision storeUnavailable(FailureMode mode, Duration retryAfter, String reason) {
        return new StoreUnavailable(mode, retryAfter, reason);
    }

    /** @return the decision for a request no policy applies to */
    static RateLimitDecision notLimited() {
        return NotLimited.INSTANCE;
    }

    /**
     * The request may pass.
     *
     * @param policy every quota of the applied policy, in configuration order
     * @param limit the most restrictive quota
     * @param remaining units left in {@code limit}, at least 0
     * @param reset time until {@code limit} is whole again, not negative
     */
    record Allowed(List<RateLimitQuota> policy, RateLimitQuota limit, long remaining, Duration reset)
            implements RateLimitDecision {
        /** Checks and copies the values. */
        public Allowed {
            policy = checkPolicy(policy, limit);
            checkNotNegative(reset, "reset");
            if (remaining < 0) {
                throw new IllegalArgumentException("remaining must not be negative, was " + remaining);
            }
        }
    }

    /**
     * The request is over a limit.
     *
     * @param policy every quota of the applied policy, in configuration order
     * @param limit the exhausted quota
     * @param retryAfter time until the request would be allowed, not negative
     */
    record Limited(List<RateLimitQuota> policy, RateLimitQuota limit, Duration retryAfter)
            implements RateLimitDecision {
        /** Checks and copies the values. */
        public Limited {
            policy = checkPolicy(policy, limit);
            checkNotNegative(retryAfter, "retryAfter");
        }
    }

    /**
     * The quota store did not answer (unreachable, timed out).
     *
     * @param mode fail open or fail closed
     * @param retryAfter the {@code Retry-After} of a fail-closed 503, not negative
     * @param reason why, for the log only
     */
    record StoreUnavailable(FailureMode mode, Duration retryAfter, String reason) implements RateLimitDecision {
        /** Checks the values. */
        public StoreUnavailable {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(reason, "reason");
            checkNotNegative(retryAfter, "retryAfter");
        }
    }

    /** No policy applies: the request passes without rate-limit fields. */
    record NotLimited() implements RateLimitDecision {
        private static final NotLimited INSTANCE = new NotLimited();
    }

    private static List<RateLimitQuota> checkPolicy(List<RateLimitQuota> policy, RateLimitQuota limit) {
        List<RateLimitQuota> copy = List.copyOf(Objects.requireNonNull(policy, "policy"));
        if (!copy.contains(Objects.requireNonNull(limit, "limit"))) {
            throw new IllegalArgumentException("limit " + limit.name() + " is not one of the policy's quotas");
        }
        return copy;
    }

    private static void checkNotNegative(Duration duration, String name) {
        if (Objects.requireNonNull(duration, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
    }
}
