package dev.portcullis.ratelimit;

import dev.portcullis.api.ratelimit.RateLimitDecision;
import dev.portcullis.api.ratelimit.RateLimitQuota;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

/** Translations between policies and Bucket4j: limits to bandwidths, a verbose probe to a decision. */
final class Buckets {
    private Buckets() {
    }

    static BucketConfiguration configuration(List<Limit> limits) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        for (Limit limit : limits) {
            builder.addLimit(bandwidth(limit));
        }
        return builder.build();
    }

    private static Bandwidth bandwidth(Limit limit) {
        RateLimitQuota quota = limit.quota();
        var refill = Bandwidth.builder().capacity(quota.quota());
        try {
            var built = limit.refill() == Limit.Refill.GREEDY
                    ? refill.refillGreedy(quota.quota(), quota.window())
                    : refill.refillIntervally(quota.quota(), quota.window());
            return built.id(quota.name()).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("limit " + quota.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reports the limit with the fewest units left: the one a client runs into first.
     *
     * @param policy the policy the bucket was built from
     * @param result the outcome of {@code tryConsumeAndReturnRemaining} on a verbose bucket
     * @return the decision
     * @throws IllegalStateException when the bucket was not built from this policy's limits
     */
    static RateLimitDecision decision(RateLimitPolicy policy, VerboseResult<ConsumptionProbe> result) {
        ConsumptionProbe probe = result.getValue();
        long[] available = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
        int tightest = 0;
        for (int i = 1; i < available.length; i++) {
            if (available[i] < available[tightest]) {
                tightest = i;
            }
        }
        List<RateLimitQuota> quotas = policy.quotas();
        if (available.length != quotas.size()) {
            throw new IllegalStateException("the bucket has " + available.length + " limits, policy " + policy.name()
                    + " has " + quotas.size());
        }
        RateLimitQuota limit = quotas.get(tightest);
        if (!probe.isConsumed()) {
            return RateLimitDecision.limited(quotas, limit, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
        long remaining = Math.max(0, available[tightest]);
        return RateLimitDecision.allowed(quotas, limit, remaining,
                untilWhole(policy.limits().get(tightest), remaining, result.getDiagnostics().calculateFullRefillingTime()));
    }

    /**
     * @param policy the policy whose failure mode applies
     * @param store the store's name for the reason, e.g. {@code redis}
     * @param failure what went wrong, possibly wrapped in a {@code CompletionException}
     * @return the store-unavailable decision naming the failure's type and message
     */
    static RateLimitDecision unavailable(RateLimitPolicy policy, String store, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return RateLimitDecision.storeUnavailable(policy.failureMode(), policy.unavailableRetryAfter(), store + ": "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    /** Greedy: exact. Interval: the next refill is at most one window away, and never later than a full refill. */
    private static Duration untilWhole(Limit limit, long remaining, long fullRefillNanos) {
        RateLimitQuota quota = limit.quota();
        long windowNanos = quota.window().toNanos();
        if (limit.refill() == Limit.Refill.INTERVAL) {
            return Duration.ofNanos(remaining >= quota.quota() ? 0 : Math.min(windowNanos, fullRefillNanos));
        }
        double missing = quota.quota() - remaining;
        return Duration.ofNanos((long) Math.ceil(missing * windowNanos / quota.quota()));
    }
}
