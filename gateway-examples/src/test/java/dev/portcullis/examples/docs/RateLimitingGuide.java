package dev.portcullis.examples.docs;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ratelimit.FailureMode;
import dev.portcullis.api.ratelimit.RateLimitInterceptor;
import dev.portcullis.api.ratelimit.RateLimiter;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.ratelimit.KeyResolvers;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import dev.portcullis.ratelimit.RedisBucketStore;
import dev.portcullis.servlet.GatewayFilter;
import java.time.Duration;

/** The fragments of docs/rate-limiting.md, compiled; {@code GuidesBuildTest} builds those that need no Redis. */
final class RateLimitingGuide {
    private RateLimitingGuide() {
    }

    static RateLimiter perIp() {
        // tag::per-ip[]
        RateLimitPolicy perIp = RateLimitPolicy.builder("per-ip")
            .limit(Limit.greedy("burst", 20, Duration.ofSeconds(1)))        // 20/s, refilled one every 50 ms
            .limit(Limit.interval("hourly", 1000, Duration.ofHours(1)))     // 1000/h, refilled whole every hour
            .build();                                                       // key: KeyResolvers.clientIp() by default
        RateLimiter ipLimiter = PolicyRateLimiter.builder(LocalBucketStore.builder().build()).defaultPolicy(perIp).build();
        // end::per-ip[]
        return ipLimiter;
    }

    static Pipeline perUser(RateLimiter ipLimiter, Interceptor authentication) {
        // tag::per-user[]
        RateLimitPolicy perUser = RateLimitPolicy.builder("per-user")
            .limit(Limit.greedy("burst", 10, Duration.ofSeconds(1)))
            .key(KeyResolvers.subject())           // issuer + sub of the principal; anonymous requests fall back to the client IP
            .methodCost("POST", 5)                 // a POST takes 5 units
            .build();
        RateLimitPolicy exports = RateLimitPolicy.builder("exports")
            .limit(Limit.interval("daily", 20, Duration.ofDays(1)))
            .key(KeyResolvers.composite(KeyResolvers.apiKey(), KeyResolvers.routeId()))  // the authenticated API key (a digest)
            .build();
        Route export = Route.builder("export").path("/api/export/**").upstream("http://127.0.0.1:9001")
            .metadata(RateLimitPolicy.ROUTE, exports)           // this route's own policy
            .build();
        RateLimiter userLimiter = PolicyRateLimiter.builder(LocalBucketStore.builder().build())
            .defaultPolicy(perUser)                             // every other request
            .build();

        Pipeline pipeline = Pipeline.builder()
            .add(Routing.interceptor(RouteTable.of(export)))    // sets Routing.MATCH, so route policies are known
            .add(RateLimiting.interceptor(ipLimiter))           // before authentication: a flood costs no token checks
            .add(authentication)                                // sets GatewayPrincipal.ATTRIBUTE
            .add(RateLimiting.builder(userLimiter).name("UserRateLimit").legacyHeaders(true).build())
            .build();
        // end::per-user[]
        return pipeline;
    }

    static RateLimitInterceptor redis() {
        // tag::redis[]
        RedisBucketStore redis = RedisBucketStore.builder("redis://10.0.0.7:6379")
            .timeout(Duration.ofMillis(100))                     // deadline of one decision, default 250 ms
            .build();                                            // close() it in Filter.destroy()
        RateLimitPolicy shared = RateLimitPolicy.builder("per-user")
            .limit(Limit.greedy("burst", 20, Duration.ofSeconds(1)))
            .key(KeyResolvers.subject())
            .failureMode(FailureMode.FAIL_OPEN)                  // default FAIL_CLOSED: choose availability explicitly
            .unavailableRetryAfter(Duration.ofSeconds(5))
            .build();
        RateLimitInterceptor limits = RateLimiting.interceptor(PolicyRateLimiter.builder(redis).defaultPolicy(shared).build());
        // end::redis[]
        return limits;
    }

    static RateLimitInterceptor storePerPolicy() {
        // tag::store-per-policy[]
        RedisBucketStore redis = RedisBucketStore.builder("redis://10.0.0.7:6379").build();   // close() it on shutdown
        RateLimitPolicy perIp = RateLimitPolicy.builder("per-ip")                              // this JVM
            .limit(Limit.greedy("burst", 50, Duration.ofSeconds(1)))
            .build();
        RateLimitPolicy perCustomer = RateLimitPolicy.builder("per-customer")                 // every instance, via Redis
            .limit(Limit.interval("daily", 10_000, Duration.ofDays(1)))
            .key(KeyResolvers.subject())
            .store(redis)
            .build();
        Route partners = Route.builder("partners").path("/partners/**").upstream("http://10.0.0.5:8080")
            .metadata(RateLimitPolicy.ROUTE, perCustomer).build();
        RateLimitInterceptor limits = RateLimiting.interceptor(PolicyRateLimiter.builder()    // default store: LocalBucketStore
            .defaultPolicy(perIp).routes(RouteTable.of(partners)).build());
        // end::store-per-policy[]
        return limits;
    }

    static GatewayFilter behindABalancer() {
        // tag::behind-a-balancer[]
        RateLimitPolicy perIp = RateLimitPolicy.builder("per-ip")
            .limit(Limit.interval("hourly", 1000, Duration.ofHours(1)))
            .build();
        GatewayFilter filter = GatewayFilter.builder()
            .pipeline(Pipeline.builder()
                .add(RateLimiting.interceptor(
                    PolicyRateLimiter.builder(LocalBucketStore.builder().build()).defaultPolicy(perIp).build()))
                .build())
            .trustedProxies("10.0.0.0/8")          // the balancer: its X-Forwarded-For names the client
            .build();
        // end::behind-a-balancer[]
        return filter;
    }

    static RateLimitInterceptor sharedCount() {
        // tag::shared-count[]
        RedisBucketStore redis = RedisBucketStore.builder("redis://10.0.0.7:6379").build();
        RateLimitPolicy shared = RateLimitPolicy.builder("shared")
            .limit(Limit.interval("hourly", 1000, Duration.ofHours(1)))
            .failureMode(FailureMode.FAIL_CLOSED)                // 503 + Retry-After while Redis is down (the default)
            .unavailableRetryAfter(Duration.ofSeconds(7))
            .build();
        RateLimitInterceptor limits = RateLimiting.interceptor(PolicyRateLimiter.builder(redis).defaultPolicy(shared).build());
        // with FailureMode.FAIL_OPEN, requests pass without rate-limit fields and limits.metrics().failedOpen() counts them
        // end::shared-count[]
        return limits;
    }
}
