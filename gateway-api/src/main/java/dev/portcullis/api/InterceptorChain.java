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
    private volatile int proceeded;

    private InterceptorChain(List<Interceptor> interceptors, Handler terminal, int index, GatewayRequest request) {
        this.interceptors = interceptors;
        this.terminal = terminal;
        this.index = index;
        this.request = request;
    }

    /**
     * Runs {@code request} through {@code interceptors}, then {@code terminal}.
     *
     * @param interceptors the stages, in order
     * @param terminal the end of the pipeline
     * @param request the request
     * @return the response; exceptional on a contract breach or an interceptor's exception
     */
    static CompletionStage<GatewayResponse> start(
            List<Interceptor> interceptors, Handler terminal, GatewayRequest request) {
        return new InterceptorChain(interceptors, terminal, 0, request).invoke();
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
        return new InterceptorChain(interceptors, terminal, index + 1, next).invoke();
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
            return future.isCompletedExceptionally() || future.join() != null ? future : nullResponse();
        }
        return stage.thenApply(response -> {
            if (response == null) {
                throw new IllegalStateException(who() + " completed with a null response");
            }
            return response;
        });
    }

    private CompletableFuture<GatewayResponse> nullResponse() {
        return CompletableFuture.failedFuture(new IllegalStateException(who() + " completed with a null response"));
    }

    private String who() {
        return index < interceptors.size() ? "interceptor " + interceptors.get(index).name() : "terminal handler";
    }
}
