package dev.portcullis.ratelimit.it;

import static dev.portcullis.ratelimit.it.Limits.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.ratelimit.FailureMode;
import dev.portcullis.api.ratelimit.RateLimitInterceptor;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import dev.portcullis.ratelimit.RedisBucketStore;
import dev.portcullis.ratelimit.RedisProcess;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gateways sharing their buckets through a real redis-server started by the test: one count across instances in
 * different containers, and the failure mode when Redis stops under a running gateway.
 */
class SharedRedisTest {

    private static RateLimitPolicy hourly(String name, long quota, FailureMode mode) {
        return RateLimitPolicy.builder(name).limit(Limit.interval(name, quota, Duration.ofHours(1)))
                .failureMode(mode).unavailableRetryAfter(Duration.ofSeconds(7)).build();
    }

    private static GatewayFilter gateway(RedisBucketStore store, RateLimitPolicy policy, String upstream) {
        return Limits.routingThen(List.of(RateLimiting.interceptor(
                        PolicyRateLimiter.builder(store).defaultPolicy(policy).build())),
                Limits.route("api", upstream, policy)).build();
    }

    @Test
    void twoGatewaysInJettyAndTomcatSharingOneRedisAdmitExactlyNOfTwoNConcurrentRequests() throws Exception {
        int n = 16;
        RateLimitPolicy shared = hourly("shared", n, FailureMode.FAIL_CLOSED);
        AtomicInteger upstreamCalls = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(2 * n);
        try (RedisProcess redis = RedisProcess.start();
                TestUpstream upstream = TestUpstream.start(Limits.counting(upstreamCalls));
                RedisBucketStore storeOne = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(10))
                        .build();
                RedisBucketStore storeTwo = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(10))
                        .build();
                RunningServer jetty = ServletContainer.JETTY.start(
                        gateway(storeOne, shared, upstream.baseUri()), new AppServlet());
                RunningServer tomcat = ServletContainer.TOMCAT.start(
                        gateway(storeTwo, shared, upstream.baseUri()), new AppServlet())) {
            CyclicBarrier together = new CyclicBarrier(2 * n);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 2 * n; i++) {
                RunningServer server = i % 2 == 0 ? jetty : tomcat;
                statuses.add(clients.submit(() -> {
                    together.await(20, TimeUnit.SECONDS);
                    return get(server, "/api/items").statusCode();
                }));
            }
            List<Integer> all = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                all.add(status.get(30, TimeUnit.SECONDS));
            }

            Map<Integer, Long> counts = all.stream().collect(Collectors.groupingBy(Function.identity(),
                    Collectors.counting()));
            assertEquals(Map.of(200, (long) n, 429, (long) n), counts);
            assertEquals(n, upstreamCalls.get());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aPolicyOnRedisCountsAcrossJettyAndTomcatWhileAPolicyOnTheLocalStoreCountsPerGateway() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
                TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
                RedisBucketStore jettyRedis = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(10))
                        .build();
                RedisBucketStore tomcatRedis = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(10))
                        .build();
                RunningServer jetty = ServletContainer.JETTY.start(
                        localAndShared(jettyRedis, upstream.baseUri()), new AppServlet());
                RunningServer tomcat = ServletContainer.TOMCAT.start(
                        localAndShared(tomcatRedis, upstream.baseUri()), new AppServlet())) {
            List<Integer> shared = new ArrayList<>();
            List<Integer> local = new ArrayList<>();
            for (RunningServer server : List.of(jetty, tomcat, jetty, tomcat)) {
                shared.add(get(server, "/shared/x").statusCode());
                local.add(get(server, "/local/x").statusCode());
            }
            local.add(get(jetty, "/local/x").statusCode());
            local.add(get(tomcat, "/local/x").statusCode());

            assertEquals(List.of(200, 200, 429, 429), shared, "one count of 2 in Redis for both gateways");
            assertEquals(List.of(200, 200, 200, 200, 429, 429), local, "a count of 2 in each gateway's JVM");
        }
    }

    /** A limiter whose buckets stay in the JVM, except those of the {@code shared} route's policy, kept in Redis. */
    private static GatewayFilter localAndShared(RedisBucketStore redis, String upstream) {
        RateLimitPolicy local = hourly("local", 2, FailureMode.FAIL_CLOSED);
        RateLimitPolicy shared = RateLimitPolicy.builder("shared").limit(Limit.interval("shared", 2, Duration.ofHours(1)))
                .store(redis).build();
        return Limits.routingThen(List.of(RateLimiting.interceptor(PolicyRateLimiter.builder().build())),
                Limits.route("local", upstream, local), Limits.route("shared", upstream, shared)).build();
    }

    @ParameterizedTest
    @MethodSource(Limits.CONTAINERS)
    void theApplicationsResponsesCarryTheFieldsWhenRedisDecidesAsynchronously(ServletContainer container)
            throws Exception {
        try (RedisProcess redis = RedisProcess.start();
                RedisBucketStore store = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(5)).build();
                RunningServer server = container.start(Limits.routingThen(List.of(RateLimiting.interceptor(
                        PolicyRateLimiter.builder(store).defaultPolicy(hourly("app", 2, FailureMode.FAIL_CLOSED))
                                .build()))).build(), new AppServlet())) {
            HttpResponse<String> first = get(server, "/hello");
            HttpResponse<String> second = get(server, "/hello");
            HttpResponse<String> third = get(server, "/hello");

            assertEquals("app GET /hello\nuser=-\n", first.body());
            assertEquals("\"app\";q=2;w=3600", first.headers().firstValue("RateLimit-Policy").orElseThrow());
            assertEquals("\"app\";r=1;t=3600", first.headers().firstValue("RateLimit").orElseThrow());
            assertEquals("\"app\";r=0;t=3600", second.headers().firstValue("RateLimit").orElseThrow());
            Limits.assertProblem(third, 429, ProblemTypes.RATE_LIMITED);
        }
    }

    @ParameterizedTest
    @MethodSource(Limits.CONTAINERS)
    void whenRedisStopsAFailClosedRouteAnswers503AndAFailOpenRoutePassesAndIsCounted(ServletContainer container)
            throws Exception {
        AtomicInteger upstreamCalls = new AtomicInteger();
        try (RedisProcess redis = RedisProcess.start();
                TestUpstream upstream = TestUpstream.start(Limits.counting(upstreamCalls));
                RedisBucketStore store = RedisBucketStore.builder(redis.uri()).timeout(Duration.ofSeconds(5)).build()) {
            RateLimitInterceptor limits = RateLimiting.interceptor(PolicyRateLimiter.builder(store).build());
            GatewayFilter filter = Limits.routingThen(List.of(limits),
                    Limits.route("closed", upstream.baseUri(), hourly("closed", 100, FailureMode.FAIL_CLOSED)),
                    Limits.route("open", upstream.baseUri(), hourly("open", 100, FailureMode.FAIL_OPEN))).build();
            try (RunningServer server = container.start(filter, new AppServlet())) {
                assertEquals("\"closed\";r=99;t=3600",
                        get(server, "/closed/x").headers().firstValue("RateLimit").orElseThrow());
                assertEquals("\"open\";r=99;t=3600",
                        get(server, "/open/x").headers().firstValue("RateLimit").orElseThrow());
                redis.close();

                HttpResponse<String> closed = get(server, "/closed/x");
                HttpResponse<String> open = get(server, "/open/x");
                HttpResponse<String> openAgain = get(server, "/open/y");

                Limits.assertProblem(closed, 503, ProblemTypes.SERVICE_UNAVAILABLE);
                assertEquals("7", closed.headers().firstValue("Retry-After").orElseThrow());
                assertFalse(closed.body().contains("xception"), closed.body());
                for (HttpResponse<String> passed : List.of(open, openAgain)) {
                    assertEquals(200, passed.statusCode());
                    assertTrue(passed.body().startsWith("GET /open/"), passed.body());
                    assertTrue(passed.headers().firstValue("RateLimit").isEmpty(), "no fields when unlimited");
                }
                assertEquals(4, upstreamCalls.get());
                assertEquals(2, limits.metrics().failedOpen());
                assertEquals(1, limits.metrics().failedClosed());
            }
        }
    }
}
