package dev.portcullis.ratelimit;

import dev.portcullis.api.ratelimit.RateLimitDecision;
import java.util.concurrent.CompletionStage;

/**
 * Where the buckets of {@link PolicyRateLimiter} live: {@link LocalBucketStore} (this JVM) or
 * {@link RedisBucketStore} (shared by every gateway instance).
 *
 * <p>Contract: thread-safe, never blocks the caller, and takes {@code cost} from the bucket of {@code key} atomically
 * across all of the policy's limits. A store that cannot answer completes with
 * {@link RateLimitDecision#storeUnavailable} carrying the policy's {@link RateLimitPolicy#failureMode()}, never
 * exceptionally.
 *
 * <p>A store reads the shape of a bucket from the policy's {@link RateLimitPolicy#limits()}; the policy holds no
 * store's representation of it. The standard stores derive their Bucket4j configuration from the limits once per
 * policy shape; a store of your own needs no Bucket4j.
 *
 * <pre>{@code
 * BucketStore store = LocalBucketStore.builder().maxKeys(100_000).build();
 * store.tryConsume("api:ip:203.0.113.7", policy, 1).thenAccept(System.out::println);
 * }</pre>
 */
public interface BucketStore {

    /**
     * @param key the bucket key, already namespaced by the policy's name and limits (see {@link PolicyRateLimiter})
     * @param policy the limits of the bucket
     * @param cost units to take, 1 to the policy's smallest quota
     * @return allowed, limited or store-unavailable
     */
    CompletionStage<RateLimitDecision> tryConsume(String key, RateLimitPolicy policy, long cost);
}
