package dev.portcullis.otel;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeSpan;
import dev.portcullis.api.ExchangeTracer;
import dev.portcullis.api.LogSafe;
import dev.portcullis.api.TraceContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * Traces the gateway with OpenTelemetry: a {@code SERVER} span per exchange and a {@code CLIENT} span per upstream
 * try, through the OpenTelemetry API (the application brings the SDK, its sampler and exporter, or an agent). Give it
 * to the gateway as its tracer ({@code tracer(...)} on {@code Gateway.builder()} or {@code GatewayFilter.builder()});
 * the spans' ids are then the exchange's trace context everywhere: the access log, the MDC, problem bodies, and the
 * {@code traceparent} each upstream try receives, whose parent id is that try's client span.
 *
 * <ul>
 *   <li>The server span continues the caller's trace when the gateway's {@code TracePolicy} trusts the caller (its
 *       span is the parent); otherwise it starts a new trace, with the caller's context, when kept, as a link. The
 *       SDK's sampler decides for new traces.</li>
 *   <li>It is named {@code METHOD route-id} once a route matched, {@code METHOD} otherwise ({@code HTTP} for a method
 *       the conventions do not know), and carries the stable HTTP semantic-convention attributes and
 *       {@code portcullis.request.id}, {@code portcullis.route.id}, {@code portcullis.stage},
 *       {@code portcullis.outcome}. A stage that answers (a 401, a 429) adds the event
 *       {@code portcullis.stage.answered}; status {@code ERROR} for a 5xx or an exchange cut short.</li>
 *   <li>Each try's client span covers the try until its response is relayed to the end or dropped for a retry; a
 *       retry is a new span with {@code http.request.resend_count}.</li>
 * </ul>
 *
 * <pre>{@code
 * OpenTelemetryTracing tracing = OpenTelemetryTracing.create(openTelemetry);   // your SDK, or an agent's global
 * GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline).tracer(tracing).build();
 * }</pre>
 *
 * <p>Thread-safe; no per-exchange state outside the exchange's own span.
 */
public final class OpenTelemetryTracing implements ExchangeTracer {
    /** The instrumentation scope name of the gateway's spans. */
    public static final String SCOPE = "dev.portcullis.otel";

    private final Tracer tracer;

    private OpenTelemetryTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * @param openTelemetry the OpenTelemetry instance whose tracer provider makes the spans
     * @return a tracer for the gateway, under the instrumentation scope {@value #SCOPE}
     */
    public static OpenTelemetryTracing create(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        return new OpenTelemetryTracing(openTelemetry.getTracer(SCOPE));
    }

    @Override
    public ExchangeSpan start(ExchangeEvent.Started started) {
        TraceContext decided = started.trace().orElseThrow(() ->
                new IllegalArgumentException("started: the exchange has no trace context"));
        String method = SpanAttributes.method(started.method());
        SpanBuilder builder = tracer.spanBuilder(spanName(method, null))
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(SpanAttributes.HTTP_REQUEST_METHOD, method)
                .setAttribute(SpanAttributes.URL_PATH, LogSafe.value(started.rawPath()))
                .setAttribute(SpanAttributes.NETWORK_PEER_ADDRESS, started.peer().getHostAddress())
                .setAttribute(SpanAttributes.REQUEST_ID, started.requestId());
        if (method.equals(SpanAttributes.OTHER_METHOD)) {
            builder.setAttribute(SpanAttributes.HTTP_REQUEST_METHOD_ORIGINAL, LogSafe.value(started.method()));
        }
        Optional<TraceContext> caller = decided.caller();
        SpanContext parent = SpanContext.getInvalid();
        if (caller.isPresent() && caller.get().traceId().equals(decided.traceId())) {
            parent = SpanContexts.remote(caller.get());
            builder.setParent(Context.root().with(Span.wrap(parent)));
        } else {
            builder.setNoParent();
            caller.ifPresent(link -> builder.addLink(SpanContexts.remote(link)));
        }
        Span server = builder.startSpan();
        return new GatewaySpan(tracer, server, method, SpanContexts.of(server.getSpanContext(), parent, decided));
    }

    /** @return {@code METHOD route-id}, or {@code METHOD} unrouted, with {@code HTTP} for an unknown method */
    static String spanName(String method, String routeId) {
        String verb = method.equals(SpanAttributes.OTHER_METHOD) ? "HTTP" : method;
        return routeId == null ? verb : verb + ' ' + routeId;
    }

    @Override
    public String toString() {
        return "OpenTelemetryTracing[" + tracer + ']';
    }
}
