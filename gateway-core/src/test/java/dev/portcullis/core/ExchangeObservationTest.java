package dev.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.TraceContext;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.testing.FixedUpstreamClient;
import dev.portcullis.core.trace.TracePolicy;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What an exchange tells its listeners at the end, so that an access log needs no state of its own, and how it
 * carries its W3C trace context: to the stages, upstream, and into problem bodies.
 */
class ExchangeObservationTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00-" + TRACE + "-00f067aa0ba902b7-01";
    private static final Route API = Route.builder("api").path("/api/**").upstream("http://10.0.0.5:8080").build();
    private static final Interceptor DENY = Interceptor.named("Deny", chain -> CompletableFuture.completedFuture(
            GatewayResponse.problem(Problem.builder(ProblemTypes.FORBIDDEN, 403, "Forbidden").build())));

    private final List<ExchangeEvent> events = new CopyOnWriteArrayList<>();

    private Gateway.Builder gateway(FixedUpstreamClient client, Interceptor... afterRouting) {
        return Gateway.builder().pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(API)))
                        .addAll(List.of(afterRouting)).build())
                .upstreamClient(client).trustedProxies("192.0.2.0/24").listener(events::add);
    }

    private static IncomingRequest.Builder request(String method, String path) {
        return IncomingRequest.builder().method(method).rawPath(path).peerAddress("192.0.2.7").contentLength(0);
    }

    private static ExchangeEvent.Ended run(Gateway gateway, IncomingRequest incoming, List<ExchangeEvent> events) {
        Exchange exchange = gateway.open(incoming);
        GatewayResponse response = exchange.refusal().isPresent() ? null : exchange.run().join();
        exchange.end(response == null ? exchange.refusal().get().status() : response.status(), 7);
        return (ExchangeEvent.Ended) events.get(events.size() - 1);
    }

    @Test
    void theEndRepeatsTheUpstreamCallItsAnswerAndTheRequestBodyBytesTheGatewayRead() {
        IncomingRequest post = request("POST", "/api/orders").contentLength(5)
                .body(length -> Body.of("hello")).build();

        ExchangeEvent.Ended ended = run(gateway(FixedUpstreamClient.answering(201, "made")).build(), post, events);

        assertEquals(5, ended.bytesIn());
        assertEquals(7, ended.bytesOut());
        assertEquals(URI.create("http://10.0.0.5:8080"), ended.upstreamCalled().orElseThrow().instance());
        assertEquals("api", ended.upstreamCalled().orElseThrow().routeId());
        assertEquals(201, ended.upstreamAnswered().orElseThrow().status());
        assertEquals(Optional.empty(), ended.upstreamFailed());
        assertEquals(Optional.empty(), ended.answeredBy());
        assertEquals("POST", ended.started().method());
        assertEquals(ended.started().trace().orElseThrow().traceId(),
                ended.request().orElseThrow().attribute(TraceContext.ATTRIBUTE).orElseThrow().traceId());
    }

    @Test
    void theEndOfAnExchangeAStageAnsweredCarriesTheStageAndTheRequestItSawWithItsRoute() {
        ExchangeEvent.Ended ended = run(gateway(FixedUpstreamClient.answering(200, "x"), DENY).build(),
                request("GET", "/api/orders").build(), events);

        assertEquals("Deny", ended.answeredBy().orElseThrow().stage());
        assertEquals("api", ended.request().orElseThrow().attribute(Routing.MATCH).orElseThrow().route().id());
        assertEquals(Optional.empty(), ended.upstreamCalled());
    }

    @Test
    void theEndOfAFailedUpstreamCallCarriesTheFailure() {
        ExchangeEvent.Ended ended = run(gateway(FixedUpstreamClient.failing(new ConnectException("refused"))).build(),
                request("GET", "/api/orders").build(), events);

        assertEquals(502, ended.status());
        assertEquals(ProblemTypes.UPSTREAM_UNAVAILABLE, ended.upstreamFailed().orElseThrow().problemType());
        assertEquals(Optional.empty(), ended.upstreamAnswered());
    }

    @Test
    void theApplicationsExchangeReportsNoBytesOfItsOwnAndARefusedOneNoRequest() {
        Gateway gateway = gateway(FixedUpstreamClient.answering(200, "x")).build();
        Exchange application = gateway.open(request("GET", "/hello").build());
        application.run().join();
        application.passedToApplication();
        application.end(200, 99);
        ExchangeEvent.Ended served = (ExchangeEvent.Ended) events.get(events.size() - 1);

        ExchangeEvent.Ended refused = run(gateway, request("GET", "/a/../b").build(), events);

        assertEquals(-1, served.bytesIn());
        assertEquals(-1, served.bytesOut());
        assertEquals(Optional.empty(), refused.request());
        assertEquals("/a/../b", refused.started().rawPath());
        assertTrue(refused.started().trace().isPresent(), "a refused exchange has a trace too");
    }

    @Test
    void theUpstreamReceivesTheGatewaysHopInATrustedCallersTraceInsteadOfTheCallersHeaders() {
        FixedUpstreamClient upstream = FixedUpstreamClient.answering(200, "x");
        Gateway gateway = gateway(upstream).build();

        run(gateway, request("GET", "/api/a").headers(HttpHeaders.builder().add("traceparent", CALLER)
                .add("tracestate", "rojo=1").build()).build(), events);

        HttpHeaders sent = upstream.sent.get(0).headers();
        TraceContext forwarded = TraceContext.parse(sent.first("traceparent").orElseThrow(), null).orElseThrow();
        assertEquals(TRACE, forwarded.traceId());
        assertNotEquals("00f067aa0ba902b7", forwarded.spanId());
        assertEquals(List.of("rojo=1"), sent.all("tracestate"));
        assertEquals(1, sent.all("traceparent").size());
    }

    @Test
    void aStageThatReplacesTheTraceContextDecidesWhatTheUpstreamReceives() {
        FixedUpstreamClient upstream = FixedUpstreamClient.answering(200, "x");
        Interceptor childSpan = Interceptor.named("ChildSpan", chain -> chain.proceed(chain.request().withAttribute(
                TraceContext.ATTRIBUTE, chain.request().attribute(TraceContext.ATTRIBUTE).orElseThrow()
                        .withSpanId("b7ad6b7169203331"))));

        run(gateway(upstream, childSpan).build(), request("GET", "/api/a").build(), events);

        assertTrue(upstream.sent.get(0).headers().first("traceparent").orElseThrow().contains("-b7ad6b7169203331-"));
    }

    @Test
    void withTraceContextOffTheCallersHeadersPassThroughAndNoTraceIsKept() {
        FixedUpstreamClient upstream = FixedUpstreamClient.answering(200, "x");
        Gateway gateway = gateway(upstream).traceContext(TracePolicy.off()).build();

        ExchangeEvent.Ended ended = run(gateway, request("GET", "/api/a").headers(HttpHeaders.builder()
                .add("traceparent", CALLER).add("tracestate", "rojo=1").build()).build(), events);

        assertEquals(List.of(CALLER), upstream.sent.get(0).headers().all("traceparent"));
        assertEquals(List.of("rojo=1"), upstream.sent.get(0).headers().all("tracestate"));
        assertEquals(Optional.empty(), ended.started().trace());
        Exchange refused = gateway.open(request("GET", "/a/../b").build());
        assertFalse(body(refused.refusal().orElseThrow()).contains("traceId"));
    }

    @Test
    void problemBodiesCarryTheTraceIdAfterTheRequestId() {
        Gateway gateway = gateway(FixedUpstreamClient.answering(200, "x")).build();
        HttpHeaders traced = HttpHeaders.builder().add("traceparent", CALLER).build();

        Exchange refused = gateway.open(request("GET", "/a/../b").headers(traced).build());
        Exchange answered = gateway.open(request("GET", "/api/a").headers(traced).build());

        assertTrue(body(refused.refusal().orElseThrow()).contains(
                "\"requestId\":\"" + refused.id() + "\",\"traceId\":\"" + TRACE + "\""));
        assertTrue(body(answered.problem(Problem.builder(ProblemTypes.FORBIDDEN, 403, "Forbidden").build(),
                HttpHeaders.empty())).contains("\"traceId\":\"" + TRACE + "\""));
    }

    @Test
    void stagesSeeTheTraceContextAsATypedAttribute() {
        AtomicReference<TraceContext> seen = new AtomicReference<>();
        Interceptor look = Interceptor.named("Look", chain -> {
            seen.set(chain.request().attribute(TraceContext.ATTRIBUTE).orElseThrow());
            return chain.proceed(chain.request());
        });

        run(gateway(FixedUpstreamClient.answering(200, "x"), look).build(), request("GET", "/api/a")
                .headers(HttpHeaders.builder().add("traceparent", CALLER).build()).build(), events);

        assertEquals(TRACE, seen.get().traceId());
        assertEquals("00f067aa0ba902b7", seen.get().caller().orElseThrow().spanId());
    }

    private static String body(ProblemResponse problem) {
        return new String(problem.body(), StandardCharsets.UTF_8);
    }
}
