package dev.portcullis.ratelimit;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.ratelimit.RateLimitDecision;
import dev.portcullis.api.ratelimit.RateLimiter;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The standard {@link RateLimiter}: finds the request's {@link RateLimitPolicy} (the matched route's
 * {@link RateLimitPolicy#ROUTE} metadata, else the default policy, else none), resolves its bucket key and cost,
 * and takes the cost from the policy's own {@link BucketStore} ({@link RateLimitPolicy.Builder#store}) or else the
 * limiter's. Thread-safe.
 *
 * <p>A bucket is named by the policy's name, a digest of its limits and the key, so two policies sharing a name
 * never share buckets of different shapes. A store that throws or fails its stage is treated as unavailable: the
 * policy's {@link RateLimitPolicy#failureMode()} answers, never a 500.
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
     * @param store where the buckets of policies that choose no store of their own live
     * @return a builder without a default policy (only routes with a policy are limited)
     */
    public static Builder builder(BucketStore store) {
        return new Builder(store);
    }

    /**
     * @return a builder whose policies keep their buckets in this JVM ({@link LocalBucketStore} with its defaults)
     *     unless they choose a store of their own
     */
    public static Builder builder() {
        return new Builder(LocalBucketStore.builder().build());
    }

    @Override
    public CompletionStage<RateLimitDecision> decide(GatewayRequest request) {
        Optional<RateLimitPolicy> policy = Routing.metadata(request, RateLimitPolicy.ROUTE)
                .or(() -> Optional.ofNullable(defaultPolicy));
        if (policy.isEmpty()) {
            return CompletableFuture.completedFuture(RateLimitDecision.notLimited());
        }
        RateLimitPolicy applied = policy.get();
        String key = applied.keyOf(request);
        if (key.length() > MAX_KEY_LENGTH) {
            key = "sha256:" + KeyResolvers.hash(key);
        }
        String bucket = applied.name() + '@' + applied.fingerprint() + ':' + key;
        CompletionStage<RateLimitDecision> decision;
        try {
            decision = applied.store().orElse(store).tryConsume(bucket, applied, applied.costOf(request));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Buckets.unavailable(applied, "store", e));
        }
        return decision.handle((answer, failure) -> failure == null && answer != null ? answer
                : Buckets.unavailable(applied, "store",
                        failure != null ? failure : new IllegalStateException("the store answered null")));
    }

    @Override
    public String toString() {
        return "PolicyRateLimiter[default " + defaultPolicy + ", " + store.getClass().getSimpleName() + ']';
    }

    /** Collects the settings of a {@link PolicyRateLimiter}. Not thread-safe. */
    public static final class Builder {
        private final BucketStore store;
        private RateLimitPolicy defaultPolicy;
        private final List<RateLimitPolicy> routePolicies = new ArrayList<>();

        private Builder(BucketStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** @param policy applies to requests whose route names no policy, and to unrouted ones @return this builder */
        public Builder defaultPolicy(RateLimitPolicy policy) {
            this.defaultPolicy = Objects.requireNonNull(policy, "defaultPolicy");
            return this;
        }

        /**
         * Declares the routes this limiter will see, so their policies are checked with the default policy at
         * {@link #build()}.
         *
         * @param routes the route table of the pipeline
         * @return this builder
         */
        public Builder routes(RouteTable routes) {
            Objects.requireNonNull(routes, "routes");
            for (Route route : routes.routes()) {
                route.metadata().get(RateLimitPolicy.ROUTE).ifPresent(routePolicies::add);
            }
            return this;
        }

        /**
         * @return the limiter
         * @throws IllegalArgumentException when two policies share a name but not their limits or their store
         */
        public PolicyRateLimiter build() {
            Map<String, RateLimitPolicy> byName = new HashMap<>();
            List<RateLimitPolicy> all = new ArrayList<>(routePolicies);
            if (defaultPolicy != null) {
                all.add(defaultPolicy);
            }
            for (RateLimitPolicy policy : all) {
                RateLimitPolicy same = byName.putIfAbsent(policy.name(), policy);
                if (same != null && !same.fingerprint().equals(policy.fingerprint())) {
                    throw new IllegalArgumentException("policy name " + policy.name() + " is used by two policies with "
                            + "different limits: " + same.quotas() + " and " + policy.quotas());
                }
                if (same != null && same.store().orElse(store) != policy.store().orElse(store)) {
                    throw new IllegalArgumentException("policy name " + policy.name() + " is used by two policies with "
                            + "different stores");
                }
            }
            return new PolicyRateLimiter(this);
        }
    }
}
