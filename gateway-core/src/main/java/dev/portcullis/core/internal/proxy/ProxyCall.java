package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.Body;
import dev.portcullis.api.ExchangeEvent.ShedReason;
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
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.internal.resilience.GroupState;
import dev.portcullis.core.internal.resilience.Lease;
import dev.portcullis.core.internal.resilience.RetryBudget;
import dev.portcullis.core.logging.RequestMdc;
import dev.portcullis.core.resilience.Retries.Condition;
import dev.portcullis.core.resilience.Retries;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied request's tries: admits it against the route's health and circuit breaker (or sheds it with a 503),
 * asks the balancer for an eligible instance, sends, and on a failure or a listed status retries per the route's
 * {@link Retries}, after a scheduled backoff, before anything reaches the client. Each try is reported to the
 * listener and to outlier detection, and holds a {@link Lease} from sending until its exchange is over. Callbacks
 * run on the client's and the timer's threads; a try starts only when the one before it has ended, so the fields
 * written per try are never written concurrently.
 */
final class ProxyCall {
    private static final Logger LOG = LoggerFactory.getLogger(ReverseProxy.class);
    private final ProxyContext context;
    private final GatewayRequest request;
    private final RouteMatch match;
    private final Route route;
    private final GroupState state;
    private final HttpHeaders headers;
    private final ProxyExchange exchange;
    private final Retries retries;
    private final ReplayableBody replayable;
    private final Body firstBody;
    private final boolean[] tried;
    private final TryTiming timing;
    private final CompletableFuture<GatewayResponse> result = new CompletableFuture<>();
    private int retriesMade;
    private volatile boolean aborted;

    ProxyCall(ProxyContext context, GatewayRequest request, RouteMatch match, GroupState state, HttpHeaders headers,
              Body body, ProxyExchange exchange) {
        this.context = context;
        this.request = request;
        this.match = match;
        this.route = match.route();
        this.state = state;
        this.headers = headers;
        this.exchange = exchange;
        this.retries = state.settings().retries().filter(settings -> settings.allows(request.method())).orElse(null);
        this.replayable = retries == null || body.contentLength() == 0 ? null
                : new ReplayableBody(body, retries.maxReplayBytes());
        this.firstBody = replayable == null ? body : replayable;
        this.tried = new boolean[route.upstreams().instances().size()];
        this.timing = new TryTiming(route, retries, context.timer());
    }

    /** @return the response; exceptionally only when the load balancer failed or the client threw */
    CompletableFuture<GatewayResponse> start() {
        List<Upstream> eligible = state.eligible(null);
        ShedReason full = eligible.isEmpty() ? ShedReason.NO_HEALTHY_INSTANCE : state.tryAcquire();
        if (full != null) {
            result.complete(shed(full));
            return result;
        }
        state.budget().ifPresent(RetryBudget::requested);
        attempt(eligible, firstBody);
        return result;
    }

    private void attempt(List<Upstream> eligible, Body body) {
        Upstream chosen;
        try {
            chosen = route.upstreams().choose(request, eligible);
        } catch (ProblemException answer) {
            state.releaseUnused();
            result.completeExceptionally(answer);
            return;
        } catch (RuntimeException e) {
            state.releaseUnused();
            result.completeExceptionally(new IllegalStateException("route " + route.id()
                    + ": the load balancer failed: " + e.getMessage(), e));
            return;
        }
        Lease lease = state.lease(route.upstreams(), chosen, request);
        int index = state.indexOf(chosen);
        tried[index] = true;
        URI uri;
        try {
            uri = UpstreamUris.build(chosen, match.upstreamRawPath(), request.rawQuery().orElse(null));
        } catch (IllegalArgumentException e) {
            lease.release();
            result.complete(GatewayResponse.problem(Problem.builder(ProblemTypes.INVALID_PATH, 400, "Invalid Path")
                    .detail("The path cannot be forwarded.").build()));
            return;
        }
        send(index, chosen, lease, new UpstreamRequest(request.method(), uri, headers, body, route.connectTimeout(),
                timing.tryTimeout(), route.idleTimeout()));
    }

    /**
     * Emits the try's {@link ExchangeEvent.UpstreamCalled} while someone listens.
     *
     * @return the request to send: with the try's own {@code traceparent} when the exchange's span gives it one
     */
    private UpstreamRequest announce(Upstream chosen, UpstreamRequest upstreamRequest) {
        ExchangeListener listener = exchange.listener();
        if (listener == ExchangeListener.NONE) {
            return upstreamRequest;
        }
        ExchangeEvent.UpstreamCalled called = new ExchangeEvent.UpstreamCalled(request.id(), route.id(),
                chosen.uri());
        TraceContext tryContext = exchange.tryContext(called);
        listener.onEvent(called);
        return tryContext == null ? upstreamRequest : new UpstreamRequest(upstreamRequest.method(),
                upstreamRequest.uri(), headers.toBuilder().set("traceparent", tryContext.traceparent()).build(),
                upstreamRequest.body(), upstreamRequest.connectTimeout(), upstreamRequest.responseTimeout(),
                upstreamRequest.idleTimeout());
    }

    private void send(int index, Upstream chosen, Lease lease, UpstreamRequest planned) {
        UpstreamRequest upstreamRequest = announce(chosen, planned);
        long sent = System.nanoTime();
        CompletableFuture<UpstreamResponse> call;
        try {
            call = context.client().exchange(upstreamRequest);
        } catch (RuntimeException e) {
            lease.release();
            result.completeExceptionally(e);
            return;
        }
        CompletableFuture<OnceBody> body = new CompletableFuture<>();
        exchange.onAbort(() -> {
            aborted = true;
            call.cancel(true);
            body.thenAccept(OnceBody::discard);
            lease.release();
        });
        Try attempt = new Try(index, chosen, lease, body, sent);
        call.whenComplete((response, failure) -> settle(() -> {
            lease.settled();
            if (failure != null) {
                failed(attempt, failure);
            } else {
                answered(attempt, response);
            }
        }));
    }

    /**
     * Runs a step of the call, on the client's or the timer's thread, with the exchange's MDC in place; should it
     * throw, the call fails with it instead of never answering.
     */
    private void settle(Runnable step) {
        try (RequestMdc.Scope scope = exchange.mdc()) {
            step.run();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** @param event built only when someone listens to this exchange */
    private void emit(Supplier<ExchangeEvent> event) {
        ExchangeListener listener = exchange.listener();
        if (listener != ExchangeListener.NONE) {
            listener.onEvent(event.get());
        }
    }

    private void failed(Try attempt, Throwable failure) {
        attempt.body().cancel(false);
        attempt.lease().release();
        if (!aborted) {
            UpstreamFailures.warnOfTls(request.id(), attempt.instance().uri(), failure);
        }
        Problem problem = UpstreamFailures.toProblem(failure).orElseGet(() -> unexpected(failure));
        emit(() -> new ExchangeEvent.UpstreamFailed(request.id(), attempt.instance().uri(), problem.type(),
                attempt.elapsed()));
        GatewayResponse answer = UpstreamFailures.toResponse(problem);
        Optional<Condition> condition = aborted ? Optional.empty() : UpstreamFailures.condition(failure);
        condition.ifPresent(kind -> state.failed(attempt.index()));
        if (condition.isPresent() && retries != null && retries.conditions().contains(condition.get())) {
            retryOrAnswer(answer, null);
        } else {
            result.complete(answer);
        }
    }

    private void answered(Try attempt, UpstreamResponse response) {
        OnceBody once = new OnceBody(response.body());
        attempt.body().complete(once);
        Optional<String> fault = context.responseCheck().fault(response.status(), response.headers());
        if (fault.isPresent()) {
            once.discard();
            LOG.warn("request {}: the upstream response is not relayed: {}", request.id(), fault.get());
            failed(attempt, new IOException("the upstream response is not relayed"));
            return;
        }
        emit(() -> new ExchangeEvent.UpstreamAnswered(request.id(), attempt.instance().uri(),
                response.status(), attempt.elapsed()));
        if (response.status() >= 500 && state.settings().outlierEjection().countServerErrors()) {
            state.failed(attempt.index());
        } else {
            state.succeeded(attempt.index());
        }
        GatewayResponse relayed = GatewayResponse.builder(response.status())
                .headers(ReverseProxy.responseHeaders(response.headers()))
                .body(once)
                .build();
        if (retries != null && retries.statuses().contains(response.status())) {
            retryOrAnswer(relayed, () -> {
                once.discard();
                attempt.lease().release();
            });
        } else {
            result.complete(relayed);
        }
    }

    /**
     * Schedules a retry when everything allows one (see {@link Retries}), else answers at once.
     *
     * @param answer the answer if no retry is made
     * @param discard releases the answer when a retry replaces it; null when it holds nothing
     */
    private void retryOrAnswer(GatewayResponse answer, Runnable discard) {
        Optional<Body> body = aborted || retriesMade >= retries.maxRetries() ? Optional.empty() : replay();
        long delay = body.isEmpty() ? -1 : timing.backoff(retriesMade);
        if (delay < 0 || !state.budget().orElseThrow().tryRetry()) {
            result.complete(answer);
            return;
        }
        retriesMade++;
        context.timer().schedule(() -> settle(() -> retry(answer, discard, body.get())), Duration.ofNanos(delay));
    }

    /** Makes the retry, unless the client left, no instance may serve or the breaker is full: then the answer stands. */
    private void retry(GatewayResponse answer, Runnable discard, Body body) {
        List<Upstream> eligible = aborted ? List.of() : state.eligible(tried);
        if (eligible.isEmpty() || state.tryAcquire() != null) {
            result.complete(answer);
            return;
        }
        if (discard != null) {
            discard.run();
        }
        attempt(eligible, body);
    }

    private Optional<Body> replay() {
        return replayable == null ? Optional.of(firstBody) : replayable.replay();
    }

    private GatewayResponse shed(ShedReason reason) {
        emit(() -> new ExchangeEvent.UpstreamShed(request.id(), route.id(), reason));
        return reason == ShedReason.NO_HEALTHY_INSTANCE
                ? UpstreamFailures.noHealthyInstance(state.settings().healthCheck().orElseThrow().interval())
                : UpstreamFailures.toResponse(UpstreamFailures.overloaded("The upstream service has as many requests "
                        + "in flight as the gateway sends it; retry after the Retry-After delay."));
    }

    /**
     * A failure of an unexpected type from the client (a parser exception on a malformed response, say) is still the
     * upstream's fault: a 502, logged without a stack trace unless the client went away and caused it.
     */
    private Problem unexpected(Throwable failure) {
        if (!aborted) {
            LOG.warn("request {}: the upstream exchange failed: {}", request.id(),
                    LogSafe.value(UpstreamFailures.unwrap(failure)));
        }
        return UpstreamFailures.unavailable();
    }

    /** One try: the instance, its lease and its body once the headers arrived. */
    private record Try(int index, Upstream instance, Lease lease, CompletableFuture<OnceBody> body, long sentNanos) {
        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - sentNanos);
        }
    }
}
