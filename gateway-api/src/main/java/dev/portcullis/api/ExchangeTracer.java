package dev.portcullis.api;

/**
 * Opens a span of a tracing system (OpenTelemetry, say) for every exchange, so that the ids the gateway logs, puts in
 * problem bodies and sends upstream are that system's. An {@link ExchangeListener} cannot do this: it hears what
 * happened but cannot choose the ids the engine uses, and a tracing API chooses its span ids itself.
 *
 * <p>Contract: the gateway calls {@link #start} once per exchange that has a trace context (not under
 * {@code TracePolicy.off()}), on the container thread that opens the exchange, before anything else happens to it:
 * the returned span's {@link ExchangeSpan#context()} becomes the exchange's {@link TraceContext} (request attribute,
 * MDC, access log, problem bodies, {@link ExchangeEvent.Started}), the span hears the exchange's events like a
 * listener, and {@link ExchangeSpan#upstreamTry} gives each upstream try its own {@code traceparent}. Thread-safe,
 * quick, no I/O. A tracer that throws is logged and the exchange goes on untraced, with the policy's context.
 *
 * <pre>{@code
 * ExchangeTracer tracer = OpenTelemetryTracing.create(openTelemetry);      // gateway-otel
 * GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline).tracer(tracer).build();
 * }</pre>
 */
@FunctionalInterface
public interface ExchangeTracer {
    /**
     * @param started the exchange as it opens; its {@link ExchangeEvent.Started#trace() trace} is the context the
     *     gateway's trace policy decided (continued from a trusted caller, whose context is then its
     *     {@link TraceContext#caller() caller} with the same trace id, or a new trace)
     * @return the exchange's span
     */
    ExchangeSpan start(ExchangeEvent.Started started);
}
