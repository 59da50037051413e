package dev.portcullis.ratelimit;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.ratelimit.FailureMode;
import dev.portcullis.api.ratelimit.RateLimitQuota;
import dev.portcullis.api.routing.Routing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named rate-limit policy: one or more {@link Limit}s applied together (a request passes only if every limit has
 * room, and takes its cost from all of them), the {@link KeyResolver} that picks a bucket per client, what a request
 * costs, and what happens when the store is down. Immutable and thread-safe.
 *
 * <p>Attach a policy to a route with {@link #ROUTE}, or give one to {@link PolicyRateLimiter} as the global default.
 * A policy may choose its own {@link BucketStore} ({@link Builder#store}); otherwise its buckets live in the
 * limiter's store.
 * The name and a digest of the limits are the namespace of the policy's buckets: give each policy its own name
 * ({@link PolicyRateLimiter.Builder#routes} refuses two policies of one name with different limits), and a policy
 * redeployed with other limits starts with fresh buckets.
 *
 * <pre>{@code
 * RateLimitPolicy api = RateLimitPolicy.builder("api")
 *     .limit(Limit.greedy("burst", 20, Duration.ofSeconds(1)))
 *     .limit(Limit.interval("hourly", 1000, Duration.ofHours(1)))
 *     .key(KeyResolvers.subject())                 // per user; anonymous requests fall back to the client IP
 *     .methodCost("POST", 5)
 *     .failureMode(FailureMode.FAIL_CLOSED)
 *     .build();
 * Route orders = Route.builder("orders").path("/orders/**").upstream("http://127.0.0.1:9001")
 *     .metadata(RateLimitPolicy.ROUTE, api).build();
 * }</pre>
 */
public final class RateLimitPolicy {
    /** Route metadata key: the policy that limits a route, overriding the limiter's global policy. */
    public static final AttributeKey<RateLimitPolicy> ROUTE = AttributeKey.of("rate-limit-policy", RateLimitPolicy.class);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String name;
    private final List<Limit> limits;
    private final List<RateLimitQuota> quotas;
    private final KeyResolver key;
    private final KeyResolver fallback;
    private final long cost;
    private final Map<String, Long> methodCosts;
    private final Map<String, Long> routeCosts;
    private final FailureMode failureMode;
    private final Duration unavailableRetryAfter;
    private final BucketStore store;
    private final String fingerprint;

    private RateLimitPolicy(Builder b) {
        this.name = b.name;
        this.limits = List.copyOf(b.limits);
        this.quotas = limits.stream().map(Limit::quota).toList();
        this.key = b.key;
        this.fallback = b.fallback;
        this.cost = b.cost;
        this.methodCosts = Map.copyOf(b.methodCosts);
        this.routeCosts = Map.copyOf(b.routeCosts);
        this.failureMode = b.failureMode;
        this.unavailableRetryAfter = b.unavailableRetryAfter;
        this.store = b.store;
        this.fingerprint = KeyResolvers.hash(limits.stream()
                .map(l -> l.name() + '/' + l.quota().quota() + '/' + l.quota().window().getSeconds() + '/' + l.refill())
                .collect(java.util.stream.Collectors.joining(","))).substring(0, 8);
    }

    /**
     * @param name the policy's name: 1 to 64 letters, digits, {@code -}, {@code _} or {@code .}
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the name, the namespace of this policy's buckets */
    public String name() {
        return name;
    }

    /** @return the limits, in configuration order */
    public List<Limit> limits() {
        return limits;
    }

    /** @return the limits as announced in {@code RateLimit-Policy} */
    public List<RateLimitQuota> quotas() {
        return quotas;
    }

    /** @return what a store failure does */
    public FailureMode failureMode() {
        return failureMode;
    }

    /** @return the {@code Retry-After} of a fail-closed 503 */
    public Duration unavailableRetryAfter() {
        return unavailableRetryAfter;
    }

    /**
     * @return the store this policy's buckets live in, when the policy chose one; empty means the limiter's store
     *     ({@link PolicyRateLimiter#builder(BucketStore)})
     */
    public Optional<BucketStore> store() {
        return Optional.ofNullable(store);
    }

    /**
     * @param request the request
     * @return its bucket key: the key resolver's, else the fallback's, else the client IP's; never empty
     */
    public String keyOf(GatewayRequest request) {
        return key.resolve(request)
                .or(() -> fallback.resolve(request))
                .or(() -> KeyResolvers.clientIp().resolve(request))
                .orElseThrow();
    }

    /**
     * @param request the request
     * @return its cost: the route's cost if set, else the method's, else the default
     */
    public long costOf(GatewayRequest request) {
        Optional<Long> byRoute = request.attribute(Routing.MATCH).map(m -> routeCosts.get(m.route().id()));
        return byRoute.orElseGet(() -> methodCosts.getOrDefault(request.method(), cost));
    }

    /** @return the longest window: after that long unused, every bucket of this policy is full again */
    Duration longestWindow() {
        return quotas.stream().map(RateLimitQuota::window).max(Duration::compareTo).orElseThrow();
    }

    /**
     * @return a short digest of the limits (names, quotas, windows, refills): part of every bucket key, so a policy
     *     whose limits change under the same name starts fresh buckets instead of meeting the old ones
     */
    String fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "RateLimitPolicy[" + name + ' ' + quotas + ']';
    }

    /** Collects the settings of a {@link RateLimitPolicy}; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<Limit> limits = new ArrayList<>();
        private KeyResolver key = KeyResolvers.clientIp();
        private KeyResolver fallback = KeyResolvers.clientIp();
        private long cost = 1;
        private final Map<String, Long> methodCosts = new HashMap<>();
        private final Map<String, Long> routeCosts = new HashMap<>();
        private FailureMode failureMode = FailureMode.FAIL_CLOSED;
        private Duration unavailableRetryAfter = Duration.ofSeconds(5);
        private BucketStore store;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("policy name '" + name
                        + "' must be 1 to 64 letters, digits, '-', '_' or '.'");
            }
            this.name = name;
        }

        /** @param limit one more limit; every limit must have room for a request to pass @return this builder */
        public Builder limit(Limit limit) {
            limits.add(Objects.requireNonNull(limit, "limit"));
            return this;
        }

        /** @param key picks the bucket; default {@link KeyResolvers#clientIp()} @return this builder */
        public Builder key(KeyResolver key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * @param fallback used when {@link #key(KeyResolver)} finds no key; default the client IP, which is also the
         *     last resort when the fallback finds none either
         * @return this builder
         */
        public Builder fallback(KeyResolver fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /** @param cost units a request takes, default 1 @return this builder */
        public Builder cost(long cost) {
            this.cost = cost;
            return this;
        }

        /** @param method an HTTP method @param cost units its requests take @return this builder */
        public Builder methodCost(String method, long cost) {
            methodCosts.put(Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT), cost);
            return this;
        }

        /** @param routeId a route id @param cost units its requests take, before any method cost @return this builder */
        public Builder routeCost(String routeId, long cost) {
            routeCosts.put(Objects.requireNonNull(routeId, "routeId"), cost);
            return this;
        }

        /** @param mode what a store failure does; default {@link FailureMode#FAIL_CLOSED} (safe: an outage never lifts the limits) @return this builder */
        public Builder failureMode(FailureMode mode) {
            this.failureMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** @param retryAfter the {@code Retry-After} of a fail-closed 503, default 5 s @return this builder */
        public Builder unavailableRetryAfter(Duration retryAfter) {
            Objects.requireNonNull(retryAfter, "unavailableRetryAfter");
            if (retryAfter.isNegative() || retryAfter.isZero()) {
                throw new IllegalArgumentException("policy " + name + ": unavailableRetryAfter must be positive");
            }
            this.unavailableRetryAfter = retryAfter;
            return this;
        }

        /**
         * Keeps this policy's buckets in {@code store} instead of the limiter's, so one limiter can count a per-IP
         * flood guard in this JVM ({@link LocalBucketStore}) and a per-customer quota across every instance
         * ({@link RedisBucketStore}). The policy does not own the store: whoever built it closes it.
         *
         * @param store where this policy's buckets live; default the store given to
         *     {@link PolicyRateLimiter#builder(BucketStore)}
         * @return this builder
         */
        public Builder store(BucketStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @return the policy
         * @throws IllegalArgumentException naming the policy and setting: no limit, a limit name used twice, a
         *     cost below 1 or above the smallest quota (such a request could never pass), or naming the limit: one
         *     that refills more than one unit per nanosecond
         * @throws ArithmeticException if a limit's window is too long to count in nanoseconds (about 292 years)
         */
        public RateLimitPolicy build() {
            if (limits.isEmpty()) {
                throw new IllegalArgumentException("policy " + name + ": needs at least one limit");
            }
            Set<String> names = new HashSet<>();
            limits.forEach(limit -> {
                if (!names.add(limit.name())) {
                    throw new IllegalArgumentException("policy " + name + ": limit name " + limit.name()
                            + " is used twice");
                }
            });
            long smallest = limits.stream().mapToLong(limit -> limit.quota().quota()).min().orElseThrow();
            checkCost("cost", cost, smallest);
            methodCosts.forEach((method, c) -> checkCost("methodCost(" + method + ")", c, smallest));
            routeCosts.forEach((route, c) -> checkCost("routeCost(" + route + ")", c, smallest));
            limits.forEach(Builder::checkRate);
            return new RateLimitPolicy(this);
        }

        /** Buckets count time in nanoseconds: a window must fit in them, and refill one unit per nanosecond at most. */
        private static void checkRate(Limit limit) {
            RateLimitQuota quota = limit.quota();
            long windowNanos = quota.window().toNanos();
            if (quota.quota() > windowNanos) {
                throw new IllegalArgumentException("limit " + limit.name() + ": " + quota.quota() + " per "
                        + windowNanos + " ns is more than one unit per nanosecond, the highest rate a bucket refills");
            }
        }

        private void checkCost(String setting, long value, long smallest) {
            if (value < 1 || value > smallest) {
                throw new IllegalArgumentException("policy " + name + ": " + setting + " must be 1 to " + smallest
                        + " (the smallest quota), was " + value);
            }
        }
    }
}
