package dev.portcullis.otel;

import dev.portcullis.api.TraceContext;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.ArrayList;
import java.util.List;

/** Translates between the gateway's {@link TraceContext} and OpenTelemetry's {@link SpanContext}. */
final class SpanContexts {
    private SpanContexts() {
    }

    /** @return the context a caller sent, as the remote parent or link of a span */
    static SpanContext remote(TraceContext caller) {
        return SpanContext.createFromRemoteParent(caller.traceId(), caller.spanId(),
                TraceFlags.fromByte((byte) caller.flags()), traceState(caller.traceState()));
    }

    /**
     * @param span the context of a span just started
     * @param parent the context it was started under ({@link SpanContext#getInvalid()} for a root)
     * @param fallback the context to keep when the span has no ids of its own (no SDK installed: the API's no-op
     *     tracer hands back the parent's context, or an invalid one)
     * @return the span's ids as a gateway trace context, with the fallback's caller
     */
    static TraceContext of(SpanContext span, SpanContext parent, TraceContext fallback) {
        if (!span.isValid() || span.getSpanId().equals(parent.getSpanId())) {
            return fallback;
        }
        String state = w3c(span.getTraceState());
        TraceContext context;
        try {
            context = TraceContext.of(span.getTraceId(), span.getSpanId(), span.getTraceFlags().asByte() & 0xff, state);
        } catch (IllegalArgumentException e) {
            context = TraceContext.of(span.getTraceId(), span.getSpanId(), span.getTraceFlags().asByte() & 0xff, "");
        }
        return fallback.caller().map(context::withCaller).orElse(context);
    }

    /** @return a W3C {@code tracestate} list as OpenTelemetry's trace state, members in the same order */
    static TraceState traceState(String list) {
        if (list.isEmpty()) {
            return TraceState.getDefault();
        }
        String[] members = list.split(",");
        TraceStateBuilder builder = TraceState.builder();
        for (int i = members.length - 1; i >= 0; i--) {
            int equals = members[i].indexOf('=');
            builder.put(members[i].substring(0, equals), members[i].substring(equals + 1));
        }
        return builder.build();
    }

    /** @return OpenTelemetry's trace state as a W3C {@code tracestate} list, {@code ""} when empty */
    static String w3c(TraceState state) {
        List<String> members = new ArrayList<>(state.size());
        state.forEach((key, value) -> members.add(key + '=' + value));
        return String.join(",", members);
    }
}
