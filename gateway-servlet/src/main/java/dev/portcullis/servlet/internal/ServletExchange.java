package dev.portcullis.servlet.internal;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.core.Exchange;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.IncomingRequest;
import dev.portcullis.core.ProblemResponse;
import dev.portcullis.core.client.Subscriptions;
import dev.portcullis.core.logging.RequestMdc;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one {@link Exchange} over the servlet API. The pipeline runs on the container thread; when it has already
 * answered (a problem, or "pass to the application") the answer is written right there (the fast path). Otherwise
 * the request goes async, so no container thread waits for an upstream, and the outcome is written when it is known:
 * a problem by the {@link ProblemWriter}, an ordinary response by the {@link ResponsePump}, and "pass to the
 * application" by an {@code ASYNC} re-dispatch that {@link #resume(FilterChain)} continues.
 *
 * <p>Who decides what: the core {@link Exchange} owns every exactly-once decision (the client went away, who
 * completes the async context, the end of the exchange). This object only holds the container's handles (the async
 * context, the running pump, whether the resumed dispatch must abort the connection), each guarded by its monitor
 * in short sections that call nothing foreign except {@code startAsync}. The exchange ends once: when the initial
 * dispatch returns without async, when this exchange completes the async context itself or decides to cut the
 * connection (a container may never run the dispatch that cuts it, or report its end, once the client is gone), or
 * else when the container reports the async cycle complete (after a dispatch to the application).
 *
 * <p>Every entry point (the dispatches, the outcome's completion, the pump's and the container's callbacks) runs with
 * the exchange's MDC entries in place ({@link Exchange#mdc()}), the application's servlets included, and removes them
 * when it returns.
 */
final class ServletExchange implements AsyncListener {
    static final String RESUME_ATTRIBUTE = ServletExchange.class.getName() + ".resume";
    private static final Logger LOG = LoggerFactory.getLogger("dev.portcullis.servlet.GatewayFilter");

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Departure departure = new Departure();
    private Exchange exchange;
    private long declaredLength;
    private volatile long bytesOut;

    private AsyncContext async;
    private ResponsePump pump;
    private boolean abortAfterCommit;

    private ServletExchange(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
    }

    /**
     * Runs a request on its initial dispatch.
     *
     * @param gateway the gateway
     * @param request the servlet request
     * @param response the servlet response
     * @param chain the rest of the container's chain
     * @throws IOException from the application, or to abort a connection whose response failed after commit
     * @throws ServletException from the application
     */
    static void start(Gateway gateway, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ServletExchange servlet = new ServletExchange(request, response);
        IncomingRequest incoming = ServletRequests.incoming(request, servlet::openBody);
        servlet.declaredLength = incoming.declaredLength();
        servlet.exchange = gateway.open(incoming);
        try (RequestMdc.Scope scope = servlet.exchange.mdc()) {
            servlet.run(chain);
        } finally {
            servlet.endUnlessAsync();
        }
    }

    private Body openBody(long length) {
        return new ServletBody(this::startAsyncAndOpen, length, this::mdc);
    }

    private RequestMdc.Scope mdc() {
        return exchange.mdc();
    }

    private void run(FilterChain chain) throws IOException, ServletException {
        Optional<ProblemResponse> refusal = exchange.refusal();
        if (refusal.isPresent()) {
            writeProblem(refusal.get());
            return;
        }
        response.setHeader(exchange.requestIdHeader(), exchange.id());
        CompletableFuture<GatewayResponse> outcome = exchange.run();
        GatewayResponse now = null;
        synchronized (this) {
            if (async == null && outcome.isDone()) {
                now = outcome.join();
            }
        }
        if (now != null && now.passesToApplication()) {
            exchange.passedToApplication();
            now.headers().forEach(response::addHeader);
            chain.doFilter(applicationRequest(), response);
            return;
        }
        if (now != null && now.problem().isPresent()) {
            writeProblem(exchange.problem(now.problem().get(), now.headers()));
            return;
        }
        startAsync();
        outcome.thenAccept(this::finish);
    }

    /** Ends the exchange now if the dispatch did not go async; else the async cycle's end does. */
    private void endUnlessAsync() {
        boolean asyncEnds;
        synchronized (this) {
            if (async == null && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(departure);
            }
            asyncEnds = async != null || request.isAsyncStarted();
        }
        if (!asyncEnds) {
            exchange.end(response.getStatus(), bytesOut);
        }
    }

    /** Continues on the {@code ASYNC} re-dispatch this exchange asked for. */
    void resume(FilterChain chain) throws IOException, ServletException {
        boolean abort;
        synchronized (this) {
            abort = abortAfterCommit;
        }
        try (RequestMdc.Scope scope = exchange.mdc()) {
            if (abort) {
                abortConnection();
            }
            chain.doFilter(applicationRequest(), response);
        }
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
            LOG.trace("request {}: sendError(-1) refused; failing the dispatch instead", exchange.id());
        }
        throw new IOException("request " + exchange.id() + ": the upstream failed after the response was committed");
    }

    /** Writes the outcome of an exchange that went async; on whatever thread the outcome completed. */
    private void finish(GatewayResponse outcome) {
        try (RequestMdc.Scope scope = exchange.mdc()) {
            write(outcome);
        }
    }

    private void write(GatewayResponse outcome) {
        if (exchange.isClientGone()) {
            Subscriptions.cancel(outcome.body());
            return;
        }
        try {
            if (outcome.passesToApplication()) {
                exchange.passedToApplication();
                outcome.headers().forEach(response::addHeader);
                request.setAttribute(RESUME_ATTRIBUTE, this);
                dispatchOnce();
            } else if (outcome.problem().isPresent()) {
                writeProblem(exchange.problem(outcome.problem().get(), outcome.headers()));
                completeOnce();
            } else {
                ResponseHead.write(response, outcome);
                response.setHeader(exchange.requestIdHeader(), exchange.id());
                ResponsePump started = new ResponsePump(response.getOutputStream(), new PumpOutcome(),
                        this::mdc);
                synchronized (this) {
                    pump = started;
                }
                outcome.body().subscribe(started);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("request {}: writing the response failed", exchange.id(), e);
            clientGone();
        }
    }

    private void writeProblem(ProblemResponse problem) throws IOException {
        bytesOut = ProblemWriter.write(request, response, problem, declaredLength);
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
        request.setAttribute(ProblemWriter.BODY_OPENED, Boolean.TRUE);
        return request.getInputStream();
    }

    private ApplicationRequest applicationRequest() {
        return new ApplicationRequest(request, exchange.request(), exchange.clientBody());
    }

    /** The client went away: cancel the upstream exchange, stop the pump, complete the async context. */
    private void clientGone() {
        if (!exchange.clientGone()) {
            return;
        }
        ResponsePump current;
        synchronized (this) {
            current = pump;
        }
        if (current != null) {
            current.clientGone(new IOException("client gone"));
        }
        completeOnce();
    }

    /**
     * Completes the async context if no one else has, and ends the exchange: the container may not report the
     * completion of a cycle whose client is gone (Jetty calls no {@code onComplete} after a failed write), so the
     * exchange does not wait for that report.
     */
    private void completeOnce() {
        if (exchange.claimCompletion()) {
            try {
                async().complete();
            } catch (IllegalStateException alreadyDone) {
                LOG.trace("request {}: async context already complete", exchange.id());
            }
            exchange.end(response.getStatus(), bytesOut);
        }
    }

    private void dispatchOnce() {
        if (exchange.claimCompletion()) {
            async().dispatch();
        }
    }

    private synchronized AsyncContext async() {
        return async;
    }

    @Override
    public void onComplete(AsyncEvent event) {
        synchronized (this) {
            if (pump == null) {
                return;
            }
        }
        try (RequestMdc.Scope scope = exchange.mdc()) {
            clientGone();
        }
    }

    /**
     * The async timeout is 0 (none: a streamed body has no total deadline, the upstream client's idle timeout bounds
     * silence); should a container time the exchange out anyway, or fail it, the exchange is completed here unless
     * someone already completed it.
     */
    @Override
    public void onTimeout(AsyncEvent event) {
        try (RequestMdc.Scope scope = exchange.mdc()) {
            clientGone();
            completeOnce();
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        try (RequestMdc.Scope scope = exchange.mdc()) {
            clientGone();
            completeOnce();
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        try (RequestMdc.Scope scope = exchange.mdc()) {
            LOG.trace("request {}: async restarted by the application", exchange.id());
        }
    }

    /** Ends the exchange when its async cycle completes; follows it into an async cycle the application starts. */
    private final class Departure implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            exchange.end(response.getStatus(), bytesOut);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            try (RequestMdc.Scope scope = exchange.mdc()) {
                LOG.trace("request {}: async timeout; ending on completion", exchange.id());
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            try (RequestMdc.Scope scope = exchange.mdc()) {
                LOG.trace("request {}: async error; ending on completion", exchange.id());
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    /** Ends the exchange once the pump is done. */
    private final class PumpOutcome implements ResponsePump.Outcome {
        @Override
        public void completed(long written) {
            bytesOut = written;
            synchronized (ServletExchange.this) {
                pump = null;
            }
            completeOnce();
        }

        @Override
        public void upstreamFailed(Throwable failure) {
            Optional<ProblemResponse> problem = exchange.problemForFailedBody(failure);
            if (!response.isCommitted() && problem.isPresent()) {
                try {
                    writeProblem(problem.get());
                    completeOnce();
                } catch (IOException | RuntimeException e) {
                    clientGone();
                }
                return;
            }
            LOG.warn("request {}: the upstream body failed after the response started; aborting", exchange.id());
            exchange.upstreamFailedAfterHead();
            synchronized (ServletExchange.this) {
                abortAfterCommit = true;
            }
            exchange.end(response.getStatus(), bytesOut);
            request.setAttribute(RESUME_ATTRIBUTE, ServletExchange.this);
            dispatchOnce();
        }

        @Override
        public void clientFailed(Throwable failure) {
            clientGone();
        }
    }
}
