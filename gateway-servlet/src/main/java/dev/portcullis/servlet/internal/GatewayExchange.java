package dev.portcullis.servlet.internal;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.RequestIds;
import dev.portcullis.core.client.Subscriptions;
import dev.portcullis.core.internal.Aborts;
import dev.portcullis.core.internal.Admission;
import dev.portcullis.core.internal.proxy.HeaderHygiene;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's way through the filter. The pipeline runs on the container thread; when it has already answered
 * "pass to application" without needing async I/O, the application runs right there (the fast path). Otherwise the
 * request goes async (no container thread waits for an upstream) and the outcome is written when it is known:
 * a problem by the {@link ProblemRenderer}, an ordinary response by the {@link ResponsePump}, and "pass to
 * application" by an {@code ASYNC} re-dispatch that {@link #resume(FilterChain)} continues.
 *
 * <p>The exchange was admitted by the engine's {@link Admission} and leaves it exactly once: when the initial
 * dispatch returns without async, or else when the async cycle completes (a container calls {@code onComplete}
 * after every complete, error, timeout and client abort).
 */
final class GatewayExchange implements AsyncListener {
    private static final HttpHeaders CLOSE = HttpHeaders.builder().set("Connection", "close").build();
    private static final Problem INTERNAL = Problem.builder(ProblemTypes.INTERNAL_ERROR, 500, "Internal Server Error")
            .detail("The gateway failed; the request id identifies the log entry.").build();
    private final FilterEngine engine;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Aborts aborts = new Aborts();
    private String id;
    private Body originalBody;
    private volatile GatewayRequest finalRequest;
    private AsyncContext async;
    private ResponsePump pump;
    private boolean abortAfterCommit;
    private final Departure departure = new Departure();

    GatewayExchange(FilterEngine engine, HttpServletRequest request, HttpServletResponse response) {
        this.engine = engine;
        this.request = request;
        this.response = response;
    }

    /** Runs the exchange on the initial dispatch; it leaves the admission cap now or when its async cycle ends. */
    void start(FilterChain chain) throws IOException, ServletException {
        try {
            run(chain);
        } finally {
            boolean asyncEnds;
            synchronized (this) {
                if (async == null && request.isAsyncStarted()) {
                    request.getAsyncContext().addListener(departure);
                }
                asyncEnds = async != null || request.isAsyncStarted();
            }
            if (!asyncEnds) {
                departure.leave();
            }
        }
    }

    private void run(FilterChain chain) throws IOException, ServletException {
        if (!prepare()) {
            return;
        }
        CompletableFuture<GatewayResponse> outcome;
        try {
            outcome = engine.pipeline.execute(finalRequest, this::terminal).toCompletableFuture();
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        synchronized (this) {
            if (async == null && outcome.isDone()) {
                GatewayResponse now = outcome.handle(this::settle).join();
                if (now.passesToApplication()) {
                    now.headers().forEach(response::addHeader);
                    chain.doFilter(applicationRequest(), response);
                    return;
                }
                if (now.problem().isPresent()) {
                    engine.renderer.write(request, response, now.problem().get(), now.headers(), id);
                    return;
                }
            }
            startAsync();
        }
        outcome.handle(this::settle).thenAccept(this::finish);
    }

    /**
     * Reads the request into {@link #finalRequest}, or answers it: 400 for a path or header the gateway refuses, 500
     * for anything else that fails here, so no exception reaches the container (which would render its own page).
     *
     * @return whether the request is ready for the pipeline
     */
    private boolean prepare() throws IOException {
        try {
            InetAddress peer = RequestAdapter.peerOf(request);
            id = RequestIds.choose(request.getHeader(engine.requestIdHeader), engine.trusted.trusts(peer));
            response.setHeader(engine.requestIdHeader, id);
            Optional<Problem> badMethod = engine.methods.check(request.getMethod());
            if (badMethod.isPresent()) {
                return refuse(badMethod.get());
            }
            Optional<Problem> badFraming = FramingGuard.check(request);
            if (badFraming.isPresent()) {
                engine.renderer.write(request, response, badFraming.get(), CLOSE, id);
                return false;
            }
            Optional<String> invalid = engine.guard.check(request.getRequestURI(), request.getQueryString());
            if (invalid.isPresent()) {
                return refuse(Problem.builder(ProblemTypes.INVALID_PATH, 400, "Invalid Path").detail(invalid.get()).build());
            }
            HttpHeaders headers;
            try {
                headers = HeaderHygiene.endToEnd(RequestAdapter.headersOf(request));
            } catch (IllegalArgumentException e) {
                return refuse(Problem.builder(ProblemTypes.BAD_REQUEST, 400, "Bad Request")
                        .detail("A request header holds a character the gateway cannot forward.").build());
            }
            long length = RequestAdapter.declaredLength(request);
            originalBody = length == 0 ? Body.empty() : new ServletBody(this::startAsyncAndOpen, length);
            finalRequest = engine.adapter.adapt(request, id, peer, headers, originalBody);
            return true;
        } catch (RuntimeException e) {
            FilterEngine.LOG.error("request {} failed before the pipeline", id, e);
            return refuse(INTERNAL);
        }
    }

    private boolean refuse(Problem problem) throws IOException {
        if (id == null) {
            id = RequestIds.choose(null, false);
            response.setHeader(engine.requestIdHeader, id);
        }
        engine.renderer.write(request, response, problem, HttpHeaders.empty(), id);
        return false;
    }

    /** Continues on the {@code ASYNC} re-dispatch this exchange asked for. */
    void resume(FilterChain chain) throws IOException, ServletException {
        if (abortAfterCommit) {
            abortConnection();
        }
        chain.doFilter(applicationRequest(), response);
    }

    /**
     * Aborts the client connection of a committed response, so the client cannot mistake a truncated body for a
     * complete one. The servlet API has no call for this: Jetty aborts on {@code sendError(-1)}; Tomcat refuses
     * {@code sendError} once committed but closes the connection when the dispatch ends with an exception, which
     * follows in both containers.
     */
    private void abortConnection() throws IOException {
        try {
            response.sendError(-1);
        } catch (IllegalStateException | IOException committed) {
            FilterEngine.LOG.trace("request {}: sendError(-1) refused; failing the dispatch instead", id);
        }
        throw new IOException("request " + id + ": the upstream failed after the response was committed");
    }

    private CompletionStage<GatewayResponse> terminal(GatewayRequest routed) {
        finalRequest = routed;
        Optional<RouteMatch> match = routed.attribute(Routing.MATCH);
        if (match.isEmpty()) {
            return CompletableFuture.completedFuture(GatewayResponse.passToApplication());
        }
        return engine.proxy.forward(routed, match.get(), aborts::add);
    }

    private GatewayResponse settle(GatewayResponse outcome, Throwable failure) {
        if (failure == null) {
            return outcome;
        }
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof dev.portcullis.api.ProblemException answer) {
            return GatewayResponse.problem(answer.problem());
        }
        if (!aborts.fired()) {
            FilterEngine.LOG.error("request {} failed", id, cause);
        }
        return GatewayResponse.problem(INTERNAL);
    }

    private void finish(GatewayResponse outcome) {
        if (aborts.fired()) {
            Subscriptions.cancel(outcome.body());
            return;
        }
        try {
            if (outcome.passesToApplication()) {
                outcome.headers().forEach(response::addHeader);
                request.setAttribute(FilterEngine.RESUME_ATTRIBUTE, this);
                async.dispatch();
            } else if (outcome.problem().isPresent()) {
                engine.renderer.write(request, response, outcome.problem().get(), outcome.headers(), id);
                async.complete();
            } else {
                ResponseHead.write(response, outcome);
                response.setHeader(engine.requestIdHeader, id);
                ResponsePump started = new ResponsePump(response.getOutputStream(), new PumpOutcome());
                synchronized (this) {
                    pump = started;
                }
                outcome.body().subscribe(started);
            }
        } catch (IOException | RuntimeException e) {
            FilterEngine.LOG.debug("request {}: writing the response failed", id, e);
            clientGone();
        }
    }

    private synchronized void startAsync() {
        if (async == null) {
            async = request.startAsync();
            async.setTimeout(0);
            async.addListener(this);
            async.addListener(departure);
        }
    }

    private ServletInputStream startAsyncAndOpen() throws IOException {
        startAsync();
        request.setAttribute(ProblemRenderer.BODY_OPENED, Boolean.TRUE);
        return request.getInputStream();
    }

    private ApplicationRequest applicationRequest() {
        return new ApplicationRequest(request, finalRequest, originalBody);
    }

    /** The client went away: cancel the upstream exchange and release everything. */
    private void clientGone() {
        if (!aborts.fire()) {
            return;
        }
        ResponsePump current;
        synchronized (this) {
            current = pump;
        }
        if (current != null) {
            current.clientGone(new IOException("client gone"));
        }
        completeQuietly();
    }

    private void completeQuietly() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            FilterEngine.LOG.trace("request {}: async context already complete", id);
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        synchronized (this) {
            if (pump == null) {
                return;
            }
        }
        clientGone();
    }

    /**
     * The async timeout is 0 (none: a streamed body has no total deadline, the upstream client's idle timeout bounds
     * silence); should a container time the exchange out anyway, or fail it, the exchange ends here even when an
     * abort already fired.
     */
    @Override
    public void onTimeout(AsyncEvent event) {
        clientGone();
        completeQuietly();
    }

    @Override
    public void onError(AsyncEvent event) {
        clientGone();
        completeQuietly();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        FilterEngine.LOG.trace("request {}: async restarted by the application", id);
    }

    /**
     * Leaves the admission cap once, when the async cycle completes; follows the request into an async cycle the
     * application starts again.
     */
    private final class Departure implements AsyncListener {
        private final AtomicBoolean gone = new AtomicBoolean();

        void leave() {
            if (gone.compareAndSet(false, true)) {
                engine.admission.leave();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            leave();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            FilterEngine.LOG.trace("request {}: async timeout; leaving on completion", id);
        }

        @Override
        public void onError(AsyncEvent event) {
            FilterEngine.LOG.trace("request {}: async error; leaving on completion", id);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    /** Ends the exchange once the pump is done. */
    private final class PumpOutcome implements ResponsePump.Outcome {
        @Override
        public void completed() {
            synchronized (GatewayExchange.this) {
                pump = null;
            }
            completeQuietly();
        }

        @Override
        public void upstreamFailed(Throwable failure) {
            Optional<Problem> problem = dev.portcullis.core.internal.proxy.UpstreamFailures.toProblem(failure);
            if (!response.isCommitted() && problem.isPresent()) {
                try {
                    engine.renderer.write(request, response, problem.get(), HttpHeaders.empty(), id);
                    completeQuietly();
                    return;
                } catch (IOException | RuntimeException e) {
                    clientGone();
                    return;
                }
            }
            FilterEngine.LOG.warn("request {}: the upstream body failed after the response started; aborting", id);
            aborts.runWithoutFiring();
            abortAfterCommit = true;
            request.setAttribute(FilterEngine.RESUME_ATTRIBUTE, GatewayExchange.this);
            async.dispatch();
        }

        @Override
        public void clientFailed(Throwable failure) {
            clientGone();
        }
    }
}
