package dev.portcullis.ratelimit;

import static dev.portcullis.ratelimit.Exchanges.get;
import static dev.portcullis.ratelimit.Exchanges.routed;
import static dev.portcullis.ratelimit.Exchanges.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ratelimit.RateLimitDecision;
import dev.portcullis.api.ratelimit.RateLimitInterceptor;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Each rate-limit policy takes its buckets from the store it chose, else from the limiter's store. */
class PerPolicyStoreTest {
    private final Exchanges.FakeNanoClock clock = new Exchanges.FakeNanoClock();
    private final RecordingStore limiterStore = new RecordingStore(LocalBucketStore.builder().nanoTime(clock).build());
    private final RecordingStore policyStore = new RecordingStore(LocalBucketStore.builder().nanoTime(clock).build());
    private final Exchanges.CountingUpstream upstream = new Exchanges.CountingUpstream();

    private static RateLimitPolicy.Builder perMinute(String name, long quota) {
        return RateLimitPolicy.builder(name).limit(Limit.interval("minute", quota, Duration.ofMinutes(1)));
    }

    private static Route route(String id, RateLimitPolicy policy) {
        return Route.builder(id).path("/" + id + "/**").upstream("http://127.0.0.1:9")
                .metadata(RateLimitPolicy.ROUTE, policy).build();
    }

    @Test
    void aPolicyWithItsOwnStoreTakesItsBucketsFromThatStoreAndTheOthersFromTheLimitersStore() {
        Route partners = route("partners", perMinute("partners", 5).store(policyStore).build());
        Route internal = route("internal", perMinute("internal", 5).build());
        RateLimitInterceptor limits = RateLimiting.interceptor(PolicyRateLimiter.builder(limiterStore)
                .routes(RouteTable.of(partners, internal)).build());

        run(limits, routed(get("203.0.113.7"), partners), upstream);
        run(limits, routed(get("203.0.113.7"), partners), upstream);
        run(limits, routed(get("203.0.113.7"), internal), upstream);

        assertEquals(2, policyStore.keys.size());
        assertTrue(policyStore.keys.stream().allMatch(key -> key.startsWith("partners@")), policyStore.keys.toString());
        assertEquals(1, limiterStore.keys.size());
        assertTrue(limiterStore.keys.get(0).startsWith("internal@"), limiterStore.keys.toString());
    }

    @Test
    void aPolicysOwnStoreCountsItsQuotaAndAnotherPolicysStoreIsUntouched() {
        RateLimitPolicy tight = perMinute("tight", 1).store(policyStore).build();
        RateLimitPolicy roomy = perMinute("roomy", 100).build();
        Route tightRoute = route("tight", tight);
        RateLimitInterceptor limits = RateLimiting.interceptor(PolicyRateLimiter.builder(limiterStore)
                .defaultPolicy(roomy).routes(RouteTable.of(tightRoute)).build());

        assertEquals(200, run(limits, routed(get("203.0.113.7"), tightRoute), upstream).status());
        assertEquals(429, run(limits, routed(get("203.0.113.7"), tightRoute), upstream).status());
        assertEquals(200, run(limits, get("203.0.113.7"), upstream).status());

        assertEquals(2, policyStore.keys.size());
        assertEquals(1, limiterStore.keys.size());
    }

    @Test
    void aLimiterBuiltWithoutAStoreKeepsBucketsInThisJvm() {
        RateLimitInterceptor limits = RateLimiting.interceptor(PolicyRateLimiter.builder()
                .defaultPolicy(perMinute("jvm", 1).build()).build());

        assertEquals(200, run(limits, get("203.0.113.7"), upstream).status());
        assertEquals(429, run(limits, get("203.0.113.7"), upstream).status());
    }

    @Test
    void twoPoliciesWithOneNameButDifferentStoresFailAtBuild() {
        Route partners = route("partners", perMinute("api", 5).store(policyStore).build());
        PolicyRateLimiter.Builder limiter = PolicyRateLimiter.builder(limiterStore)
                .defaultPolicy(perMinute("api", 5).build()).routes(RouteTable.of(partners));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, limiter::build);

        assertEquals("policy name api is used by two policies with different stores", e.getMessage());
    }

    /** A store that records every bucket key it is asked for, then defers to a real store. */
    private static final class RecordingStore implements BucketStore {
        final List<String> keys = new CopyOnWriteArrayList<>();
        private final BucketStore real;

        RecordingStore(BucketStore real) {
            this.real = real;
        }

        @Override
        public CompletionStage<RateLimitDecision> tryConsume(String key, RateLimitPolicy policy, long cost) {
            keys.add(key);
            return real.tryConsume(key, policy, cost);
        }
    }
}
