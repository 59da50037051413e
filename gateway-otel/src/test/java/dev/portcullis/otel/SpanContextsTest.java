package dev.portcullis.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.portcullis.api.TraceContext;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;

/** The translation between the gateway's trace context and OpenTelemetry's span context. */
class SpanContextsTest {
    private static final TraceContext CALLER = TraceContext.of("4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7", TraceContext.SAMPLED, "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");

    @Test
    void aTraceStateKeepsItsMembersInOrderBothWays() {
        TraceState state = SpanContexts.traceState(CALLER.traceState());

        assertEquals("t61rcWkgMzE", state.get("congo"));
        assertEquals(CALLER.traceState(), SpanContexts.w3c(state));
        assertEquals("", SpanContexts.w3c(TraceState.getDefault()));
    }

    @Test
    void aSpanOfItsOwnBecomesTheContextKeepingTheCaller() {
        TraceContext decided = CALLER.withSpanId("1111111111111111").withCaller(CALLER);
        SpanContext span = SpanContext.create(CALLER.traceId(), "2222222222222222", TraceFlags.getSampled(),
                SpanContexts.traceState(CALLER.traceState()));

        TraceContext context = SpanContexts.of(span, SpanContexts.remote(CALLER), decided);

        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-2222222222222222-01", context.traceparent());
        assertEquals(CALLER.traceState(), context.traceState());
        assertEquals(CALLER, context.caller().orElseThrow());
    }

    @Test
    void withoutAnSdkTheGatewayKeepsItsOwnContext() {
        TraceContext decided = CALLER.withSpanId("1111111111111111").withCaller(CALLER);
        SpanContext parent = SpanContexts.remote(CALLER);

        assertEquals(decided, SpanContexts.of(parent, parent, decided), "the no-op tracer hands back the parent");
        assertEquals(decided, SpanContexts.of(SpanContext.getInvalid(), SpanContext.getInvalid(), decided));
        assertNotEquals(decided, SpanContexts.of(SpanContext.create(CALLER.traceId(), "2222222222222222",
                TraceFlags.getSampled(), TraceState.getDefault()), parent, decided));
    }
}
