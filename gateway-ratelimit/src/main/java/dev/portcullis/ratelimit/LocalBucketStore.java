package dev.portcullis.ratelimit;

import dev.portcullis.api.ratelimit.RateLimitDecision;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Buckets in this JVM, on Bucket4j's lock-free local buckets: exact under contention, answered without I/O, and
 * bounded in memory. A bucket unused for its policy's longest window is full again and is dropped; beyond
 * {@code maxKeys} live buckets, the least recently used are evicted, so a flood of distinct keys cannot exhaust
 * the heap. Time comes from a monotonic nano-time source ({@link System#nanoTime()} unless a test injects a fake).
 *
 * <p>Each gateway instance counts on its own: with N instances behind a load balancer a client gets up to N times
 * the quota. Use {@link RedisBucketStore} for one shared count.
 *
 * <pre>{@code
 * BucketStore store = LocalBucketStore.builder().maxKeys(200_000).build();
 * RateLimiter limiter = PolicyRateLimiter.builder(store).defaultPolicy(perIp).build();
 * }</pre>
 */
public final class LocalBucketStore implements BucketStore {
    private final IdleBuckets buckets;

    private LocalBucketStore(Builder b) {
        this.buckets = new IdleBuckets(b.maxKeys, b.nanoTime);
    }

    /** @return a builder: 100 000 keys at most, {@link System#nanoTime()} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<RateLimitDecision> tryConsume(String key, RateLimitPolicy policy, long cost) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(policy, "policy");
        try {
            var result = buckets.bucket(key, policy).asVerbose().tryConsumeAndReturnRemaining(cost);
            return CompletableFuture.completedFuture(Buckets.decision(policy, result));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Buckets.unavailable(policy, "local", e));
        }
    }

    /** @return the number of buckets held now */
    public int size() {
        return buckets.size();
    }

    /** Collects the settings of a {@link LocalBucketStore}. Not thread-safe. */
    public static final class Builder {
        private int maxKeys = 100_000;
        private LongSupplier nanoTime = System::nanoTime;

        private Builder() {
        }

        /** @param maxKeys live buckets kept at most, at least 16; default 100 000 @return this builder */
        public Builder maxKeys(int maxKeys) {
            this.maxKeys = maxKeys;
            return this;
        }

        /** @param nanoTime a monotonic nano-time source; default {@link System#nanoTime()} @return this builder */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** @return the store @throws IllegalArgumentException if maxKeys is below 16 */
        public LocalBucketStore build() {
            if (maxKeys < 16) {
                throw new IllegalArgumentException("maxKeys must be at least 16, was " + maxKeys);
            }
            return new LocalBucketStore(this);
        }
    }
}
