package dev.portcullis.otel;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeSpan;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.TraceContext;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Routing;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * One exchange's server span and the client span of its current upstream try. Tries never overlap, so one client
 * span is open at a time: it ends at its failure, at the next try (its answer was dropped for a retry) or at the end
 * of the exchange (its answer was relayed). Events after the end are ignored. Spans end outside the monitor, which
 * guards only the fields.
 */
final class GatewaySpan implements ExchangeSpan {
    private final Tracer tracer;
    private final Span server;
    private final String method;
    private final TraceContext context;
    private Span client;
    private int tries;
    private boolean ended;

    GatewaySpan(Tracer tracer, Span server, String method, TraceContext context) {
        this.tracer = tracer;
        this.server = server;
        this.method = method;
        this.context = context;
    }

    @Override
    public TraceContext context() {
        return context;
    }

    @Override
    public TraceContext upstreamTry(ExchangeEvent.UpstreamCalled called) {
        URI instance = called.instance();
        Span opened = tracer.spanBuilder(OpenTelemetryTracing.spanName(method, null))
                .setSpanKind(SpanKind.CLIENT)
                .setParent(Context.root().with(server))
                .setAttribute(SpanAttributes.HTTP_REQUEST_METHOD, method)
                .setAttribute(SpanAttributes.SERVER_ADDRESS, instance.getHost())
                .setAttribute(SpanAttributes.SERVER_PORT, (long) port(instance))
                .setAttribute(SpanAttributes.URL_SCHEME, instance.getScheme())
                .setAttribute(SpanAttributes.ROUTE_ID, called.routeId())
                .startSpan();
        Span previous;
        synchronized (this) {
            if (ended) {
                previous = opened;
            } else {
                previous = client;
                client = opened;
                if (tries > 0) {
                    opened.setAttribute(SpanAttributes.HTTP_REQUEST_RESEND_COUNT, (long) tries);
                }
                tries++;
            }
        }
        if (previous != null) {
            previous.end();
        }
        return SpanContexts.of(opened.getSpanContext(), server.getSpanContext(), context);
    }

    @Override
    public void onEvent(ExchangeEvent event) {
        if (event instanceof ExchangeEvent.StageAnswered answered) {
            AttributesBuilder attributes = Attributes.builder()
                    .put(SpanAttributes.STAGE, answered.stage())
                    .put(SpanAttributes.HTTP_RESPONSE_STATUS_CODE, (long) answered.status());
            answered.problemType().ifPresent(type -> attributes.put(SpanAttributes.PROBLEM_TYPE, type));
            server.addEvent(SpanAttributes.STAGE_ANSWERED, attributes.build());
            server.setAttribute(SpanAttributes.STAGE, answered.stage());
        } else if (event instanceof ExchangeEvent.UpstreamAnswered answered) {
            Span current = current();
            if (current != null) {
                current.setAttribute(SpanAttributes.HTTP_RESPONSE_STATUS_CODE, (long) answered.status());
                if (answered.status() >= 400) {
                    current.setAttribute(SpanAttributes.ERROR_TYPE, Integer.toString(answered.status()));
                    current.setStatus(StatusCode.ERROR);
                }
            }
        } else if (event instanceof ExchangeEvent.UpstreamFailed failed) {
            Span current = take();
            if (current != null) {
                current.setAttribute(SpanAttributes.ERROR_TYPE, SpanAttributes.errorType(failed.problemType()));
                current.setStatus(StatusCode.ERROR);
                current.end();
            }
        } else if (event instanceof ExchangeEvent.UpstreamShed shed) {
            server.addEvent(SpanAttributes.UPSTREAM_SHED, Attributes.of(SpanAttributes.ROUTE_ID, shed.routeId(),
                    SpanAttributes.SHED_REASON, shed.reason().name().toLowerCase(Locale.ROOT)));
        } else if (event instanceof ExchangeEvent.Ended end) {
            ended(end);
        }
    }

    private synchronized Span current() {
        return client;
    }

    private synchronized Span take() {
        Span current = client;
        client = null;
        return current;
    }

    private void ended(ExchangeEvent.Ended end) {
        Span last;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            last = client;
            client = null;
        }
        if (last != null) {
            last.end();
        }
        end.request().ifPresent(this::describe);
        if (end.status() > 0) {
            server.setAttribute(SpanAttributes.HTTP_RESPONSE_STATUS_CODE, (long) end.status());
        }
        String outcome = end.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-');
        server.setAttribute(SpanAttributes.OUTCOME, outcome);
        boolean cut = end.outcome() == ExchangeEvent.Outcome.CLIENT_GONE
                || end.outcome() == ExchangeEvent.Outcome.UPSTREAM_FAILED;
        if (cut || end.status() >= 500) {
            server.setAttribute(SpanAttributes.ERROR_TYPE, cut ? outcome : Integer.toString(end.status()));
            server.setStatus(StatusCode.ERROR);
        }
        server.end();
    }

    /** Adds what the request learnt on its way: the scheme and client address intake resolved, the route. */
    private void describe(GatewayRequest request) {
        server.setAttribute(SpanAttributes.URL_SCHEME, request.scheme());
        server.setAttribute(SpanAttributes.CLIENT_ADDRESS, request.clientAddress().getHostAddress());
        Optional<RouteMatch> match = request.attribute(Routing.MATCH);
        if (match.isPresent()) {
            server.setAttribute(SpanAttributes.HTTP_ROUTE, match.get().route().pathPattern());
            server.setAttribute(SpanAttributes.ROUTE_ID, match.get().route().id());
            server.updateName(OpenTelemetryTracing.spanName(method, match.get().route().id()));
        }
    }

    private static int port(URI instance) {
        if (instance.getPort() >= 0) {
            return instance.getPort();
        }
        return "https".equalsIgnoreCase(instance.getScheme()) ? 443 : 80;
    }
}
