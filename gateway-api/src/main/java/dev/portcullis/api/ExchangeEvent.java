package dev.portcullis.api;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link ExchangeListener} hears. Every event names its exchange by {@link #requestId()}; the kinds form a
 * closed family:
 * <ul>
 *   <li>{@link Started}: the gateway admitted a request and read its head (always first);</li>
 *   <li>{@link StageAnswered}: a pipeline stage answered the request itself instead of passing it on (a 401, a 429,
 *       a CORS preflight);</li>
 *   <li>{@link UpstreamCalled}, then {@link UpstreamAnswered} or {@link UpstreamFailed}: the proxy sent the request
 *       to an upstream instance and got response headers, or did not; a retry repeats the three;</li>
 *   <li>{@link UpstreamShed}: the proxy refused to call the route's upstream at all (no healthy instance, or the
 *       route's concurrency caps are reached) and answered 503 itself;</li>
 *   <li>{@link Ended}: the exchange is over (always last, exactly once).</li>
 * </ul>
 * Values come from the gateway, never raw from the wire beyond what {@link GatewayRequest} already holds, so tag
 * values drawn from configured names (route ids, stage names) have bounded cardinality.
 */
public sealed interface ExchangeEvent {
    /** @return the id of the exchange this event belongs to, as in {@code X-Request-Id} */
    String requestId();

    /**
     * The gateway admitted a request and read its head. Emitted for every admitted request, also one the gateway
     * then refuses at once (an ambiguous path, a bad method).
     *
     * @param requestId the exchange
     * @param method the request method, as sent (not yet checked: pass it through {@link LogSafe} before logging)
     * @param rawPath the raw path, still percent-encoded, without the query (not yet checked either)
     * @param peer the socket peer
     * @param startNanos {@link System#nanoTime()} when the exchange started
     * @param trace the exchange's trace context (also on the request under {@link TraceContext#ATTRIBUTE}), empty
     *     when trace context is switched off
     */
    record Started(String requestId, String method, String rawPath, InetAddress peer, long startNanos,
                   Optional<TraceContext> trace) implements ExchangeEvent {
        /** Checks the values. */
        public Started {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(rawPath, "rawPath");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(trace, "trace");
        }
    }

    /**
     * A pipeline stage answered the request itself.
     *
     * @param requestId the exchange
     * @param stage the stage's {@link Interceptor#name() name}
     * @param status the status it answered with
     * @param problemType the problem type when it answered with a problem
     * @param request the request as the stage saw it (with the route match and principal of the stages before)
     */
    record StageAnswered(String requestId, String stage, int status, Optional<String> problemType,
                         GatewayRequest request) implements ExchangeEvent {
        /** Checks the values. */
        public StageAnswered {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(problemType, "problemType");
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The proxy sends the request to an upstream instance.
     *
     * @param requestId the exchange
     * @param routeId the id of the matched route
     * @param instance the chosen instance's base URI
     */
    record UpstreamCalled(String requestId, String routeId, URI instance) implements ExchangeEvent {
        /** Checks the values. */
        public UpstreamCalled {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(routeId, "routeId");
            Objects.requireNonNull(instance, "instance");
        }
    }

    /**
     * The upstream's response headers arrived (its body may still be streaming).
     *
     * @param requestId the exchange
     * @param instance the base URI of the instance that answered
     * @param status the upstream's status
     * @param timeToHeaders from sending the request to receiving the response headers
     */
    record UpstreamAnswered(String requestId, URI instance, int status, Duration timeToHeaders)
            implements ExchangeEvent {
        /** Checks the values. */
        public UpstreamAnswered {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(timeToHeaders, "timeToHeaders");
        }
    }

    /**
     * The upstream exchange failed before response headers (refused, reset, timed out, a malformed or refused
     * response), or the gateway's own upstream capacity was used up.
     *
     * @param requestId the exchange
     * @param instance the base URI of the instance that was called
     * @param problemType the problem the client gets for it, e.g. {@code .../upstream-timeout}
     * @param elapsed from sending the request to the failure
     */
    record UpstreamFailed(String requestId, URI instance, String problemType, Duration elapsed)
            implements ExchangeEvent {
        /** Checks the values. */
        public UpstreamFailed {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(problemType, "problemType");
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /**
     * The proxy answered 503 with {@code Retry-After} at once instead of calling the route's upstream.
     *
     * @param requestId the exchange
     * @param routeId the id of the matched route
     * @param reason why
     */
    record UpstreamShed(String requestId, String routeId, ShedReason reason) implements ExchangeEvent {
        /** Checks the values. */
        public UpstreamShed {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(routeId, "routeId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The exchange is over. It repeats what the exchange's earlier events said (the last of each kind), so a
     * listener that hears only this one, an access log, needs no state per request.
     *
     * @param requestId the exchange
     * @param request the request as the last stage saw it (route match, principal and other attributes): the one the
     *     stage that answered received, else the one passed to the proxy or the application; empty when the gateway
     *     refused it before the pipeline ran
     * @param status the status sent, or the one the application set; 0 when no response head was sent
     * @param outcome how it ended
     * @param bytesOut response body bytes the gateway wrote, or -1 when the application wrote the response
     * @param duration from {@link Started} to the end
     * @param started the exchange's {@link Started} event: method, raw path, peer, trace context
     * @param bytesIn request body bytes the gateway read from the client, or -1 when the application read the body
     * @param answeredBy the stage that answered the request itself, if one did
     * @param upstreamCalled the upstream call, if the proxy made one (the last, should there be several)
     * @param upstreamAnswered its answer, if its response headers arrived
     * @param upstreamFailed its failure, if it failed before response headers
     */
    record Ended(String requestId, Optional<GatewayRequest> request, int status, Outcome outcome, long bytesOut,
                 Duration duration, Started started, long bytesIn, Optional<StageAnswered> answeredBy,
                 Optional<UpstreamCalled> upstreamCalled, Optional<UpstreamAnswered> upstreamAnswered,
                 Optional<UpstreamFailed> upstreamFailed) implements ExchangeEvent {
        /** Checks the values. */
        public Ended {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(answeredBy, "answeredBy");
            Objects.requireNonNull(upstreamCalled, "upstreamCalled");
            Objects.requireNonNull(upstreamAnswered, "upstreamAnswered");
            Objects.requireNonNull(upstreamFailed, "upstreamFailed");
        }
    }

    /** How an exchange ended. */
    enum Outcome {
        /** The response was written to its end: the upstream's, a stage's, a problem. */
        COMPLETED,
        /** The application's servlets served the request. */
        APPLICATION,
        /** The client went away before the response was complete. */
        CLIENT_GONE,
        /** The upstream failed after the response had started, and the gateway cut the client connection. */
        UPSTREAM_FAILED
    }

    /** Why the proxy shed a request without calling an upstream. */
    enum ShedReason {
        /** Every instance of the route failed its active health checks (problem {@code service-unavailable}). */
        NO_HEALTHY_INSTANCE,
        /** The route's cap on requests in flight to its upstream is reached (problem {@code overloaded}). */
        MAX_REQUESTS,
        /** The route's cap on requests still waiting for their response headers is reached ({@code overloaded}). */
        MAX_PENDING
    }
}
