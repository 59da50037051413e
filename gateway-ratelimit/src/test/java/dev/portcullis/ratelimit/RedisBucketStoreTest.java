package dev.portcullis.ratelimit;

import static dev.portcullis.ratelimit.Exchanges.get;
import static dev.portcullis.ratelimit.Exchanges.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.ratelimit.FailureMode;
import dev.portcullis.api.ratelimit.RateLimitInterceptor;
import dev.portcullis.api.ratelimit.RateLimiting;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisBucketStoreTest {
    private RedisProcess redis;
    private final Exchanges.CountingUpstream upstream = new Exchanges.CountingUpstream();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisProcess.start();
    }

    @AfterEach
    void stopRedis() throws Exception {
        redis.close();
    }

    private static RateLimitPolicy policy(long perHour, FailureMode mode) {
        return RateLimitPolicy.builder("shared").limit(Limit.interval("hourly", perHour, Duration.ofHours(1)))
                .failureMode(mode).build();
    }

    private static RateLimitInterceptor limiting(RedisBucketStore store, RateLimitPolicy policy) {
        return RateLimiting.interceptor(PolicyRateLimiter.builder(store).defaultPolicy(policy).build());
    }

    @Test
    void twoGatewayInstancesSharingOneRedisAdmitExactlyNOfTwoNConcurrentRequests() throws Exception {
        int n = 50;
        RateLimitPolicy policy = policy(n, FailureMode.FAIL_CLOSED);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (RedisBucketStore one = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(10)).build();
                RedisBucketStore two = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(10)).build()) {
            Pipeline gatewayOne = Pipeline.builder().add(limiting(one, policy)).build();
            Pipeline gatewayTwo = Pipeline.builder().add(limiting(two, policy)).build();
            int[] turn = {0};
            int admitted = LocalBucketStoreTest.admitted(threads, 2 * n, () -> {
                Pipeline gateway;
                synchronized (turn) {
                    gateway = turn[0]++ % 2 == 0 ? gatewayOne : gatewayTwo;
                }
                return gateway.execute(get("203.0.113.7"), upstream).toCompletableFuture()
                        .get(30, TimeUnit.SECONDS).status() == 200;
            });

            assertEquals(n, admitted);
            assertEquals(n, upstream.calls.get());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void whenRedisStopsAFailOpenPolicyLetsRequestsThroughUnlimitedAndCountsThem() throws Exception {
        try (RedisBucketStore store = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(5)).build()) {
            RateLimitInterceptor limits = limiting(store, policy(100, FailureMode.FAIL_OPEN));
            GatewayResponse before = run(limits, get("203.0.113.7"), upstream);
            redis.close();

            GatewayResponse during = run(limits, get("203.0.113.7"), upstream);

            assertEquals(Optional.of("\"hourly\";r=99;t=3600"), before.headers().first("RateLimit"));
            assertEquals(200, during.status());
            assertFalse(during.headers().contains("RateLimit"));
            assertEquals(2, upstream.calls.get());
            assertEquals(1, limits.metrics().failedOpen());
        }
    }

    @Test
    void whenRedisStopsAFailClosedPolicyAnswers503WithRetryAfterAndNeverCallsTheUpstream() throws Exception {
        try (RedisBucketStore store = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(5)).build()) {
            RateLimitInterceptor limits = limiting(store, policy(100, FailureMode.FAIL_CLOSED));
            assertEquals(200, run(limits, get("203.0.113.7"), upstream).status());
            redis.close();

            GatewayResponse during = run(limits, get("203.0.113.7"), upstream);

            assertEquals(503, during.status());
            assertEquals(ProblemTypes.SERVICE_UNAVAILABLE, during.problem().orElseThrow().type());
            assertEquals(Optional.of("5"), during.headers().first("Retry-After"));
            assertEquals(1, upstream.calls.get());
            assertEquals(1, limits.metrics().failedClosed());
        }
    }

    @Test
    void aStoreWhoseRedisWasNeverReachableFailsOverInsteadOfAnswering500() throws Exception {
        String unreachable = redis.uri();
        redis.close();
        redis = RedisProcess.start();
        try (RedisBucketStore store = RedisBucketStore.builder(unreachable).connectTimeout(Duration.ofMillis(500))
                .build()) {
            RateLimitInterceptor limits = limiting(store, policy(100, FailureMode.FAIL_CLOSED));

            GatewayResponse response = run(limits, get("203.0.113.7"), upstream);

            assertEquals(503, response.status());
            assertEquals(0, upstream.calls.get());
        }
    }

    @Test
    void aPolicyRedeployedWithFewerLimitsUnderItsNameStartsFreshBucketsInRedis() throws Exception {
        RateLimitPolicy before = RateLimitPolicy.builder("shared").limit(Limit.greedy("burst", 100, Duration.ofSeconds(1)))
                .limit(Limit.interval("hourly", 1, Duration.ofHours(1))).build();
        RateLimitPolicy after = RateLimitPolicy.builder("shared")
                .limit(Limit.greedy("burst", 100, Duration.ofSeconds(1))).build();
        try (RedisBucketStore store = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(5)).build()) {
            GatewayResponse old = run(limiting(store, before), get("203.0.113.7"), upstream);
            GatewayResponse redeployed = run(limiting(store, after), get("203.0.113.7"), upstream);

            assertEquals(200, old.status());
            assertEquals(200, redeployed.status());
            assertEquals(Optional.of("\"burst\";r=99;t=1"), redeployed.headers().first("RateLimit"));
        }
    }

    @Test
    void failOpenAfterASilentRedisContinuesOnTheExecutorNotOnTheTimerThread() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                RedisBucketStore store = RedisBucketStore.builder("redis://127.0.0.1:" + silent.getLocalPort())
                        .timeout(Duration.ofMillis(100)).build()) {
            String thread = upstreamThread(limiting(store, policy(100, FailureMode.FAIL_OPEN)));

            assertFalse(thread.startsWith("CompletableFutureDelayScheduler"), thread);
            assertFalse(thread.startsWith("lettuce"), thread);
        }
    }

    @Test
    void redisAnswersContinueOnTheConfiguredExecutorNotOnALettuceThread() throws Exception {
        ExecutorService continuations = Executors.newSingleThreadExecutor(r -> new Thread(r, "continuation"));
        try (RedisBucketStore store = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(5))
                .executor(continuations).build()) {
            assertEquals("continuation", upstreamThread(limiting(store, policy(100, FailureMode.FAIL_CLOSED))));
        } finally {
            continuations.shutdownNow();
        }
    }

    private String upstreamThread(RateLimitInterceptor limits) {
        java.util.concurrent.atomic.AtomicReference<String> thread = new java.util.concurrent.atomic.AtomicReference<>();
        GatewayResponse response = run(limits, get("203.0.113.7"), request -> {
            thread.set(Thread.currentThread().getName());
            return upstream.handle(request);
        });
        assertEquals(200, response.status());
        return thread.get();
    }

    @Test
    void aRedisDecisionTakesAboutOneRoundTrip() throws Exception {
        int decisions = 2000;
        try (RedisBucketStore store = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(5)).build()) {
            RateLimitPolicy policy = policy(1_000_000, FailureMode.FAIL_CLOSED);
            for (int i = 0; i < 200; i++) {
                store.tryConsume("warmup:" + (i % 10), policy, 1).toCompletableFuture().join();
            }
            long start = System.nanoTime();
            int allowed = 0;
            for (int i = 0; i < decisions; i++) {
                allowed += store.tryConsume("key:" + (i % 100), policy, 1).toCompletableFuture().join()
                        instanceof dev.portcullis.api.ratelimit.RateLimitDecision.Allowed ? 1 : 0;
            }
            double micros = (System.nanoTime() - start) / 1000.0 / decisions;
            System.out.printf("Redis rate-limit decision: %.1f us per decision (%d sequential)%n", micros, decisions);

            assertEquals(decisions, allowed);
            assertTrue(micros < 20_000, micros + " us per decision");
        }
    }
}
