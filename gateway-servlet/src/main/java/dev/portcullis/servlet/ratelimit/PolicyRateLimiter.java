package dev.portcullis.servlet.ratelimit;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.ratelimit.RateLimitDecision;
import dev.portcullis.api.ratelimit.RateLimiter;
import dev.portcullis.api.routing.Routing;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The standard {@link RateLimiter}: finds the request's {@link RateLimitPolicy} (the matched route's
 * {@link RateLimitPolicy#ROUTE} metadata, else the default policy, else none), resolves its bucket key and cost,
 * and takes the cost from a {@link BucketStore}. Thread-safe.
 *
 * <pre>{@code
 * RateLimitPolicy perIp = RateLimitPolicy.builder("per-ip")
 *     .limit(Limit.greedy("burst", 20, Duration.ofSeconds(1)))
 *     .build();
 * RateLimiter limiter = PolicyRateLimiter.builder(LocalBucketStore.builder().build()).defaultPolicy(perIp).build();
 * Pipeline.builder().add(Routing.interceptor(routes)).add(RateLimiting.interceptor(limiter)).build();
 * }</pre>
 */
public final class PolicyRateLimiter implements RateLimiter {
    private static final int MAX_KEY_LENGTH = 96;

    private final BucketStore store;
    private final RateLimitPolicy defaultPolicy;

    private PolicyRateLimiter(Builder b) {
        this.store = b.store;
        this.defaultPolicy = b.defaultPolicy;
    }

    /**
     * @param store where the buckets live
     * @return a builder without a default policy (only routes with a policy are limited)
     */
    public static Builder builder(BucketStore store) {
        return new Builder(store);
    }

    @Override
    public CompletionStage<RateLimitDecision> decide(GatewayRequest request) {
        Optional<RateLimitPolicy> policy = request.attribute(Routing.MATCH)
                .flatMap(match -> match.route().metadata().get(RateLimitPolicy.ROUTE))
                .or(() -> Optional.ofNullable(defaultPolicy));
        if (policy.isEmpty()) {
            return CompletableFuture.completedFuture(RateLimitDecision.notLimited());
        }
        RateLimitPolicy applied = policy.get();
        String key = applied.keyOf(request);
        if (key.length() > MAX_KEY_LENGTH) {
            key = "sha256:" + KeyResolvers.hash(key);
        }
        return store.tryConsume(applied.name() + ':' + key, applied, applied.costOf(request));
    }

    @Override
    public String toString() {
        return "PolicyRateLimiter[default " + defaultPolicy + ", " + store.getClass().getSimpleName() + ']';
    }

    /** Collects the settings of a {@link PolicyRateLimiter}. Not thread-safe. */
    public static final class Builder {
        private final BucketStore store;
        private RateLimitPolicy defaultPolicy;

        private Builder(BucketStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** @param policy applies to requests whose route names no policy, and to unrouted ones @return this builder */
        public Builder defaultPolicy(RateLimitPolicy policy) {
            this.defaultPolicy = Objects.requireNonNull(policy, "defaultPolicy");
            return this;
        }

        /** @return the limiter */
        public PolicyRateLimiter build() {
            return new PolicyRateLimiter(this);
        }
    }
}
