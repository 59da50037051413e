package dev.portcullis.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.TraceContext;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.trace.TracePolicy;
import io.opentelemetry.api.OpenTelemetry;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Switching tracing on: what the settings refuse, and what tracing does without an SDK. */
class TracerSettingsTest {
    @Test
    void aTracerWithTraceContextSwitchedOffFailsTheBuildNamingTheSetting() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> Gateway.builder()
                .pipeline(Pipeline.builder().build())
                .traceContext(TracePolicy.off())
                .tracer(OpenTelemetryTracing.create(OpenTelemetry.noop()))
                .build());

        assertTrue(failure.getMessage().startsWith("tracer: "), failure.getMessage());
    }

    @Test
    void withTheNoOpApiTheExchangeKeepsTheContextThePolicyDecided() {
        TraceContext decided = TraceContext.of("4bf92f3577b34da6a3ce929d0e0e4736", "1111111111111111",
                TraceContext.SAMPLED, "");
        ExchangeEvent.Started started = new ExchangeEvent.Started("r1", "GET", "/", InetAddress.getLoopbackAddress(),
                System.nanoTime(), Optional.of(decided));

        assertEquals(decided, OpenTelemetryTracing.create(OpenTelemetry.noop()).start(started).context());
    }
}
