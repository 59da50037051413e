package dev.portcullis.core;

import dev.portcullis.api.Body;
import dev.portcullis.api.ExchangeEvent.Outcome;
import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.ExchangeSpan;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.TraceContext;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.internal.CountingBody;
import dev.portcullis.core.internal.proxy.ProxyExchange;
import dev.portcullis.core.internal.proxy.UpstreamFailures;
import dev.portcullis.core.logging.RequestMdc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One request's way through the gateway, whatever container carries it. {@link Gateway#open} creates it: admitted
 * and read, or refused at once ({@link #refusal()}). A container adapter then {@linkplain #run() runs} it, writes
 * the outcome, and reports what happens on the wire: the client went away ({@link #clientGone()}), the upstream
 * failed after the response started ({@link #upstreamFailedAfterHead()}), the response is done ({@link #end}).
 *
 * <h2>State and threads</h2>
 * The lifecycle is one small state machine guarded by this object's monitor; every transition is a short critical
 * section that never calls out while holding it (abort actions and listener events run after it is released), so
 * no thread ever waits on another thread's I/O here. Each transition happens at most once, whichever thread gets
 * there first:
 * <ul>
 *   <li><b>client gone</b>: the first {@link #clientGone()} runs the registered abort actions (cancel the upstream
 *       exchange, release its connection) and returns {@code true}; later calls return {@code false}. An abort action
 *       registered after it runs at once. Each abort action runs exactly once: at the first of the client going
 *       away, the upstream failing after the response started, and the end.</li>
 *   <li><b>completion claimed</b>: exactly one caller of {@link #claimCompletion()} gets {@code true} and is the one
 *       that completes the container's response (an async {@code complete()} or dispatch); a client abort, the end of
 *       the upstream body and a container timeout may race for it from three threads, and only one wins.</li>
 *   <li><b>ended</b>: the first {@link #end} runs the abort actions that have not run (whatever the upstream
 *       exchange still holds, its connection, its place in the route's circuit breaker, is released), leaves the
 *       admission cap and emits {@link ExchangeEvent.Ended}; later calls do nothing.</li>
 * </ul>
 * The outcome reported at the end is the first of client gone, upstream failed after head and passed to the
 * application that happened, else completed.
 *
 * <h2>What the end reports</h2>
 * While anyone listens, the exchange records what its events said (the stage that answered, the upstream call and
 * its answer or failure) and the request body bytes read, and repeats them in {@link ExchangeEvent.Ended}, so
 * listeners keep no state per request. Its {@linkplain #mdc() MDC scope} carries the request id, trace id and, once
 * routed, route id onto every thread that works on it.
 */
public final class Exchange {
    private static final Problem INTERNAL = Problem.builder(ProblemTypes.INTERNAL_ERROR, 500, "Internal Server Error")
            .detail("The gateway failed; the request id identifies the log entry.").build();

    private final Snapshot snapshot;
    private final String id;
    private final long startNanos;
    private final boolean admitted;
    private final GatewayRequest request;
    private final ProblemResponse refusal;
    private final TraceContext trace;
    private final Recorder recorder;
    private volatile GatewayRequest finalRequest;
    private volatile String routeId;

    private final List<Runnable> aborts = new ArrayList<>(2);
    private boolean clientGone;
    private boolean completionClaimed;
    private boolean ended;
    private Outcome outcome = Outcome.COMPLETED;

    /**
     * @param snapshot the configuration the exchange runs on to its end
     * @param read what intake made of the request (or the refusal of an exchange over the cap)
     * @param incoming the request as the container read it
     * @param startNanos when the exchange started
     * @param admitted whether it holds a place under the in-flight cap
     */
    Exchange(Snapshot snapshot, Intake.Result read, IncomingRequest incoming, long startNanos, boolean admitted) {
        this.snapshot = snapshot;
        this.id = read.id();
        this.startNanos = startNanos;
        this.admitted = admitted;
        ExchangeSpan span = read.trace() == null || !snapshot.intake().traced() ? null : snapshot.intake().openSpan(
                new ExchangeEvent.Started(id, incoming.method(), incoming.rawPath(), read.peer(), startNanos,
                        Optional.of(read.trace())));
        this.trace = span == null ? read.trace() : span.context();
        this.request = span == null || read.request() == null ? read.request()
                : read.request().withAttribute(TraceContext.ATTRIBUTE, trace);
        this.refusal = read.refusal() == null ? null : problem(read.refusal(), read.refusalHeaders());
        this.finalRequest = request;
        ExchangeListener heard = span == null ? snapshot.listener() : ExchangeListener.all(snapshot.listener(), span);
        this.recorder = heard == ExchangeListener.NONE ? null : new Recorder(heard, span, new ExchangeEvent.Started(
                id, incoming.method(), incoming.rawPath(), read.peer(), startNanos, Optional.ofNullable(trace)));
    }

    /** @return the 500 problem for a failure of the gateway's own */
    static Problem internalError() {
        return INTERNAL;
    }

    /** Emits {@link ExchangeEvent.Started}; the gateway calls it once, as it opens the exchange. */
    void announce() {
        if (recorder != null) {
            try (RequestMdc.Scope scope = mdc()) {
                recorder.heard.onEvent(recorder.started);
            }
        }
    }

    /** @return the request id, sent back in the request-id header */
    public String id() {
        return id;
    }

    /**
     * @return the header that carries the request id in both directions, as configured when this exchange opened (a
     *     {@linkplain Gateway#reload reload} since does not change it)
     */
    public String requestIdHeader() {
        return snapshot.requestIdHeader();
    }

    /**
     * Puts the exchange's MDC entries ({@link RequestMdc}) in place on the calling thread until the scope closes. A
     * container adapter opens one wherever a thread starts working on the exchange: the dispatch, a callback of the
     * response pump or the body reader.
     *
     * @return the scope; close it on the same thread
     */
    public RequestMdc.Scope mdc() {
        return ExchangeMdc.open(id, trace == null ? null : trace.traceId(), routeId);
    }

    /** @return the answer to write at once when the gateway refused the request before any stage ran */
    public Optional<ProblemResponse> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * @return the request as the last stage passed it on (the one the application must see when the pipeline passes
     *     the request to it), or as intake read it before the pipeline ran
     * @throws IllegalStateException for a refused exchange
     */
    public GatewayRequest request() {
        if (finalRequest == null) {
            throw new IllegalStateException("request " + id + " was refused; it has no gateway request");
        }
        return finalRequest;
    }

    /**
     * @return the client's body as intake put it on the request, before any stage: a request whose
     *     {@linkplain #request() body} is another one had it replaced by a stage
     * @throws IllegalStateException for a refused exchange
     */
    public Body clientBody() {
        if (request == null) {
            throw new IllegalStateException("request " + id + " was refused; it has no body");
        }
        return request.body();
    }

    /**
     * Runs the pipeline, then the terminal: a routed request is proxied to its upstream, any other passes to the
     * application. The stage never completes exceptionally: a {@link ProblemException} becomes its problem, any
     * other failure a logged 500 {@code internal-error}. When every stage answers at once, the returned stage is
     * already complete, so an adapter can answer on the calling thread.
     *
     * @return the outcome
     * @throws IllegalStateException for a refused exchange
     */
    public CompletableFuture<GatewayResponse> run() {
        if (request == null) {
            throw new IllegalStateException("request " + id + " was refused; there is nothing to run");
        }
        CompletableFuture<GatewayResponse> outcome;
        try (RequestMdc.Scope scope = mdc()) {
            outcome = snapshot.pipeline().execute(request, this::terminal,
                    recorder == null ? ExchangeListener.NONE : recorder).toCompletableFuture();
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.handle(this::settle);
    }

    private CompletionStage<GatewayResponse> terminal(GatewayRequest routed) {
        finalRequest = routed;
        Optional<RouteMatch> match = routed.attribute(Routing.MATCH);
        if (match.isEmpty()) {
            return CompletableFuture.completedFuture(GatewayResponse.passToApplication());
        }
        routeId = match.get().route().id();
        if (snapshot.closing()) {
            return CompletableFuture.completedFuture(UpstreamFailures.shuttingDown());
        }
        try (RequestMdc.Scope scope = mdc()) {
            return snapshot.proxy().forward(routed, match.get(), recorder == null ? new Proxied() : recorder);
        }
    }

    private GatewayResponse settle(GatewayResponse outcome, Throwable failure) {
        if (failure == null) {
            return outcome;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ProblemException answer) {
            return GatewayResponse.problem(answer.problem());
        }
        if (!isClientGone()) {
            try (RequestMdc.Scope scope = mdc()) {
                Gateway.LOG.error("request {} failed", id, cause);
            }
        }
        return GatewayResponse.problem(INTERNAL);
    }

    /**
     * @param problem a problem
     * @param headers extra headers, e.g. {@code Retry-After}
     * @return the problem ready to write, with this exchange's request id and trace id
     */
    public ProblemResponse problem(Problem problem, HttpHeaders headers) {
        return ProblemResponse.of(problem, headers, snapshot.requestIdHeader(), id,
                trace == null ? null : trace.traceId());
    }

    /**
     * @param failure why the upstream body failed
     * @return the problem to answer with while the response is not committed yet; empty when the failure is not an
     *     upstream fault (then the connection is to be cut)
     */
    public Optional<ProblemResponse> problemForFailedBody(Throwable failure) {
        return UpstreamFailures.toProblem(failure).map(problem -> problem(problem, HttpHeaders.empty()));
    }

    /**
     * @param action releases upstream work (cancels the exchange, frees its connection and its place in the route's
     *     circuit breaker); runs once, at the first of: the client goes away, the upstream fails after the response
     *     started, the exchange ends. Runs at once if the client is gone or the exchange has ended already
     */
    void onAbort(Runnable action) {
        synchronized (this) {
            if (!clientGone && !ended) {
                aborts.add(action);
                return;
            }
        }
        action.run();
    }

    /** @return the registered abort actions, each handed out once; call while holding this object's monitor */
    private List<Runnable> takeAborts() {
        List<Runnable> taken = List.copyOf(aborts);
        aborts.clear();
        return taken;
    }

    /**
     * The client went away: cancels the upstream work once.
     *
     * @return whether this call was the first to report it
     */
    public boolean clientGone() {
        List<Runnable> toRun;
        synchronized (this) {
            if (clientGone) {
                return false;
            }
            clientGone = true;
            if (outcome == Outcome.COMPLETED) {
                outcome = Outcome.CLIENT_GONE;
            }
            toRun = takeAborts();
        }
        toRun.forEach(Runnable::run);
        return true;
    }

    /** @return whether the client went away */
    public synchronized boolean isClientGone() {
        return clientGone;
    }

    /**
     * The upstream body failed after the response had started: releases the upstream work without marking the
     * client gone (the adapter is about to cut the connection).
     */
    public void upstreamFailedAfterHead() {
        List<Runnable> toRun;
        synchronized (this) {
            if (outcome == Outcome.COMPLETED) {
                outcome = Outcome.UPSTREAM_FAILED;
            }
            toRun = takeAborts();
        }
        toRun.forEach(Runnable::run);
    }

    /** The application's servlets take the request over. */
    public synchronized void passedToApplication() {
        if (outcome == Outcome.COMPLETED) {
            outcome = Outcome.APPLICATION;
        }
    }

    /** @return {@code true} for exactly one caller: the one that completes the container's response */
    public synchronized boolean claimCompletion() {
        if (completionClaimed) {
            return false;
        }
        completionClaimed = true;
        return true;
    }

    /**
     * Ends the exchange: runs the abort actions that have not run (whatever the upstream exchange still holds is let
     * go), emits {@link ExchangeEvent.Ended}, then leaves the admission cap and the configuration it ran on (the last
     * exchange to leave a replaced one lets its {@linkplain Gateway#reload reload} complete), once.
     *
     * @param status the status sent (or the application's), 0 when no head was sent
     * @param bytesOut response body bytes written by the gateway, -1 when the application wrote them
     */
    public void end(int status, long bytesOut) {
        Outcome how;
        List<Runnable> releases;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            how = outcome;
            releases = takeAborts();
        }
        for (Runnable release : releases) {
            try {
                release.run();
            } catch (RuntimeException e) {
                Gateway.LOG.error("request {}: releasing its upstream exchange failed", id, e);
            }
        }
        try {
            if (recorder != null) {
                ExchangeEvent.Ended end = recorder.ended(status, how, bytesOut,
                        Duration.ofNanos(System.nanoTime() - startNanos));
                try (RequestMdc.Scope scope = mdc()) {
                    recorder.heard.onEvent(end);
                }
            }
        } finally {
            snapshot.leave(admitted);
        }
    }

    /** @return whether {@link #end} has run */
    public synchronized boolean ended() {
        return ended;
    }

    /** What the proxy needs of this exchange: abort actions and the MDC scope for the threads it calls back on. */
    private class Proxied implements ProxyExchange {
        @Override
        public ExchangeListener listener() {
            return ExchangeListener.NONE;
        }

        @Override
        public void onAbort(Runnable action) {
            Exchange.this.onAbort(action);
        }

        @Override
        public RequestMdc.Scope mdc() {
            return Exchange.this.mdc();
        }
    }

    /**
     * While anyone listens: hears the pipeline's and the proxy's events, records what they say for
     * {@link ExchangeEvent.Ended}, and passes them on to the gateway's listeners and the exchange's span.
     */
    private final class Recorder extends Proxied implements ExchangeListener {
        private final ExchangeListener heard;
        private final ExchangeSpan span;
        private final ExchangeEvent.Started started;
        private volatile ExchangeEvent.StageAnswered answeredBy;
        private volatile ExchangeEvent.UpstreamCalled upstreamCalled;
        private volatile ExchangeEvent.UpstreamAnswered upstreamAnswered;
        private volatile ExchangeEvent.UpstreamFailed upstreamFailed;

        /**
         * @param heard the gateway's listeners, and the span when there is one
         * @param span the exchange's span, or null
         * @param started the exchange's first event
         */
        Recorder(ExchangeListener heard, ExchangeSpan span, ExchangeEvent.Started started) {
            this.heard = heard;
            this.span = span;
            this.started = started;
        }

        @Override
        public ExchangeListener listener() {
            return this;
        }

        @Override
        public TraceContext tryContext(ExchangeEvent.UpstreamCalled called) {
            if (span == null) {
                return null;
            }
            try {
                return span.upstreamTry(called);
            } catch (RuntimeException e) {
                Gateway.LOG.warn("request {}: the exchange span {} failed to open an upstream try; the try is sent "
                        + "with the exchange's trace context", id, span.getClass().getName(), e);
                return null;
            }
        }

        @Override
        public void onEvent(ExchangeEvent event) {
            if (event instanceof ExchangeEvent.StageAnswered answered) {
                answeredBy = answered;
                finalRequest = answered.request();
                answered.request().attribute(Routing.MATCH).ifPresent(match -> routeId = match.route().id());
            } else if (event instanceof ExchangeEvent.UpstreamCalled called) {
                upstreamCalled = called;
                upstreamAnswered = null;
                upstreamFailed = null;
            } else if (event instanceof ExchangeEvent.UpstreamAnswered answered) {
                upstreamAnswered = answered;
            } else if (event instanceof ExchangeEvent.UpstreamFailed failed) {
                upstreamFailed = failed;
            }
            heard.onEvent(event);
        }

        ExchangeEvent.Ended ended(int status, Outcome how, long bytesOut, Duration duration) {
            boolean application = how == Outcome.APPLICATION;
            long bytesIn = request != null && request.body() instanceof CountingBody counted ? counted.read() : 0;
            return new ExchangeEvent.Ended(id, Optional.ofNullable(finalRequest), status, how,
                    application ? -1 : bytesOut, duration, started, application ? -1 : bytesIn,
                    Optional.ofNullable(answeredBy), Optional.ofNullable(upstreamCalled),
                    Optional.ofNullable(upstreamAnswered), Optional.ofNullable(upstreamFailed));
        }
    }
}
