package dev.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeSpan;
import dev.portcullis.api.ExchangeTracer;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The tracer seam: the span a tracer opens is the exchange's trace context everywhere (events, stages, problem
 * bodies), each upstream try sends the try's own context, and a tracer that fails never fails a request.
 */
class ExchangeTracerTest {
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00-" + CALLER_TRACE + "-00f067aa0ba902b7-01";
    private static final TraceContext SERVER_SPAN = TraceContext.of("0af7651916cd43dd8448eb211c80319c",
            "aaaaaaaaaaaaaaaa", TraceContext.SAMPLED, "");
    private static final TraceContext TRY_SPAN = SERVER_SPAN.withSpanId("bbbbbbbbbbbbbbbb");
    private static final Route API = Route.builder("api").path("/api/**").upstream("http://10.0.0.5:8080").build();

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final AtomicReference<ExchangeEvent.Started> opened = new AtomicReference<>();
    private final AtomicReference<TraceContext> seenByStage = new AtomicReference<>();

    /** A span that records what it hears and gives the fixed contexts above. */
    private final ExchangeTracer tracer = started -> {
        opened.set(started);
        return new ExchangeSpan() {
            @Override
            public TraceContext context() {
                return SERVER_SPAN;
            }

            @Override
            public TraceContext upstreamTry(ExchangeEvent.UpstreamCalled called) {
                heard.add("try");
                return TRY_SPAN;
            }

            @Override
            public void onEvent(ExchangeEvent event) {
                heard.add(event.getClass().getSimpleName());
            }
        };
    };

    private Gateway gateway(FixedUpstreamClient upstream, ExchangeTracer tracer) {
        Interceptor look = Interceptor.named("Look", chain -> {
            seenByStage.set(chain.request().attribute(TraceContext.ATTRIBUTE).orElseThrow());
            return chain.proceed(chain.request());
        });
        return Gateway.builder().pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(API))).add(look)
                        .build())
                .upstreamClient(upstream).trustedProxies("192.0.2.0/24").tracer(tracer).build();
    }

    private static GatewayResponse run(Gateway gateway) {
        Exchange exchange = gateway.open(IncomingRequest.builder().method("GET").rawPath("/api/a")
                .peerAddress("192.0.2.7").contentLength(0)
                .headers(HttpHeaders.builder().add("traceparent", CALLER).build()).build());
        GatewayResponse response = exchange.run().join();
        exchange.end(response.status(), 1);
        return response;
    }

    @Test
    void theTracersSpanIsTheExchangesContextAndEachTrySendsItsOwn() {
        FixedUpstreamClient upstream = FixedUpstreamClient.answering(200, "x");

        run(gateway(upstream, tracer));

        assertEquals(CALLER_TRACE, opened.get().trace().orElseThrow().traceId(), "the policy's decision is offered");
        assertEquals(SERVER_SPAN, seenByStage.get());
        assertEquals(List.of(TRY_SPAN.traceparent()), upstream.sent.get(0).headers().all("traceparent"));
        assertEquals(List.of("Started", "try", "UpstreamCalled", "UpstreamAnswered", "Ended"), heard);
    }

    @Test
    void problemBodiesCarryTheSpansTraceId() {
        Gateway gateway = gateway(FixedUpstreamClient.answering(200, "x"), tracer);

        Exchange refused = gateway.open(IncomingRequest.builder().method("GET").rawPath("/a/../b")
                .peerAddress("192.0.2.7").contentLength(0).build());

        String body = new String(refused.refusal().orElseThrow().body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"traceId\":\"" + SERVER_SPAN.traceId() + "\""), body);
        Exchange answered = gateway.open(IncomingRequest.builder().method("GET").rawPath("/api/a")
                .peerAddress("192.0.2.7").contentLength(0).build());
        assertTrue(new String(answered.problem(Problem.builder(ProblemTypes.FORBIDDEN, 403, "Forbidden").build(),
                HttpHeaders.empty()).body(), StandardCharsets.UTF_8).contains(SERVER_SPAN.traceId()));
    }

    @Test
    void aTracerThatThrowsLeavesTheExchangeWithThePolicysContext() {
        FixedUpstreamClient upstream = FixedUpstreamClient.answering(200, "x");

        GatewayResponse response = run(gateway(upstream, started -> {
            throw new IllegalStateException("broken tracer");
        }));

        assertEquals(200, response.status());
        assertEquals(CALLER_TRACE, seenByStage.get().traceId());
        assertEquals(List.of(seenByStage.get().traceparent()), upstream.sent.get(0).headers().all("traceparent"));
    }

    @Test
    void aSpanThatFailsToOpenATrySendsTheTryWithTheExchangesContext() {
        FixedUpstreamClient upstream = FixedUpstreamClient.answering(200, "x");
        ExchangeTracer failingTries = started -> new ExchangeSpan() {
            @Override
            public TraceContext context() {
                return SERVER_SPAN;
            }

            @Override
            public TraceContext upstreamTry(ExchangeEvent.UpstreamCalled called) {
                throw new IllegalStateException("broken span");
            }

            @Override
            public void onEvent(ExchangeEvent event) {
            }
        };

        GatewayResponse response = run(gateway(upstream, failingTries));

        assertEquals(200, response.status());
        assertEquals(SERVER_SPAN.traceparent(), upstream.sent.get(0).headers().first("traceparent").orElseThrow());
    }
}
