package dev.portcullis.ratelimit;

import static dev.portcullis.ratelimit.Exchanges.get;
import static dev.portcullis.ratelimit.Exchanges.request;
import static dev.portcullis.ratelimit.Exchanges.routed;
import static dev.portcullis.ratelimit.Exchanges.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Handler;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.ratelimit.RateLimitInterceptor;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RateLimitingTest {
    private final Exchanges.FakeNanoClock clock = new Exchanges.FakeNanoClock();
    private final LocalBucketStore store = LocalBucketStore.builder().nanoTime(clock).build();
    private final Exchanges.CountingUpstream upstream = new Exchanges.CountingUpstream();

    private static RateLimitPolicy.Builder burstAndHourly() {
        return RateLimitPolicy.builder("api")
                .limit(Limit.greedy("burst", 20, Duration.ofSeconds(1)))
                .limit(Limit.interval("hourly", 1000, Duration.ofHours(1)));
    }

    private RateLimitInterceptor limiting(RateLimitPolicy policy) {
        return RateLimiting.interceptor(PolicyRateLimiter.builder(store).defaultPolicy(policy).build());
    }

    @Test
    void limitedRequestIsAnswered429WithRetryAfterAndNeverReachesTheUpstream() {
        RateLimitInterceptor limits = limiting(RateLimitPolicy.builder("tiny")
                .limit(Limit.greedy("burst", 2, Duration.ofSeconds(10))).build());
        run(limits, get("203.0.113.7"), upstream);
        run(limits, get("203.0.113.7"), upstream);

        GatewayResponse third = run(limits, get("203.0.113.7"), upstream);

        assertEquals(429, third.status());
        assertEquals(ProblemTypes.RATE_LIMITED, third.problem().orElseThrow().type());
        assertEquals(Optional.of("5"), third.headers().first("Retry-After"));
        assertEquals(Optional.of("\"burst\";r=0;t=5"), third.headers().first("RateLimit"));
        assertEquals(2, upstream.calls.get());
        assertEquals(1, limits.metrics().limited());
    }

    @Test
    void allowedResponsesCarryThePolicyAndTheMostRestrictiveLimit() {
        RateLimitInterceptor limits = limiting(burstAndHourly().build());
        GatewayResponse response = null;
        for (int i = 0; i < 8; i++) {
            response = run(limits, get("203.0.113.7"), upstream);
        }

        assertEquals(200, response.status());
        assertEquals(Optional.of("\"burst\";q=20;w=1, \"hourly\";q=1000;w=3600"),
                response.headers().first("RateLimit-Policy"));
        assertEquals(Optional.of("\"burst\";r=12;t=1"), response.headers().first("RateLimit"));
        assertFalse(response.headers().contains("X-RateLimit-Limit"));
    }

    @Test
    void theReportedLimitIsTheOneWithTheFewestUnitsLeft() {
        RateLimitInterceptor limits = limiting(RateLimitPolicy.builder("api")
                .limit(Limit.greedy("burst", 20, Duration.ofSeconds(1)))
                .limit(Limit.interval("hourly", 25, Duration.ofHours(1))).build());
        for (int i = 0; i < 10; i++) {
            run(limits, get("203.0.113.7"), upstream);
        }
        clock.advanceMillis(1000);
        GatewayResponse response = null;
        for (int i = 0; i < 10; i++) {
            response = run(limits, get("203.0.113.7"), upstream);
        }

        assertEquals(Optional.of("\"hourly\";r=5;t=3599"), response.headers().first("RateLimit"));
    }

    @Test
    void responsesPassedToTheApplicationCarryTheFieldsToo() {
        RateLimitInterceptor limits = limiting(burstAndHourly().build());
        Handler application = request -> CompletableFuture.completedFuture(GatewayResponse.passToApplication());

        GatewayResponse response = run(limits, get("203.0.113.7"), application);

        assertTrue(response.passesToApplication());
        assertEquals(Optional.of("\"burst\";r=19;t=1"), response.headers().first("RateLimit"));
    }

    @Test
    void legacyHeadersAreSentWhenAskedFor() {
        RateLimitInterceptor limits = RateLimiting.builder(PolicyRateLimiter.builder(store)
                .defaultPolicy(burstAndHourly().build()).build()).legacyHeaders(true).build();

        GatewayResponse response = run(limits, get("203.0.113.7"), upstream);

        assertEquals(Optional.of("20"), response.headers().first("X-RateLimit-Limit"));
        assertEquals(Optional.of("19"), response.headers().first("X-RateLimit-Remaining"));
        assertEquals(Optional.of("1"), response.headers().first("X-RateLimit-Reset"));
    }

    @Test
    void hiddenHeadersLeaveOnlyRetryAfterOnA429() {
        RateLimitInterceptor limits = RateLimiting.builder(PolicyRateLimiter.builder(store)
                .defaultPolicy(RateLimitPolicy.builder("one").limit(Limit.interval("minute", 1, Duration.ofMinutes(1)))
                        .build()).build()).hideHeaders().build();

        GatewayResponse first = run(limits, get("203.0.113.7"), upstream);
        GatewayResponse second = run(limits, get("203.0.113.7"), upstream);

        assertFalse(first.headers().contains("RateLimit"));
        assertFalse(first.headers().contains("RateLimit-Policy"));
        assertEquals(429, second.status());
        assertFalse(second.headers().contains("RateLimit"));
        assertEquals(Optional.of("60"), second.headers().first("Retry-After"));
    }

    @Test
    void greedyRefillReturnsUnitsGraduallyWhileIntervalRefillWaitsForTheWindowEnd() {
        RateLimitInterceptor greedy = limiting(RateLimitPolicy.builder("greedy")
                .limit(Limit.greedy("minute", 60, Duration.ofMinutes(1))).build());
        RateLimitInterceptor interval = limiting(RateLimitPolicy.builder("interval")
                .limit(Limit.interval("minute", 60, Duration.ofMinutes(1))).build());
        for (int i = 0; i < 60; i++) {
            run(greedy, get("203.0.113.7"), upstream);
            run(interval, get("203.0.113.7"), upstream);
        }
        clock.advanceMillis(10_000);

        assertEquals(200, run(greedy, get("203.0.113.7"), upstream).status());
        assertEquals(429, run(interval, get("203.0.113.7"), upstream).status());
        clock.advanceMillis(50_000);
        assertEquals(Optional.of("\"minute\";r=59;t=60"),
                run(interval, get("203.0.113.7"), upstream).headers().first("RateLimit"));
    }

    @Test
    void aRoutesOwnPolicyOverridesTheDefaultPolicy() {
        RateLimitPolicy strict = RateLimitPolicy.builder("strict")
                .limit(Limit.interval("minute", 1, Duration.ofMinutes(1))).build();
        Route reports = Route.builder("reports").path("/**").upstream("http://127.0.0.1:9")
                .metadata(RateLimitPolicy.ROUTE, strict).build();
        RateLimitInterceptor limits = limiting(burstAndHourly().build());

        run(limits, routed(get("203.0.113.7"), reports), upstream);
        GatewayResponse secondOnRoute = run(limits, routed(get("203.0.113.7"), reports), upstream);
        GatewayResponse elsewhere = run(limits, routed(get("203.0.113.7"), Exchanges.route("other")), upstream);

        assertEquals(429, secondOnRoute.status());
        assertEquals(Optional.of("\"burst\";r=19;t=1"), elsewhere.headers().first("RateLimit"));
    }

    @Test
    void withoutAnyPolicyRequestsPassWithoutFields() {
        RateLimitInterceptor limits = RateLimiting.interceptor(PolicyRateLimiter.builder(store).build());

        GatewayResponse response = run(limits, get("203.0.113.7"), upstream);

        assertEquals(200, response.status());
        assertFalse(response.headers().contains("RateLimit"));
        assertEquals(0, limits.metrics().allowed());
    }

    @Test
    void methodAndRouteCostsTakeMoreUnitsThanTheDefault() {
        RateLimitInterceptor limits = limiting(RateLimitPolicy.builder("api")
                .limit(Limit.interval("minute", 100, Duration.ofMinutes(1)))
                .methodCost("POST", 5).routeCost("export", 40).build());

        GatewayResponse post = run(limits, request("POST", "/api/items", "203.0.113.7").build(), upstream);
        GatewayResponse export = run(limits, routed(get("203.0.113.7"), Exchanges.route("export")), upstream);
        GatewayResponse plain = run(limits, get("203.0.113.7"), upstream);

        assertEquals(Optional.of("\"minute\";r=95;t=60"), post.headers().first("RateLimit"));
        assertEquals(Optional.of("\"minute\";r=55;t=60"), export.headers().first("RateLimit"));
        assertEquals(Optional.of("\"minute\";r=54;t=60"), plain.headers().first("RateLimit"));
    }

    @Test
    void aPolicyNameReusedWithOtherLimitsKeepsItsOwnBucketsInsteadOfFailing() {
        RateLimitPolicy routePolicy = burstAndHourly().limit(Limit.interval("tiny", 1, Duration.ofHours(1))).build();
        Route reports = Route.builder("reports").path("/**").upstream("http://127.0.0.1:9")
                .metadata(RateLimitPolicy.ROUTE, routePolicy).build();
        RateLimitInterceptor limits = limiting(burstAndHourly().build());

        GatewayResponse onRoute = run(limits, routed(get("203.0.113.7"), reports), upstream);
        GatewayResponse unrouted = run(limits, get("203.0.113.7"), upstream);
        GatewayResponse onRouteAgain = run(limits, routed(get("203.0.113.7"), reports), upstream);

        assertEquals(200, onRoute.status());
        assertEquals(Optional.of("\"burst\";r=19;t=1"), unrouted.headers().first("RateLimit"));
        assertEquals(429, onRouteAgain.status());
    }

    @Test
    void twoPoliciesWithOneNameButDifferentLimitsFailAtBuild() {
        Route reports = Route.builder("reports").path("/**").upstream("http://127.0.0.1:9")
                .metadata(RateLimitPolicy.ROUTE, RateLimitPolicy.builder("api")
                        .limit(Limit.interval("minute", 1, Duration.ofMinutes(1))).build()).build();
        PolicyRateLimiter.Builder limiter = PolicyRateLimiter.builder(store).defaultPolicy(burstAndHourly().build())
                .routes(RouteTable.of(reports));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, limiter::build);

        assertTrue(e.getMessage().startsWith("policy name api is used by two policies with different limits"),
                e.getMessage());
        PolicyRateLimiter.builder(store).defaultPolicy(burstAndHourly().build())
                .routes(RouteTable.of(Exchanges.route("plain"))).build();
    }

    @Test
    void aStoreThatFailsAnswersWithThePolicysFailureModeNeverA500() {
        BucketStore broken = (key, policy, cost) -> {
            throw new IllegalStateException("bug in the store");
        };
        BucketStore failing = (key, policy, cost) -> CompletableFuture.failedFuture(new ArrayIndexOutOfBoundsException(1));
        RateLimitPolicy closed = burstAndHourly().build();

        GatewayResponse thrown = run(RateLimiting.interceptor(PolicyRateLimiter.builder(broken).defaultPolicy(closed)
                .build()), get("203.0.113.7"), upstream);
        GatewayResponse failed = run(RateLimiting.interceptor(PolicyRateLimiter.builder(failing).defaultPolicy(closed)
                .build()), get("203.0.113.7"), upstream);

        assertEquals(503, thrown.status());
        assertEquals(503, failed.status());
        assertEquals(ProblemTypes.SERVICE_UNAVAILABLE, failed.problem().orElseThrow().type());
        assertEquals(0, upstream.calls.get());
    }
}
