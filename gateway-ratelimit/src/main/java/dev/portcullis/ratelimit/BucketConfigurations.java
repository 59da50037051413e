package dev.portcullis.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Bucket4j configuration of every policy a Bucket4j store has met, derived once from the policy's limits and
 * kept: a policy is immutable, so its buckets' shape never changes. Keyed by the limits rather than the policy, so
 * policies with equal limits share one configuration and the cache holds no policy (nor its key resolvers or store)
 * after a reconfiguration drops it. Thread-safe; bounded by {@link #MAX_SHAPES}, beyond which it starts over (a
 * configuration is cheap to derive again).
 *
 * <p>Stores look a configuration up only when they create a bucket, never for a bucket that already exists.
 */
final class BucketConfigurations {
    static final int MAX_SHAPES = 256;

    private final Map<List<Limit>, BucketConfiguration> byLimits = new ConcurrentHashMap<>();

    /**
     * @param policy the policy whose buckets are made
     * @return the configuration of its buckets: one bandwidth per limit, in the policy's order
     */
    BucketConfiguration of(RateLimitPolicy policy) {
        List<Limit> limits = policy.limits();
        BucketConfiguration configuration = byLimits.get(limits);
        if (configuration != null) {
            return configuration;
        }
        if (byLimits.size() >= MAX_SHAPES) {
            byLimits.clear();
        }
        return byLimits.computeIfAbsent(limits, Buckets::configuration);
    }

    /** @return the number of configurations held now */
    int size() {
        return byLimits.size();
    }
}
