package dev.portcullis.core;

import dev.portcullis.api.ExchangeEvent.Outcome;
import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.internal.proxy.UpstreamFailures;
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
 */
public final class Exchange {
    private static final Problem INTERNAL = Problem.builder(ProblemTypes.INTERNAL_ERROR, 500, "Internal Server Error")
            .detail("The gateway failed; the request id identifies the log entry.").build();

    private final Gateway gateway;
    private final String id;
    private final long startNanos;
    private final boolean admitted;
    private final GatewayRequest request;
    private final ProblemResponse refusal;
    private volatile GatewayRequest finalRequest;

    private final List<Runnable> aborts = new ArrayList<>(2);
    private boolean clientGone;
    private boolean completionClaimed;
    private boolean ended;
    private Outcome outcome = Outcome.COMPLETED;

    Exchange(Gateway gateway, String id, long startNanos, boolean admitted, GatewayRequest request,
             ProblemResponse refusal) {
        this.gateway = gateway;
        this.id = id;
        this.startNanos = startNanos;
        this.admitted = admitted;
        this.request = request;
        this.refusal = refusal;
        this.finalRequest = request;
    }

    /** @return the 500 problem for a failure of the gateway's own */
    static Problem internalError() {
        return INTERNAL;
    }

    /** @return the request id, sent back in the request-id header */
    public String id() {
        return id;
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
        try {
            outcome = gateway.pipeline().execute(request, this::terminal, gateway.listener()).toCompletableFuture();
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
        return gateway.proxy().forward(routed, match.get(), this::onAbort);
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
            Gateway.LOG.error("request {} failed", id, cause);
        }
        return GatewayResponse.problem(INTERNAL);
    }

    /**
     * @param problem a problem
     * @param headers extra headers, e.g. {@code Retry-After}
     * @return the problem ready to write, with this exchange's request id
     */
    public ProblemResponse problem(Problem problem, HttpHeaders headers) {
        return ProblemResponse.of(problem, headers, gateway.requestIdHeader(), id);
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
     * go), leaves the admission cap and emits {@link ExchangeEvent.Ended}, once.
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
        gateway.left(admitted);
        gateway.emit(() -> new ExchangeEvent.Ended(id, Optional.ofNullable(finalRequest), status, how,
                how == Outcome.APPLICATION ? -1 : bytesOut, Duration.ofNanos(System.nanoTime() - startNanos)));
    }

    /** @return whether {@link #end} has run */
    public synchronized boolean ended() {
        return ended;
    }
}
