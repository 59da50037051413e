package dev.portcullis.ratelimit.it;

import static dev.portcullis.test.ProblemAssert.assertThatProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.test.Container;
import dev.portcullis.test.GatewayExtension;
import dev.portcullis.test.ProblemAssert;
import dev.portcullis.test.RecordedRequest;
import dev.portcullis.test.RecordingUpstream;
import dev.portcullis.test.RunningGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a rate limit looks like to a client, through the real filter in each container: 429 problems, the IETF
 * fields on proxied and application responses, the legacy fields, hidden fields. Built with the test kit: one
 * gateway per container (its own local buckets) serves the class, and one recording upstream, which forgets before
 * each test what it received; each test uses its own route, and so its own policy and buckets. Windows are hours or
 * days, so no bucket refills during a test.
 */
class RateLimitOnTheWireTest {
    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.create();

    @RegisterExtension
    static final GatewayExtension GATEWAY = GatewayExtension.builder()
            .filter(RateLimitOnTheWireTest::gateway)
            .application(AppServlet::new)
            .build();

    /** @return a filter with fresh local buckets: routes tight, multi, legacy and hidden, the rest under "app" */
    private static GatewayFilter gateway() {
        String base = UPSTREAM.baseUri();
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
        var standard = PolicyRateLimiter.builder(LocalBucketStore.builder().build()).defaultPolicy(app).build();
        return Limits.routingThen(List.of(
                        RateLimiting.interceptor(Limits.exceptOnRoutes(standard, "legacy", "hidden")),
                        RateLimiting.builder(Limits.onRoutes(standard, "legacy")).legacyHeaders(true).build(),
                        RateLimiting.builder(Limits.onRoutes(standard, "hidden")).hideHeaders().build()),
                Limits.route("tight", base, tight), Limits.route("multi", base, twoLimits),
                Limits.route("legacy", base, legacy), Limits.route("hidden", base, hidden)).build();
    }

    /** Checks a 429 problem with the request id and a positive {@code Retry-After}. */
    private static ProblemAssert assertLimited(HttpResponse<String> response) {
        return assertThatProblem(response).hasStatus(429).hasType(ProblemTypes.RATE_LIMITED).hasRequestId()
                .hasHeaderMatching("Retry-After", "[1-9][0-9]*");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void requestsOverTheLimitGetA429ProblemWithRetryAfterAndNeverReachTheUpstream(Container container)
            throws Exception {
        RunningGateway gateway = GATEWAY.in(container);
        assertEquals(200, gateway.get("/tight/a").statusCode());
        assertEquals(200, gateway.get("/tight/b").statusCode());

        HttpResponse<String> third = gateway.get("/tight/c");
        HttpResponse<String> fourth = gateway.get("/tight/d");

        assertLimited(third).hasDetail("The rate limit 'tight' of 2 per 3600 s is used up.")
                .doesNotContain("127.0.0.1");
        assertEquals(Optional.of("\"tight\";q=2;w=3600"), third.headers().firstValue("RateLimit-Policy"));
        assertTrue(third.headers().firstValue("RateLimit").orElseThrow().startsWith("\"tight\";r=0;t="));
        assertLimited(fourth);
        assertEquals(2, UPSTREAM.requestCount());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void proxiedResponsesCarryThePolicyAndItsMostRestrictiveLimit(Container container) throws Exception {
        RunningGateway gateway = GATEWAY.in(container);

        HttpResponse<String> first = gateway.get("/multi/x");
        HttpResponse<String> second = gateway.get("/multi/x");

        assertEquals(200, first.statusCode());
        assertEquals(List.of("/multi/x", "/multi/x"), UPSTREAM.requests().stream().map(RecordedRequest::target)
                .toList(), "both proxied");
        assertEquals(Optional.of("\"hourly\";q=100;w=3600, \"daily\";q=3;w=86400"),
                first.headers().firstValue("RateLimit-Policy"));
        assertLimit("daily", 2, Duration.ofDays(1), first);
        assertLimit("daily", 1, Duration.ofDays(1), second);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void theApplicationsOwnResponsesCarryTheFieldsOfTheDefaultPolicy(Container container) throws Exception {
        RunningGateway gateway = GATEWAY.in(container);

        HttpResponse<String> first = gateway.get("/hello");
        HttpResponse<String> second = gateway.get("/hello");

        assertTrue(first.body().startsWith("app GET /hello\n"), "from the application: " + first.body());
        assertEquals(Optional.of("\"hourly\";q=1000;w=3600"), first.headers().firstValue("RateLimit-Policy"));
        assertLimit("hourly", 999, Duration.ofHours(1), first);
        assertLimit("hourly", 998, Duration.ofHours(1), second);
        assertEquals(0, UPSTREAM.requestCount());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void legacyFieldsAccompanyTheIetfFieldsWhenEnabled(Container container) throws Exception {
        HttpResponse<String> response = GATEWAY.in(container).get("/legacy/x");

        assertEquals(200, response.statusCode());
        assertLimit("hourly", 4, Duration.ofHours(1), response);
        assertEquals(Optional.of("5"), response.headers().firstValue("X-RateLimit-Limit"));
        assertEquals(Optional.of("4"), response.headers().firstValue("X-RateLimit-Remaining"));
        long reset = Long.parseLong(response.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertTrue(reset > 3500 && reset <= 3600, "X-RateLimit-Reset " + reset);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void hiddenFieldsAreNeverSentYetA429StillCarriesRetryAfter(Container container) throws Exception {
        RunningGateway gateway = GATEWAY.in(container);

        HttpResponse<String> allowed = gateway.get("/hidden/x");
        HttpResponse<String> limited = gateway.get("/hidden/x");

        assertEquals(200, allowed.statusCode());
        assertLimited(limited);
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
