package dev.portcullis.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeEvent.Outcome;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
    /** The request a stage saw when it answered, for the events that carry one. */
    private static final GatewayRequest STAGE_REQUEST = GatewayRequest.builder().id("r").method("GET").authority("gw")
            .rawPath("/x").clientAddress(InetAddress.getLoopbackAddress()).build();
    private static final URI INSTANCE = URI.create("http://10.0.0.5:8080");
    private static final Route ORDERS = Route.builder("orders").path("/orders/**").upstream(INSTANCE.toString()).build();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = GatewayMetrics.builder(registry).build();

    private static GatewayRequest request(String method, String path) {
        GatewayRequest request = GatewayRequest.builder().id("r1").method(method).authority("gw").rawPath(path)
                .clientAddress(InetAddress.getLoopbackAddress()).build();
        return RouteTable.of(ORDERS).route(request)
                .map(match -> request.withAttribute(dev.portcullis.api.routing.Routing.MATCH, match))
                .orElse(request);
    }

    private void ended(GatewayRequest request, int status, Outcome outcome, long bytes, Duration duration) {
        ExchangeEvent.Started started = new ExchangeEvent.Started("r1", "GET", "/", InetAddress.getLoopbackAddress(), 0,
                Optional.empty());
        metrics.onEvent(new ExchangeEvent.Ended("r1", Optional.ofNullable(request), status, outcome, bytes, duration,
                started, 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private Timer requests(String route, String method, String status, String outcome) {
        return registry.find(GatewayMetrics.REQUESTS).tags("route", route, "method", method, "status", status,
                "outcome", outcome).timer();
    }

    @Test
    void aRoutedExchangeIsTimedByRouteMethodStatusClassAndOutcome() {
        ended(request("GET", "/orders/7"), 201, Outcome.COMPLETED, 512, Duration.ofMillis(30));

        Timer timer = requests("orders", "GET", "2xx", "completed");
        assertEquals(1, timer.count());
        assertEquals(30, timer.totalTime(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(512, registry.find(GatewayMetrics.RESPONSE_BYTES).tag("route", "orders").summary().totalAmount());
        assertNull(registry.find(GatewayMetrics.RESPONSE_BYTES).tag("route", "other").summary(),
                "no series for names beyond the cap while there are none");
    }

    @Test
    void anUnroutedExchangeIsTaggedRouteNoneAndBytesTheApplicationWroteAreNotCounted() {
        ended(request("POST", "/hello/7"), 200, Outcome.APPLICATION, -1, Duration.ofMillis(3));

        assertEquals(1, requests("none", "POST", "2xx", "application").count());
        assertEquals(0, registry.find(GatewayMetrics.RESPONSE_BYTES).tag("route", "none").summary().count());
    }

    @Test
    void anExchangeRefusedBeforeItsRequestWasReadHasAnUnknownMethodAndAClientThatLeftNoStatus() {
        ended(null, 503, Outcome.COMPLETED, 120, Duration.ofMillis(1));
        ended(request("GET", "/orders/1"), 0, Outcome.CLIENT_GONE, 0, Duration.ofMillis(1));

        assertEquals(1, requests("none", "UNKNOWN", "5xx", "completed").count());
        assertEquals(1, requests("orders", "GET", "none", "client-gone").count());
    }

    @Test
    void aMethodOutsideTheStandardNineIsTaggedOther() {
        ended(request("PROPFIND", "/orders/1"), 405, Outcome.COMPLETED, 0, Duration.ofMillis(1));
        ended(request("X-RANDOM-1234", "/orders/1"), 405, Outcome.COMPLETED, 0, Duration.ofMillis(1));

        assertEquals(2, requests("orders", "other", "4xx", "completed").count());
    }

    @Test
    void theRequestTimerHasABucketAtEveryServiceLevelObjective() {
        ended(request("GET", "/orders/1"), 200, Outcome.COMPLETED, 0, Duration.ofMillis(40));

        CountAtBucket[] buckets = requests("orders", "GET", "2xx", "completed").takeSnapshot().histogramCounts();
        assertEquals(GatewayMetrics.DEFAULT_SERVICE_LEVEL_OBJECTIVES.stream().map(Duration::toNanos).toList(),
                Arrays.stream(buckets).map(bucket -> (long) bucket.bucket(TimeUnit.NANOSECONDS)).toList());
        assertEquals(0, buckets[2].count(), "not within 25 ms");
        assertEquals(1, buckets[3].count(), "within 50 ms");
    }

    @Test
    void theInFlightGaugeCountsStartedExchangesThatHaveNotEnded() {
        metrics.onEvent(new ExchangeEvent.Started("a", "GET", "/x", InetAddress.getLoopbackAddress(), 0, Optional.empty()));
        metrics.onEvent(new ExchangeEvent.Started("b", "GET", "/y", InetAddress.getLoopbackAddress(), 0, Optional.empty()));
        ended(null, 200, Outcome.COMPLETED, 0, Duration.ZERO);

        assertEquals(1, registry.find(GatewayMetrics.REQUESTS_ACTIVE).gauge().value());
    }

    @Test
    void upstreamCallsAreTimedPerInstanceToTheirHeadersOrTheirFailure() {
        metrics.onEvent(new ExchangeEvent.UpstreamAnswered("r1", INSTANCE, 503, Duration.ofMillis(12)));
        metrics.onEvent(new ExchangeEvent.UpstreamFailed("r2", INSTANCE, ProblemTypes.UPSTREAM_TIMEOUT,
                Duration.ofSeconds(10)));
        metrics.onEvent(new ExchangeEvent.UpstreamFailed("r3", INSTANCE, ProblemTypes.UPSTREAM_UNAVAILABLE,
                Duration.ofMillis(2)));

        assertEquals(12, upstream("5xx", "answered").totalTime(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(10, upstream("none", "timeout").totalTime(TimeUnit.SECONDS), 0.001);
        assertEquals(1, upstream("none", "unavailable").count());
    }

    private Timer upstream(String status, String outcome) {
        return registry.find(GatewayMetrics.UPSTREAM_REQUESTS)
                .tags("instance", "http://10.0.0.5:8080", "status", status, "outcome", outcome).timer();
    }

    @Test
    void rejectionsAreCountedByStageProblemTypeAndStatus() {
        metrics.onEvent(new ExchangeEvent.StageAnswered("r1", "PerIpRateLimit", 429,
                Optional.of(ProblemTypes.RATE_LIMITED), STAGE_REQUEST));
        metrics.onEvent(new ExchangeEvent.StageAnswered("r2", "PerIpRateLimit", 429,
                Optional.of(ProblemTypes.RATE_LIMITED), STAGE_REQUEST));
        metrics.onEvent(new ExchangeEvent.StageAnswered("r3", "Cors", 204, Optional.empty(), STAGE_REQUEST));

        assertEquals(2, registry.find(GatewayMetrics.REJECTIONS)
                .tags("stage", "PerIpRateLimit", "type", ProblemTypes.RATE_LIMITED, "status", "429").counter().count());
        assertEquals(1, registry.find(GatewayMetrics.REJECTIONS)
                .tags("stage", "Cors", "type", "none", "status", "204").counter().count());
    }

    @Test
    void namesBeyondTheCapShareTheTagValueOther() {
        GatewayMetrics capped = GatewayMetrics.builder(registry).maxTagValues(2).build();
        for (int i = 0; i < 5; i++) {
            capped.onEvent(new ExchangeEvent.StageAnswered("r" + i, "stage-" + i, 400, Optional.empty(),
                    STAGE_REQUEST));
        }

        assertEquals(3, registry.find(GatewayMetrics.REJECTIONS).tag("stage", "other").counter().count());
        assertEquals(3, registry.find(GatewayMetrics.REJECTIONS).counters().size(), "stage-0, stage-1, other");
        assertNull(registry.find(GatewayMetrics.REJECTIONS).tag("stage", "stage-4").counter());
    }

    @Test
    void identityProviderCallsAreTimedByKindProviderAndOutcome() {
        metrics.identityProviders().onCall(new dev.portcullis.api.auth.IdentityProviderCall(
                dev.portcullis.api.auth.IdentityProviderCall.Kind.INTROSPECTION, "https://idp/introspect",
                dev.portcullis.api.auth.IdentityProviderCall.Outcome.TIMEOUT, Duration.ofMillis(700)));

        Timer timer = registry.find(GatewayMetrics.IDENTITY_CALLS)
                .tags("kind", "introspection", "provider", "https://idp/introspect", "outcome", "timeout").timer();
        assertEquals(700, timer.totalTime(TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheSetting() {
        IllegalArgumentException slo = assertThrows(IllegalArgumentException.class,
                () -> GatewayMetrics.builder(registry).serviceLevelObjectives(Duration.ZERO).build());
        IllegalArgumentException cap = assertThrows(IllegalArgumentException.class,
                () -> GatewayMetrics.builder(registry).maxTagValues(0).build());

        assertTrue(slo.getMessage().startsWith("serviceLevelObjectives"), slo.getMessage());
        assertTrue(cap.getMessage().startsWith("maxTagValues"), cap.getMessage());
    }
}
