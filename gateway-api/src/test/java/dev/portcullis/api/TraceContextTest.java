package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** W3C Trace Context as a receiver reads it and a sender writes it. */
class TraceContextTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";
    private static final String HEADER = "00-" + TRACE + "-" + SPAN + "-01";

    @Test
    void aValidTraceparentIsReadIntoItsTraceIdSpanIdAndFlags() {
        TraceContext context = TraceContext.parse(HEADER, null).orElseThrow();

        assertEquals(TRACE, context.traceId());
        assertEquals(SPAN, context.spanId());
        assertTrue(context.sampled());
        assertEquals("", context.traceState());
        assertEquals(Optional.empty(), context.caller());
        assertEquals(HEADER, context.traceparent());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",      // upper-case hex
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",      // all-zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",      // all-zero parent id
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",      // forbidden version
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",    // version 00 is exactly 55 characters
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",     // a later version's extra part follows a dash
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",       // short trace id
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",      // wrong separators
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",      // flags not hex
        "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",      // version not hex
        ""
    })
    void anInvalidTraceparentIsReadAsNone(String header) {
        assertEquals(Optional.empty(), TraceContext.parse(header, "rojo=1"));
    }

    @Test
    void aLaterVersionIsReadForItsFirstFourFieldsAndWrittenAsVersion00() {
        TraceContext context = TraceContext.parse("cc-" + TRACE + "-" + SPAN + "-01-what-the-future-holds", null)
                .orElseThrow();

        assertEquals(HEADER, context.traceparent());
    }

    @Test
    void onlyTheSampledAndRandomFlagsAreKept() {
        assertEquals(0x03, TraceContext.parse("00-" + TRACE + "-" + SPAN + "-ff", null).orElseThrow().flags());
        assertFalse(TraceContext.parse("00-" + TRACE + "-" + SPAN + "-02", null).orElseThrow().sampled());
    }

    @Test
    void aValidTracestateIsKeptWithoutBlankMembers() {
        TraceContext context = TraceContext.parse(HEADER, " rojo=00f067aa0ba902b7 ,, congo=t61rcWkgMzE,tenant@vendor=x")
                .orElseThrow();

        assertEquals("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,tenant@vendor=x", context.traceState());
    }

    @Test
    void anInvalidOrOversizedTracestateIsDroppedAndTheTraceparentKept() {
        String tooMany = IntStream.rangeClosed(1, 33).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining(","));
        String tooLong = IntStream.rangeClosed(1, 3).mapToObj(i -> "k" + i + "=" + "v".repeat(200))
                .collect(Collectors.joining(","));

        for (String state : new String[] {"Rojo=1", "rojo", "rojo=1\r\nX-Evil: 1", "rojo=a,b", tooMany, tooLong}) {
            TraceContext context = TraceContext.parse(HEADER, state).orElseThrow();
            assertEquals("", context.traceState(), state);
            assertEquals(TRACE, context.traceId());
        }
    }

    @Test
    void aChildHopKeepsTheTraceStateAndFlagsAndRemembersItsCaller() {
        TraceContext caller = TraceContext.parse(HEADER, "rojo=1").orElseThrow();

        TraceContext hop = caller.withSpanId("b7ad6b7169203331").withCaller(caller);

        assertEquals("00-" + TRACE + "-b7ad6b7169203331-01", hop.traceparent());
        assertEquals("rojo=1", hop.traceState());
        assertEquals(Optional.of(caller), hop.caller());
    }

    @Test
    void buildingAContextFromInvalidValuesFailsNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TraceContext.of("abc", SPAN, 1, ""))
                .getMessage().startsWith("traceId"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TraceContext.of(TRACE, "0".repeat(16), 1, ""))
                .getMessage().startsWith("spanId"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TraceContext.of(TRACE, SPAN, 256, ""))
                .getMessage().startsWith("flags"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TraceContext.of(TRACE, SPAN, 1, "a b"))
                .getMessage().startsWith("traceState"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TraceContext.parse(HEADER, null).orElseThrow()
                .withSpanId("XYZ")).getMessage().startsWith("spanId"));
    }

    @Test
    void theFlagsAreWrittenAsTwoLowerCaseHexDigits() {
        assertTrue(TraceContext.of(TRACE, SPAN, 0, "").traceparent().endsWith("-00"));
        assertTrue(TraceContext.of(TRACE, SPAN, 3, "").traceparent().endsWith("-03"));
    }
}
