package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.LogSafe;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.TraceContext;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Upstream;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.logging.RequestMdc;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a routed request to the instance its route's load balancer chooses and turns the answer into a
 * {@link GatewayResponse} whose body streams the upstream's. Upstream failures become 502/504 problems; the
 * upstream's own 4xx/5xx pass through unchanged; a client failure of any other kind is a 502 too. A load balancer
 * that fails (throws, or chooses outside its group) fails the stage with an {@link IllegalStateException} naming the
 * route, which the adapter logs once and answers with 500; a {@link ProblemException} it throws fails the stage
 * unchanged, so the request gets its problem. The upstream receives the W3C trace context of the request's
 * {@link TraceContext} attribute instead of the client's {@code traceparent} and {@code tracestate}; a request without
 * one (trace context off) forwards them like any other header. Thread-safe.
 */
public final class ReverseProxy {
    private static final Logger LOG = LoggerFactory.getLogger(ReverseProxy.class);
    private static final Problem UPGRADE_NOT_SUPPORTED = Problem.builder(ProblemTypes.UPGRADE_NOT_SUPPORTED, 501,
            "Not Implemented").detail("The gateway does not switch protocols (WebSocket, h2c) on proxied routes.")
            .build();
    private final UpstreamClient client;
    private final TrustedProxies trusted;
    private final ForwardingHeaders forwarding;
    private final ProxyRules rules;
    private final UpstreamResponseCheck responseCheck;

    /**
     * @param client sends the requests
     * @param trusted decides whether incoming forwarding headers are kept
     * @param rules the proxy's settings
     */
    public ReverseProxy(UpstreamClient client, TrustedProxies trusted, ProxyRules rules) {
        this.client = client;
        this.trusted = trusted;
        this.rules = rules;
        this.responseCheck = new UpstreamResponseCheck(rules.maxResponseHeadBytes());
        this.forwarding = new ForwardingHeaders(rules.viaPseudonym(), rules.rfc7239());
    }

    /**
     * @param request the request after every interceptor
     * @param match its route match
     * @param exchange hears each upstream call and its answer or failure (its listener must not throw), receives the
     *     action that aborts the call if the client goes away, and gives the MDC for the client's callback thread
     * @return the response, with a streamed body; completes with a problem on an upstream fault, exceptionally when
     *     the load balancer fails. A bodyless method ({@code GET}, {@code DELETE}, ...) with a body of unknown length
     *     waits for the body's first signal, so an empty one is sent without framing
     */
    public CompletionStage<GatewayResponse> forward(GatewayRequest request, RouteMatch match,
                                                    ProxyExchange exchange) {
        Route route = match.route();
        Optional<String> upgrade = request.attribute(HeaderHygiene.REQUESTED_UPGRADE);
        if (upgrade.isPresent()) {
            LOG.info("request {}: route {} cannot switch protocols ({}); answered 501", request.id(), route.id(),
                    LogSafe.value(upgrade.get()));
            return CompletableFuture.completedFuture(GatewayResponse.problem(UPGRADE_NOT_SUPPORTED));
        }
        Upstream upstream;
        try {
            upstream = route.upstreams().choose(request);
        } catch (ProblemException answer) {
            return CompletableFuture.failedFuture(answer);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("route " + route.id()
                    + ": the load balancer failed: " + e.getMessage(), e));
        }
        URI uri;
        try {
            uri = UpstreamUris.build(upstream, match.upstreamRawPath(), request.rawQuery().orElse(null));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(GatewayResponse.problem(
                    Problem.builder(ProblemTypes.INVALID_PATH, 400, "Invalid Path")
                            .detail("The path cannot be forwarded.").build()));
        }
        HttpHeaders headers = upstreamHeaders(request, route);
        if (request.body().contentLength() < 0 && !UpstreamRequest.carriesBody(request.method())) {
            return PeekedBody.resolve(request.body()).handle((body, failure) -> failure == null
                    ? send(request, route, upstream, new UpstreamRequest(request.method(), uri, headers, body,
                            route.connectTimeout(), route.responseTimeout(), route.idleTimeout()), exchange)
                    : CompletableFuture.completedFuture(GatewayResponse.problem(
                            UpstreamFailures.toProblem(failure).orElseGet(() -> unexpected(request, failure)))))
                    .thenCompose(stage -> stage);
        }
        return send(request, route, upstream, new UpstreamRequest(request.method(), uri, headers, request.body(),
                route.connectTimeout(), route.responseTimeout(), route.idleTimeout()), exchange);
    }

    private CompletionStage<GatewayResponse> send(GatewayRequest request, Route route, Upstream upstream,
                                                  UpstreamRequest upstreamRequest, ProxyExchange proxied) {
        CompletableFuture<OnceBody> body = new CompletableFuture<>();
        ExchangeListener listener = proxied.listener();
        boolean heard = listener != ExchangeListener.NONE;
        if (heard) {
            listener.onEvent(new ExchangeEvent.UpstreamCalled(request.id(), route.id(), upstream.uri()));
        }
        long sent = System.nanoTime();
        CompletableFuture<UpstreamResponse> exchange = client.exchange(upstreamRequest);
        proxied.onAbort(() -> abort(exchange, body));
        return exchange.handle((response, failure) -> {
            try (RequestMdc.Scope scope = proxied.mdc()) {
                if (failure != null) {
                    body.cancel(false);
                    UpstreamFailures.warnOfTls(request.id(), upstream.uri(), failure);
                    Problem problem = UpstreamFailures.toProblem(failure).orElseGet(() -> unexpected(request, failure));
                    if (heard) {
                        listener.onEvent(new ExchangeEvent.UpstreamFailed(request.id(), upstream.uri(),
                                problem.type(), Duration.ofNanos(System.nanoTime() - sent)));
                    }
                    return UpstreamFailures.toResponse(problem);
                }
                OnceBody once = new OnceBody(response.body());
                body.complete(once);
                Optional<String> fault = responseCheck.fault(response.status(), response.headers());
                if (fault.isPresent()) {
                    once.discard();
                    LOG.warn("request {}: the upstream response is not relayed: {}", request.id(), fault.get());
                    if (heard) {
                        listener.onEvent(new ExchangeEvent.UpstreamFailed(request.id(), upstream.uri(),
                                ProblemTypes.UPSTREAM_UNAVAILABLE, Duration.ofNanos(System.nanoTime() - sent)));
                    }
                    return GatewayResponse.problem(UpstreamFailures.unavailable());
                }
                if (heard) {
                    listener.onEvent(new ExchangeEvent.UpstreamAnswered(request.id(), upstream.uri(),
                            response.status(), Duration.ofNanos(System.nanoTime() - sent)));
                }
                return GatewayResponse.builder(response.status())
                        .headers(responseHeaders(response.headers()))
                        .body(once)
                        .build();
            }
        });
    }

    /**
     * Cancels an exchange whose headers have not arrived; once they have, cancelling the future does nothing, so the
     * body is discarded instead (unless its reader already subscribed and is cancelled by its own means).
     */
    private static void abort(CompletableFuture<UpstreamResponse> exchange, CompletableFuture<OnceBody> body) {
        exchange.cancel(true);
        body.thenAccept(OnceBody::discard);
    }

    private HttpHeaders upstreamHeaders(GatewayRequest request, Route route) {
        HttpHeaders endToEnd = HeaderHygiene.forwardable(request.headers(), rules.allowUnderscoreHeaders());
        HttpHeaders.Builder headers = endToEnd.toBuilder()
                .remove("Host").remove("Content-Length").remove("Expect")
                .set(rules.requestIdHeader(), request.id());
        Optional<TraceContext> trace = request.attribute(TraceContext.ATTRIBUTE);
        if (trace.isPresent()) {
            headers.set("traceparent", trace.get().traceparent()).remove("tracestate");
            if (!trace.get().traceState().isEmpty()) {
                headers.set("tracestate", trace.get().traceState());
            }
        }
        if (route.preserveHost()) {
            headers.set("Host", request.headers().first("Host").orElse(request.authority()));
        }
        return forwarding.apply(request, endToEnd, headers, trusted.trusts(request.peerAddress())).build();
    }

    private static HttpHeaders responseHeaders(HttpHeaders upstream) {
        HttpHeaders endToEnd = HeaderHygiene.endToEnd(upstream);
        if (upstream.contains("Transfer-Encoding")) {
            return endToEnd.toBuilder().remove("Content-Length").build();
        }
        return endToEnd;
    }

    /**
     * A failure of an unexpected type from the client (a parser exception on a malformed response, say) is still the
     * upstream's fault: a 502, logged without a stack trace.
     */
    private static Problem unexpected(GatewayRequest request, Throwable failure) {
        LOG.warn("request {}: the upstream exchange failed: {}", request.id(), LogSafe.value(UpstreamFailures.unwrap(failure)));
        return UpstreamFailures.unavailable();
    }
}
