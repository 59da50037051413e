package dev.portcullis.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ratelimit.RateLimitDecision;
import dev.portcullis.api.ratelimit.RateLimitQuota;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {

    @Test
    void aLimitRefillingMoreThanOneUnitPerNanosecondFailsAtBuildNamingTheLimit() {
        RateLimitPolicy.Builder tooFast = RateLimitPolicy.builder("api")
                .limit(Limit.greedy("burst", 1_000_000_001L, Duration.ofSeconds(1)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, tooFast::build);

        assertTrue(e.getMessage().startsWith("limit burst: "), e.getMessage());
    }

    @Test
    void aWindowTooLongToCountInNanosecondsFailsAtBuild() {
        RateLimitPolicy.Builder tooLong = RateLimitPolicy.builder("api")
                .limit(Limit.interval("ages", 5, Duration.ofDays(365L * 300)));

        assertThrows(ArithmeticException.class, tooLong::build);
    }

    @Test
    void aLimitOfExactlyOneUnitPerNanosecondBuildsAndIsCountedByTheLocalStore() {
        RateLimitPolicy fastest = RateLimitPolicy.builder("api")
                .limit(Limit.interval("burst", 1_000_000_000L, Duration.ofSeconds(1))).build();

        RateLimitDecision decision = LocalBucketStore.builder().build().tryConsume("api:k", fastest, 1)
                .toCompletableFuture().join();

        assertInstanceOf(RateLimitDecision.Allowed.class, decision);
    }

    @Test
    void aStoreWithoutBucket4jServesAPolicyFromItsLimits() {
        RateLimitPolicy policy = RateLimitPolicy.builder("api")
                .limit(Limit.interval("minute", 2, Duration.ofMinutes(1))).build();
        BucketStore counting = new CountingStore();
        PolicyRateLimiter limiter = PolicyRateLimiter.builder(counting).defaultPolicy(policy).build();

        int allowed = 0;
        for (int i = 0; i < 5; i++) {
            if (limiter.decide(Exchanges.get("203.0.113.7")).toCompletableFuture().join()
                    instanceof RateLimitDecision.Allowed) {
                allowed++;
            }
        }

        assertEquals(2, allowed);
    }

    /** A fixed-window counter on the policy's first limit only: no refill, no Bucket4j. */
    private static final class CountingStore implements BucketStore {
        private final Map<String, Long> spent = new ConcurrentHashMap<>();

        @Override
        public CompletionStage<RateLimitDecision> tryConsume(String key, RateLimitPolicy policy, long cost) {
            RateLimitQuota quota = policy.quotas().get(0);
            long total = spent.merge(key, cost, Long::sum);
            return CompletableFuture.completedFuture(total <= quota.quota()
                    ? RateLimitDecision.allowed(policy.quotas(), quota, quota.quota() - total, quota.window())
                    : RateLimitDecision.limited(policy.quotas(), quota, quota.window()));
        }
    }
}
