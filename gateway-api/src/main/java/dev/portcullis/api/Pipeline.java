package dev.portcullis.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * An ordered, immutable list of {@link Interceptor}s. The order is exactly the order of {@link Builder#add}: the
 * first interceptor added sees the request first and the response last. {@link #describe()} prints it, and the
 * filter logs it at startup, so the order is never a guess.
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.builder()
 *     .add(RequestLog.interceptor())
 *     .add(Routing.interceptor(routes))
 *     .add(Authentication.interceptor(jwt))
 *     .build();
 * CompletionStage<GatewayResponse> response = pipeline.execute(request, terminalHandler);
 * }</pre>
 *
 * <p>Thread-safe; build once, execute concurrently.
 */
public final class Pipeline {
    private final List<Interceptor> interceptors;

    private Pipeline(List<Interceptor> interceptors) {
        this.interceptors = List.copyOf(interceptors);
    }

    /** @return a builder for a new pipeline */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the interceptors, in order */
    public List<Interceptor> interceptors() {
        return interceptors;
    }

    /**
     * Runs the request through every interceptor and then {@code terminal}.
     *
     * <p>The returned stage never completes with {@code null}. A contract breach (an interceptor returned or
     * completed with null, or proceeded twice) completes it exceptionally with an {@link IllegalStateException}
     * naming the interceptor; an exception thrown by an interceptor completes it exceptionally with that exception.
     *
     * @param request the incoming request
     * @param terminal serves the request after the last interceptor
     * @return the response
     */
    public CompletionStage<GatewayResponse> execute(GatewayRequest request, Handler terminal) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(terminal, "terminal");
        return InterceptorChain.start(interceptors, terminal, request);
    }

    /** @return the stages in order, e.g. {@code "RequestLog -> Routing -> Authentication"} */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Interceptor interceptor : interceptors) {
            text.append(text.length() == 0 ? "" : " -> ").append(interceptor.name());
        }
        return text.length() == 0 ? "(no interceptors)" : text.toString();
    }

    @Override
    public String toString() {
        return "Pipeline[" + describe() + ']';
    }

    /** Collects the interceptors of a {@link Pipeline}, in order. Not thread-safe. */
    public static final class Builder {
        private final List<Interceptor> interceptors = new ArrayList<>();

        private Builder() {
        }

        /** @param interceptor the next stage @return this builder */
        public Builder add(Interceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** @param more further stages, in order @return this builder */
        public Builder addAll(List<? extends Interceptor> more) {
            more.forEach(this::add);
            return this;
        }

        /** @return the pipeline */
        public Pipeline build() {
            return new Pipeline(interceptors);
        }
    }
}
