package dev.portcullis.core.internal.proxy;

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
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.internal.resilience.GroupState;
import dev.portcullis.core.internal.resilience.GroupStates;
import dev.portcullis.core.internal.resilience.SchedulerTimer;
import dev.portcullis.core.internal.resilience.Timer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a routed request to an instance its route's load balancer chooses among those that may serve, applying
 * the route's {@link dev.portcullis.core.resilience.Resilience} (health, ejection, circuit breaker, retries; see
 * {@link ProxyCall}), and turns the answer into a {@link GatewayResponse} whose body streams the upstream's. Upstream
 * failures become 502/504 problems, a shed request a 503; the upstream's own 4xx/5xx pass through unchanged; a client
 * failure of any other kind is a 502 too. A load balancer that fails (throws, or chooses outside its group) fails the
 * stage with an {@link IllegalStateException} naming the route, which the adapter logs once and answers with 500; a
 * {@link ProblemException} it throws fails the stage unchanged, so the request gets its problem. The upstream
 * receives the W3C trace context of the request's {@link TraceContext} attribute instead of the client's
 * {@code traceparent} and {@code tracestate}; a request without one (trace context off) forwards them like any other
 * header. A request that asks to switch protocols (a WebSocket handshake) gets 501. Thread-safe; owns the resilience
 * timer it creates, which {@link #close()} stops.
 */
public final class ReverseProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReverseProxy.class);
    private static final Problem UPGRADE_NOT_SUPPORTED = Problem.builder(ProblemTypes.UPGRADE_NOT_SUPPORTED, 501,
            "Not Implemented").detail("The gateway does not switch protocols (WebSocket, h2c) on proxied routes.")
            .build();
    private final TrustedProxies trusted;
    private final ForwardingHeaders forwarding;
    private final ProxyRules rules;
    private final ProxyContext context;
    private final GroupStates.Holder groups;
    /** The resilience state this proxy created for itself, else null (a shared one, which it only holds). */
    private final GroupStates ownedStates;
    private final boolean ownsTimer;

    /**
     * A proxy with a resilience timer of its own, stopped by {@link #close()}.
     *
     * @param client sends the requests and the health checks
     * @param trusted decides whether incoming forwarding headers are kept
     * @param rules the proxy's settings
     * @param listener hears the instances' events (ejected, restored, health changed); must not throw
     */
    public ReverseProxy(UpstreamClient client, TrustedProxies trusted, ProxyRules rules, ExchangeListener listener) {
        this(client, trusted, rules, listener, new SchedulerTimer(), true);
    }

    /**
     * A proxy with resilience state of its own, closed by {@link #close()}.
     *
     * @param client sends the requests and the health checks
     * @param trusted decides whether incoming forwarding headers are kept
     * @param rules the proxy's settings
     * @param listener hears the instances' events (ejected, restored, health changed); must not throw. Each
     *     exchange's own events go to the listener of its {@link ProxyExchange}
     * @param timer schedules health checks, ejection ends and retries; shared, so {@link #close()} leaves it running
     */
    public ReverseProxy(UpstreamClient client, TrustedProxies trusted, ProxyRules rules, ExchangeListener listener,
                        Timer timer) {
        this(client, trusted, rules, listener, timer, false);
    }

    private ReverseProxy(UpstreamClient client, TrustedProxies trusted, ProxyRules rules, ExchangeListener listener,
                         Timer timer, boolean ownsTimer) {
        this(client, trusted, rules, new GroupStates(timer, client), List.of(), listener, timer, true, ownsTimer);
    }

    /**
     * A proxy of one configuration whose upstream groups' resilience state lives in {@code states}, shared with the
     * configurations before and after it: {@link #close()} releases this configuration's hold on it.
     *
     * @param client sends the requests; the one {@code states} sends the health checks with
     * @param trusted decides whether incoming forwarding headers are kept
     * @param rules the proxy's settings
     * @param states the resilience state of the groups, which this proxy holds for the routes it is given
     * @param routes the configuration's routes
     * @param listener hears the instances' events from now on; must not throw
     * @param timer schedules retries; shared, so {@link #close()} leaves it running
     */
    public ReverseProxy(UpstreamClient client, TrustedProxies trusted, ProxyRules rules, GroupStates states,
                        List<Route> routes, ExchangeListener listener, Timer timer) {
        this(client, trusted, rules, states, routes, listener, timer, false, false);
    }

    private ReverseProxy(UpstreamClient client, TrustedProxies trusted, ProxyRules rules, GroupStates states,
                         List<Route> routes, ExchangeListener listener, Timer timer, boolean ownsStates,
                         boolean ownsTimer) {
        this.trusted = trusted;
        this.rules = rules;
        this.forwarding = new ForwardingHeaders(rules.viaPseudonym(), rules.rfc7239());
        this.context = new ProxyContext(client, new UpstreamResponseCheck(rules.maxResponseHeadBytes()), timer);
        this.groups = states.hold(routes, listener);
        this.ownedStates = ownsStates ? states : null;
        this.ownsTimer = ownsTimer;
    }

    /**
     * @param request the request after every interceptor
     * @param match its route match
     * @param exchange hears each try and its answer or failure, receives the actions that release this exchange's
     *     upstream work (each runs once, at the first of: the client goes away, the upstream fails after the response
     *     started, the exchange ends), and gives the MDC for the client's callback threads
     * @return the response, with a streamed body; completes with a problem on an upstream fault or when the request
     *     is shed, exceptionally when the load balancer fails. A bodyless method ({@code GET}, {@code DELETE}, ...)
     *     with a body of unknown length waits for the body's first signal, so an empty one is sent without framing
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
        GroupState state = groups.of(route);
        HttpHeaders headers = upstreamHeaders(request, route);
        if (request.body().contentLength() < 0 && !UpstreamRequest.carriesBody(request.method())) {
            return PeekedBody.resolve(request.body()).handle((body, failure) -> failure == null
                    ? new ProxyCall(context, request, match, state, headers, body, exchange).start()
                    : CompletableFuture.completedFuture(GatewayResponse.problem(UpstreamFailures.toProblem(failure)
                            .orElseGet(() -> unexpected(request, failure)))))
                    .thenCompose(stage -> stage);
        }
        return new ProxyCall(context, request, match, state, headers, request.body(), exchange).start();
    }

    /**
     * Releases this proxy's hold on its groups' resilience state (the states no newer configuration holds stop their
     * health checks), closes that state if this proxy created it, and stops the resilience timer if it created it.
     */
    @Override
    public void close() {
        groups.close();
        if (ownedStates != null) {
            ownedStates.close();
        }
        if (ownsTimer && context.timer() instanceof SchedulerTimer scheduler) {
            scheduler.close();
        }
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

    /** @return the upstream's end-to-end response headers, without {@code Content-Length} next to chunked framing */
    static HttpHeaders responseHeaders(HttpHeaders upstream) {
        HttpHeaders endToEnd = HeaderHygiene.endToEnd(upstream);
        if (upstream.contains("Transfer-Encoding")) {
            return endToEnd.toBuilder().remove("Content-Length").build();
        }
        return endToEnd;
    }

    /** A request body that failed in an unexpected way before its first byte: a 502, logged without a stack trace. */
    private static Problem unexpected(GatewayRequest request, Throwable failure) {
        LOG.warn("request {}: the upstream exchange failed: {}", request.id(),
                LogSafe.value(UpstreamFailures.unwrap(failure)));
        return UpstreamFailures.unavailable();
    }
}
