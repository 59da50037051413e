package dev.portcullis.api;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The chain handed to interceptor {@code index}; enforces the {@link Interceptor} contract at run time: proceed at
 * most once, never return or complete with null. Breaches fail the stage with an {@link IllegalStateException} that
 * names the interceptor. A stage that is already complete is passed back as is, so a synchronous pipeline costs one
 * small chain object per interceptor and nothing more.
 */
final class InterceptorChain implements Chain {
    private static final AtomicIntegerFieldUpdater<InterceptorChain> PROCEEDED =
            AtomicIntegerFieldUpdater.newUpdater(InterceptorChain.class, "proceeded");

    private final List<Interceptor> interceptors;
    private final Handler terminal;
    private final int index;
    private final GatewayRequest request;
    private final ExchangeListener listener;
    private volatile int proceeded;

    private InterceptorChain(List<Interceptor> interceptors, Handler terminal, int index, GatewayRequest request,
                             ExchangeListener listener) {
        this.interceptors = interceptors;
        this.terminal = terminal;
        this.index = index;
        this.request = request;
        this.listener = listener;
    }

    /**
     * Runs {@code request} through {@code interceptors}, then {@code terminal}.
     *
     * @param interceptors the stages, in order
     * @param terminal the end of the pipeline
     * @param request the request
     * @param listener hears {@link ExchangeEvent.StageAnswered} when a stage answers without proceeding
     * @return the response; exceptional on a contract breach or an interceptor's exception
     */
    static CompletionStage<GatewayResponse> start(
            List<Interceptor> interceptors, Handler terminal, GatewayRequest request, ExchangeListener listener) {
        return new InterceptorChain(interceptors, terminal, 0, request, listener).invoke();
    }

    @Override
    public GatewayRequest request() {
        return request;
    }

    @Override
    public CompletionStage<GatewayResponse> proceed(GatewayRequest next) {
        Objects.requireNonNull(next, "request");
        if (!PROCEEDED.compareAndSet(this, 0, 1)) {
            throw new IllegalStateException("interceptor " + interceptors.get(index).name()
                    + " called proceed() more than once");
        }
        return new InterceptorChain(interceptors, terminal, index + 1, next, listener).invoke();
    }

    private CompletionStage<GatewayResponse> invoke() {
        CompletionStage<GatewayResponse> stage;
        try {
            stage = index < interceptors.size()
                    ? interceptors.get(index).intercept(this)
                    : terminal.handle(request);
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
        if (stage == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(who() + " returned null"));
        }
        if (stage instanceof CompletableFuture<GatewayResponse> future && future.isDone()) {
            if (future.isCompletedExceptionally()) {
                return future;
            }
            GatewayResponse response = future.join();
            if (response == null) {
                return nullResponse();
            }
            reportIfAnswered(response);
            return future;
        }
        return stage.thenApply(response -> {
            if (response == null) {
                throw new IllegalStateException(who() + " completed with a null response");
            }
            reportIfAnswered(response);
            return response;
        });
    }

    /** Tells the listener when this chain's interceptor answered the request itself instead of proceeding. */
    private void reportIfAnswered(GatewayResponse response) {
        if (proceeded == 0 && index < interceptors.size() && listener != ExchangeListener.NONE) {
            listener.onEvent(new ExchangeEvent.StageAnswered(request.id(), interceptors.get(index).name(),
                    response.status(), response.problem().map(problem -> problem.type()), request));
        }
    }

    private CompletableFuture<GatewayResponse> nullResponse() {
        return CompletableFuture.failedFuture(new IllegalStateException(who() + " completed with a null response"));
    }

    private String who() {
        return index < interceptors.size() ? "interceptor " + interceptors.get(index).name() : "terminal handler";
    }
}
