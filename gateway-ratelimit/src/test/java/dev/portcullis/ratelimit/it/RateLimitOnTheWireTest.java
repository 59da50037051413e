package dev.portcullis.ratelimit.it;

import static dev.portcullis.ratelimit.it.Limits.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a rate limit looks like to a client, through the real filter in each container: 429 problems, the IETF
 * fields on proxied and application responses, the legacy fields, hidden fields. One server per container is shared
 * by all tests; each test uses its own route, and so its own policy and buckets. Windows are hours or days, so no
 * bucket refills during a test.
 */
class RateLimitOnTheWireTest {
    private static final Map<ServletContainer, Gateway> GATEWAYS = new EnumMap<>(ServletContainer.class);

    /** A container with its own upstream, local buckets and filter. */
    private record Gateway(TestUpstream upstream, AtomicInteger upstreamCalls, RunningServer server)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
            upstream.close();
        }
    }

    @BeforeAll
    static void startOneGatewayPerContainer() throws Exception {
        for (ServletContainer container : ServletContainer.values()) {
            AtomicInteger calls = new AtomicInteger();
            TestUpstream upstream = TestUpstream.start(Limits.counting(calls));
            String base = upstream.baseUri();
            RateLimitPolicy app = RateLimitPolicy.builder("app")
                    .limit(Limit.interval("hourly", 1000, Duration.ofHours(1))).build();
            RateLimitPolicy tight = RateLimitPolicy.builder("tight")
                    .limit(Limit.interval("tight", 2, Duration.ofHours(1))).build();
            RateLimitPolicy twoLimits = RateLimitPolicy.builder("two-limits")
                    .limit(Limit.interval("hourly", 100, Duration.ofHours(1)))
                    .limit(Limit.interval("daily", 3, Duration.ofDays(1))).build();
            RateLimitPolicy legacy = RateLimitPolicy.builder("legacy")
                    .limit(Limit.interval("hourly", 5, Duration.ofHours(1))).build();
            RateLimitPolicy hidden = RateLimitPolicy.builder("hidden")
                    .limit(Limit.interval("hourly", 1, Duration.ofHours(1))).build();
            LocalBucketStore buckets = LocalBucketStore.builder().build();
            var standard = PolicyRateLimiter.builder(buckets).defaultPolicy(app).build();
            var server = container.start(Limits.routingThen(List.of(
                            RateLimiting.interceptor(Limits.exceptOnRoutes(standard, "legacy", "hidden")),
                            RateLimiting.builder(Limits.onRoutes(standard, "legacy")).legacyHeaders(true).build(),
                            RateLimiting.builder(Limits.onRoutes(standard, "hidden")).hideHeaders().build()),
                            Limits.route("tight", base, tight), Limits.route("multi", base, twoLimits),
                            Limits.route("legacy", base, legacy), Limits.route("hidden", base, hidden)).build(),
                    new AppServlet());
            GATEWAYS.put(container, new Gateway(upstream, calls, server));
        }
    }

    @AfterAll
    static void stopThem() throws Exception {
        for (Gateway gateway : GATEWAYS.values()) {
            gateway.close();
        }
    }

    @ParameterizedTest
    @MethodSource(Limits.CONTAINERS)
    void requestsOverTheLimitGetA429ProblemWithRetryAfterAndNeverReachTheUpstream(ServletContainer container)
            throws Exception {
        Gateway gateway = GATEWAYS.get(container);
        int before = gateway.upstreamCalls().get();
        assertEquals(200, get(gateway.server(), "/tight/a").statusCode());
        assertEquals(200, get(gateway.server(), "/tight/b").statusCode());

        HttpResponse<String> third = get(gateway.server(), "/tight/c");
        HttpResponse<String> fourth = get(gateway.server(), "/tight/d");

        var problem = Limits.assertProblem(third, 429, ProblemTypes.RATE_LIMITED);
        assertEquals("The rate limit 'tight' of 2 per 3600 s is used up.", problem.path("detail").asText());
        assertEquals(Optional.of("\"tight\";q=2;w=3600"), third.headers().firstValue("RateLimit-Policy"));
        assertTrue(third.headers().firstValue("RateLimit").orElseThrow().startsWith("\"tight\";r=0;t="));
        Limits.assertProblem(fourth, 429, ProblemTypes.RATE_LIMITED);
        assertFalse(third.body().contains("127.0.0.1"), "no upstream address in a problem: " + third.body());
        assertEquals(before + 2, gateway.upstreamCalls().get());
    }

    @ParameterizedTest
    @MethodSource(Limits.CONTAINERS)
    void proxiedResponsesCarryThePolicyAndItsMostRestrictiveLimit(ServletContainer container) throws Exception {
        Gateway gateway = GATEWAYS.get(container);

        HttpResponse<String> first = get(gateway.server(), "/multi/x");
        HttpResponse<String> second = get(gateway.server(), "/multi/x");

        assertEquals(200, first.statusCode());
        assertTrue(first.body().startsWith("GET /multi/x\n"), "proxied: " + first.body());
        assertEquals(Optional.of("\"hourly\";q=100;w=3600, \"daily\";q=3;w=86400"),
                first.headers().firstValue("RateLimit-Policy"));
        assertLimit("daily", 2, Duration.ofDays(1), first);
        assertLimit("daily", 1, Duration.ofDays(1), second);
    }

    @ParameterizedTest
    @MethodSource(Limits.CONTAINERS)
    void theApplicationsOwnResponsesCarryTheFieldsOfTheDefaultPolicy(ServletContainer container) throws Exception {
        Gateway gateway = GATEWAYS.get(container);
        int before = gateway.upstreamCalls().get();

        HttpResponse<String> first = get(gateway.server(), "/hello");
        HttpResponse<String> second = get(gateway.server(), "/hello");

        assertTrue(first.body().startsWith("app GET /hello\n"), "from the application: " + first.body());
        assertEquals(Optional.of("\"hourly\";q=1000;w=3600"), first.headers().firstValue("RateLimit-Policy"));
        assertLimit("hourly", 999, Duration.ofHours(1), first);
        assertLimit("hourly", 998, Duration.ofHours(1), second);
        assertEquals(before, gateway.upstreamCalls().get());
    }

    @ParameterizedTest
    @MethodSource(Limits.CONTAINERS)
    void legacyFieldsAccompanyTheIetfFieldsWhenEnabled(ServletContainer container) throws Exception {
        HttpResponse<String> response = get(GATEWAYS.get(container).server(), "/legacy/x");

        assertEquals(200, response.statusCode());
        assertLimit("hourly", 4, Duration.ofHours(1), response);
        assertEquals(Optional.of("5"), response.headers().firstValue("X-RateLimit-Limit"));
        assertEquals(Optional.of("4"), response.headers().firstValue("X-RateLimit-Remaining"));
        long reset = Long.parseLong(response.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertTrue(reset > 3500 && reset <= 3600, "X-RateLimit-Reset " + reset);
    }

    @ParameterizedTest
    @MethodSource(Limits.CONTAINERS)
    void hiddenFieldsAreNeverSentYetA429StillCarriesRetryAfter(ServletContainer container) throws Exception {
        Gateway gateway = GATEWAYS.get(container);

        HttpResponse<String> allowed = get(gateway.server(), "/hidden/x");
        HttpResponse<String> limited = get(gateway.server(), "/hidden/x");

        assertEquals(200, allowed.statusCode());
        Limits.assertProblem(limited, 429, ProblemTypes.RATE_LIMITED);
        for (HttpResponse<String> response : List.of(allowed, limited)) {
            List<String> names = response.headers().map().keySet().stream()
                    .filter(name -> name.toLowerCase(java.util.Locale.ROOT).contains("ratelimit")).toList();
            assertEquals(List.of(), names);
        }
    }

    /** Checks {@code RateLimit: "<name>";r=<remaining>;t=<seconds>}, with t within a minute of the window. */
    private static void assertLimit(String name, long remaining, Duration window, HttpResponse<String> response) {
        String field = response.headers().firstValue("RateLimit").orElseThrow();
        Matcher parts = Pattern.compile("\"([^\"]+)\";r=(\\d+);t=(\\d+)").matcher(field);
        assertTrue(parts.matches(), field);
        assertEquals(name, parts.group(1), field);
        assertEquals(remaining, Long.parseLong(parts.group(2)), field);
        long reset = Long.parseLong(parts.group(3));
        assertTrue(reset > window.getSeconds() - 60 && reset <= window.getSeconds(), field);
    }
}
