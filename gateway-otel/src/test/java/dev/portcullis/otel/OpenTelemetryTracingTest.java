package dev.portcullis.otel;

import static dev.portcullis.test.ProblemAssert.assertThatProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.accesslog.AccessLog;
import dev.portcullis.core.accesslog.AccessLogEntry;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.resilience.Retries;
import dev.portcullis.core.trace.TracePolicy;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.test.Answer;
import dev.portcullis.test.Container;
import dev.portcullis.test.GatewayExtension;
import dev.portcullis.test.RecordedRequest;
import dev.portcullis.test.RecordingUpstream;
import dev.portcullis.test.RunningGateway;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real GatewayFilter with {@link OpenTelemetryTracing} in Jetty and Tomcat, in front of a real upstream, exporting
 * to the SDK's in-memory exporter: the spans, their parents, what the upstream receives, and one trace id in the
 * spans, the access log and problem bodies.
 */
class OpenTelemetryTracingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String CALLER = "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01";
    private static final FinishedSpans SPANS = new FinishedSpans();
    /** Access log entries by request id, as the access log's writer formats them. */
    private static final Map<String, AccessLogEntry> LOGGED = new ConcurrentHashMap<>();

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.create();

    @RegisterExtension
    static final GatewayExtension GATEWAY = GatewayExtension.builder()
            .filter(() -> GatewayFilter.builder()
                    .pipeline(pipeline())
                    .trustedProxies("127.0.0.1/32")
                    .accessLog(AccessLog.builder().format(entry -> {
                        LOGGED.put(entry.requestId(), entry);
                        return entry.requestId();
                    }).build())
                    .tracer(OpenTelemetryTracing.create(SPANS.openTelemetry()))
                    .build())
            .build();

    /** The same gateway, restarting every caller's trace. */
    @RegisterExtension
    static final GatewayExtension RESTARTING = GatewayExtension.builder()
            .filter(() -> GatewayFilter.builder()
                    .pipeline(pipeline())
                    .trustedProxies("127.0.0.1/32")
                    .traceContext(TracePolicy.restart())
                    .tracer(OpenTelemetryTracing.create(SPANS.openTelemetry()))
                    .build())
            .build();

    private static Pipeline pipeline() {
        RateLimitPolicy once = RateLimitPolicy.builder("once").limit(Limit.greedy("once", 1, Duration.ofHours(1)))
                .build();
        return Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(
                        Route.builder("orders").path("/api/orders/**").upstream(UPSTREAM.baseUri()).build(),
                        Route.builder("flaky").path("/flaky/**").upstream(UPSTREAM.baseUri())
                                .metadata(Resilience.KEY, Resilience.builder().retries(Retries.builder()
                                        .statuses(503).maxRetries(1)
                                        .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build()).build())
                                .build(),
                        Route.builder("limited").path("/limited/**").upstream(UPSTREAM.baseUri())
                                .metadata(RateLimitPolicy.ROUTE, once).build())))
                .add(RateLimiting.interceptor(PolicyRateLimiter.builder(LocalBucketStore.builder().build())
                        .routes(RouteTable.of()).build()))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aProxiedRequestIsAServerSpanWhoseClientSpanTheUpstreamSeesAsItsParent(Container container)
            throws Exception {
        HttpResponse<String> response = GATEWAY.in(container).get("/api/orders/7?token=secret");

        assertEquals(200, response.statusCode());
        SpanData server = SPANS.awaitServer(requestId(response));
        assertEquals(SpanKind.SERVER, server.getKind());
        assertEquals("GET orders", server.getName());
        assertFalse(server.getParentSpanContext().isValid(), "a new trace: the caller sent no traceparent");
        assertEquals("GET", server.getAttributes().get(SpanAttributes.HTTP_REQUEST_METHOD));
        assertEquals("/api/orders/7", server.getAttributes().get(SpanAttributes.URL_PATH));
        assertEquals("http", server.getAttributes().get(SpanAttributes.URL_SCHEME));
        assertEquals("/api/orders/**", server.getAttributes().get(SpanAttributes.HTTP_ROUTE));
        assertEquals(200L, server.getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("127.0.0.1", server.getAttributes().get(SpanAttributes.CLIENT_ADDRESS));
        assertEquals("127.0.0.1", server.getAttributes().get(SpanAttributes.NETWORK_PEER_ADDRESS));
        assertEquals("orders", server.getAttributes().get(SpanAttributes.ROUTE_ID));
        assertEquals("completed", server.getAttributes().get(SpanAttributes.OUTCOME));
        assertEquals(StatusCode.UNSET, server.getStatus().getStatusCode());

        List<SpanData> clients = SPANS.clientsOf(server.getTraceId());
        assertEquals(1, clients.size());
        SpanData client = clients.get(0);
        assertEquals(server.getSpanId(), client.getParentSpanId());
        assertEquals("GET", client.getName());
        assertEquals("127.0.0.1", client.getAttributes().get(SpanAttributes.SERVER_ADDRESS));
        assertEquals((long) UPSTREAM.port(), client.getAttributes().get(SpanAttributes.SERVER_PORT));
        assertEquals(200L, client.getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertNull(client.getAttributes().get(SpanAttributes.HTTP_REQUEST_RESEND_COUNT));

        RecordedRequest forwarded = UPSTREAM.awaitRequests(1, WAIT).get(0);
        assertEquals(Optional.of(traceparent(client)), forwarded.headers().first("traceparent"));
        assertEquals(Optional.of(server.getTraceId()), logged(requestId(response)).traceId());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aTrustedCallersTraceIsContinuedWithTheCallersSpanAsParentAndItsStateForwarded(Container container)
            throws Exception {
        HttpResponse<String> response = GATEWAY.in(container).get("/api/orders/8",
                "traceparent", CALLER, "tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");

        SpanData server = SPANS.awaitServer(requestId(response));
        assertEquals(CALLER_TRACE, server.getTraceId());
        assertEquals(CALLER_SPAN, server.getParentSpanId());
        assertTrue(server.getParentSpanContext().isRemote());
        SpanData client = SPANS.clientsOf(CALLER_TRACE).stream()
                .filter(span -> span.getParentSpanId().equals(server.getSpanId())).findFirst().orElseThrow();
        RecordedRequest forwarded = UPSTREAM.awaitRequests(1, WAIT).get(0);
        assertEquals(Optional.of("00-" + CALLER_TRACE + "-" + client.getSpanId() + "-01"),
                forwarded.headers().first("traceparent"), "the caller's flags: sampled");
        assertEquals(Optional.of("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"), forwarded.headers().first("tracestate"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aRestartedTraceIsANewRootLinkedToTheCallersSpan(Container container) throws Exception {
        HttpResponse<String> response = RESTARTING.in(container).get("/api/orders/8", "traceparent", CALLER);

        SpanData server = SPANS.awaitServer(requestId(response));
        assertFalse(server.getParentSpanContext().isValid());
        assertNotEquals(CALLER_TRACE, server.getTraceId());
        assertEquals(1, server.getLinks().size());
        assertEquals(CALLER_TRACE, server.getLinks().get(0).getSpanContext().getTraceId());
        assertEquals(CALLER_SPAN, server.getLinks().get(0).getSpanContext().getSpanId());
        SpanData client = SPANS.clientsOf(server.getTraceId()).get(0);
        assertEquals(Optional.of(traceparent(client)),
                UPSTREAM.awaitRequests(1, WAIT).get(0).headers().first("traceparent"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void eachTryIsAClientSpanOfItsOwnAndTheUpstreamSeesEachTrysIdAsParent(Container container) throws Exception {
        UPSTREAM.enqueue(Answer.of(503), Answer.ok());

        HttpResponse<String> response = GATEWAY.in(container).get("/flaky/x");

        assertEquals(200, response.statusCode());
        SpanData server = SPANS.awaitServer(requestId(response));
        assertEquals("GET flaky", server.getName());
        List<SpanData> clients = SPANS.clientsOf(server.getTraceId());
        assertEquals(2, clients.size());
        assertEquals(503L, clients.get(0).getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(StatusCode.ERROR, clients.get(0).getStatus().getStatusCode());
        assertEquals(1L, clients.get(1).getAttributes().get(SpanAttributes.HTTP_REQUEST_RESEND_COUNT));
        assertEquals(200L, clients.get(1).getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE));
        List<RecordedRequest> tries = UPSTREAM.awaitRequests(2, WAIT);
        for (int i = 0; i < 2; i++) {
            assertEquals(server.getSpanId(), clients.get(i).getParentSpanId());
            assertEquals(Optional.of(traceparent(clients.get(i))), tries.get(i).headers().first("traceparent"),
                    "try " + (i + 1));
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aRateLimitedRequestIsAServerSpanWithTheStagesEventAndItsTraceIdInTheProblem(Container container)
            throws Exception {
        RunningGateway gateway = GATEWAY.in(container);
        assertEquals(200, gateway.get("/limited/a").statusCode());

        HttpResponse<String> limited = gateway.get("/limited/a");

        assertThatProblem(limited).hasStatus(429).hasType(ProblemTypes.RATE_LIMITED);
        SpanData server = SPANS.awaitServer(requestId(limited));
        assertEquals("GET limited", server.getName());
        assertEquals("RateLimiting", server.getAttributes().get(SpanAttributes.STAGE));
        assertEquals(429L, server.getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(StatusCode.UNSET, server.getStatus().getStatusCode(), "a 4xx is not a server error");
        EventData event = server.getEvents().stream()
                .filter(e -> e.getName().equals(SpanAttributes.STAGE_ANSWERED)).findFirst().orElseThrow();
        assertEquals("RateLimiting", event.getAttributes().get(SpanAttributes.STAGE));
        assertEquals(429L, event.getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(ProblemTypes.RATE_LIMITED, event.getAttributes().get(SpanAttributes.PROBLEM_TYPE));
        assertTrue(SPANS.clientsOf(server.getTraceId()).isEmpty(), "no upstream was called");
        assertThatProblem(limited).hasMember("traceId", server.getTraceId());
        assertEquals(Optional.of(server.getTraceId()), logged(requestId(limited)).traceId());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void anUpstreamThatResetsIsAnErrorOnTheClientSpanAndA502OnTheServerSpan(Container container)
            throws Exception {
        UPSTREAM.answer(Answer.reset());

        HttpResponse<String> response = GATEWAY.in(container).get("/api/orders/9");

        assertThatProblem(response).hasStatus(502);
        SpanData server = SPANS.awaitServer(requestId(response));
        assertEquals(StatusCode.ERROR, server.getStatus().getStatusCode());
        assertEquals("502", server.getAttributes().get(SpanAttributes.ERROR_TYPE));
        SpanData client = SPANS.clientsOf(server.getTraceId()).get(0);
        assertEquals(StatusCode.ERROR, client.getStatus().getStatusCode());
        assertEquals("upstream-unavailable", client.getAttributes().get(SpanAttributes.ERROR_TYPE));
        assertThatProblem(response).hasMember("traceId", server.getTraceId());
    }

    @AfterEach
    void theUpstreamAnswersOkAgain() {
        UPSTREAM.reset();
    }

    /** @return the traceparent naming a span as parent: its trace, its id, its flags (sampled, random) */
    private static String traceparent(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    /** @return the access log entry of a request, once the writer formatted it */
    private static AccessLogEntry logged(String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        AccessLogEntry entry;
        while ((entry = LOGGED.get(requestId)) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no access log entry for " + requestId);
            }
            Thread.sleep(5);
        }
        return entry;
    }
}
