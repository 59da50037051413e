package dev.portcullis.core.internal.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.TraceContext;
import dev.portcullis.core.internal.net.IpLiterals;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.trace.TracePolicy;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each exchange's trace context under each policy, from trusted and untrusted callers. */
class TraceContextsTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final HttpHeaders CALLER = HttpHeaders.builder()
            .add("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01").add("tracestate", "rojo=1").build();
    private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8"));
    private static final InetAddress PROXY = IpLiterals.parse("10.1.2.3").orElseThrow();
    private static final InetAddress CLIENT = IpLiterals.parse("203.0.113.7").orElseThrow();
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    private static TraceContext contextFor(TracePolicy policy, HttpHeaders headers, InetAddress peer) {
        return TraceContexts.of(policy, PROXIES).contextFor(headers, peer);
    }

    @Test
    void aTrustedCallersTraceIsContinuedWithANewHopItsFlagsAndItsState() {
        TraceContext context = contextFor(TracePolicy.trust(), CALLER, PROXY);

        assertEquals(TRACE, context.traceId());
        assertNotEquals(CALLER_SPAN, context.spanId());
        assertTrue(SPAN_ID.matcher(context.spanId()).matches());
        assertTrue(context.sampled());
        assertEquals("rojo=1", context.traceState());
        assertEquals(CALLER_SPAN, context.caller().orElseThrow().spanId());
    }

    @Test
    void anUntrustedCallersTraceIsRestartedWithTheCallersKeptAsALinkAndItsStateDropped() {
        TraceContext context = contextFor(TracePolicy.trust(), CALLER, CLIENT);

        assertNotEquals(TRACE, context.traceId());
        assertTrue(TRACE_ID.matcher(context.traceId()).matches());
        assertEquals("", context.traceState());
        assertEquals(TRACE, context.caller().orElseThrow().traceId());
    }

    @Test
    void trustNamingItsOwnCallersTrustsThoseInsteadOfTheProxies() {
        TracePolicy policy = TracePolicy.trust("203.0.113.0/24");

        assertEquals(TRACE, contextFor(policy, CALLER, CLIENT).traceId());
        assertNotEquals(TRACE, contextFor(policy, CALLER, PROXY).traceId());
    }

    @Test
    void restartNeverContinuesEvenATrustedCallerButKeepsTheLink() {
        TraceContext context = contextFor(TracePolicy.restart(), CALLER, PROXY);

        assertNotEquals(TRACE, context.traceId());
        assertEquals(TRACE, context.caller().orElseThrow().traceId());
    }

    @Test
    void ignoreStartsAFreshTraceAndKeepsNothingOfTheCallers() {
        TraceContext context = contextFor(TracePolicy.ignore(), CALLER, PROXY);

        assertNotEquals(TRACE, context.traceId());
        assertEquals(Optional.empty(), context.caller());
        assertEquals("", context.traceState());
    }

    @Test
    void offGivesNoContextAtAll() {
        assertNull(contextFor(TracePolicy.off(), CALLER, PROXY));
    }

    @Test
    void twoTraceparentHeadersAreInvalidAndStartAFreshTrace() {
        HttpHeaders twice = CALLER.toBuilder().add("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-00").build();

        TraceContext context = contextFor(TracePolicy.trust(), twice, PROXY);

        assertNotEquals(TRACE, context.traceId());
        assertEquals(Optional.empty(), context.caller());
    }

    @Test
    void aRequestWithoutTraceHeadersGetsARandomTraceEveryTime() {
        long distinct = IntStream.range(0, 1000)
                .mapToObj(i -> contextFor(TracePolicy.trust(), HttpHeaders.empty(), PROXY).traceId())
                .distinct().count();

        assertEquals(1000, distinct);
    }

    @Test
    void theSampleRateDecidesTheSampledFlagOfNewTracesOnly() {
        assertTrue(contextFor(TracePolicy.trust(), HttpHeaders.empty(), PROXY).sampled());
        assertFalse(contextFor(TracePolicy.trust().withSampleRate(0), HttpHeaders.empty(), PROXY).sampled());
        assertTrue(contextFor(TracePolicy.trust().withSampleRate(0), CALLER, PROXY).sampled(),
                "a continued trace keeps its caller's flag");
        long sampled = IntStream.range(0, 4000)
                .filter(i -> contextFor(TracePolicy.ignore().withSampleRate(0.25), HttpHeaders.empty(), PROXY).sampled())
                .count();
        assertTrue(sampled > 800 && sampled < 1200, "about a quarter sampled: " + sampled);
    }

    @Test
    void aBadTrustedCallerOrSampleRateFailsNamingTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TracePolicy.trust("10.0.0.1/8"))
                .getMessage().startsWith("traceContext"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TracePolicy.trust().withSampleRate(1.5))
                .getMessage().startsWith("traceContext"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TracePolicy.trust().withSampleRate(Double.NaN))
                .getMessage().startsWith("traceContext"));
    }
}
