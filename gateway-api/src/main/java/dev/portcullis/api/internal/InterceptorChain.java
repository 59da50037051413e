package dev.portcullis.api.internal;

import dev.portcullis.api.Chain;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Handler;
import dev.portcullis.api.Interceptor;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** The chain handed to interceptor {@code index}; enforces the {@link Interceptor} contract at run time. */
public final class InterceptorChain implements Chain {
    private final List<Interceptor> interceptors;
    private final Handler terminal;
    private final int index;
    private final GatewayRequest request;
    private final AtomicBoolean proceeded = new AtomicBoolean();

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
    public static CompletionStage<GatewayResponse> start(
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
        if (!proceeded.compareAndSet(false, true)) {
            throw new IllegalStateException("interceptor " + interceptors.get(index).name()
                    + " called proceed() more than once");
        }
        return new InterceptorChain(interceptors, terminal, index + 1, next).invoke();
    }

    private CompletionStage<GatewayResponse> invoke() {
        String who = index < interceptors.size() ? "interceptor " + interceptors.get(index).name() : "terminal handler";
        CompletionStage<GatewayResponse> stage;
        try {
            stage = index < interceptors.size()
                    ? interceptors.get(index).intercept(this)
                    : terminal.handle(request);
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
        if (stage == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(who + " returned null"));
        }
        return stage.thenApply(response -> {
            if (response == null) {
                throw new IllegalStateException(who + " completed with a null response");
            }
            return response;
        });
    }
}
