package dev.portcullis.api;

import java.util.concurrent.CompletionStage;

/**
 * One stage of the gateway pipeline: observes, changes, or answers a request.
 *
 * <p>The contract, checked at run time by the {@link Chain}:
 * <ul>
 *   <li>Read the request with {@link Chain#request()}. Either answer it yourself (short-circuit: a 401, a 429, a
 *       cached answer) by returning a response without calling {@code proceed}, or return the stage from
 *       {@link Chain#proceed(GatewayRequest)}, possibly with a new request value and possibly transforming the
 *       response it completes with.</li>
 *   <li>Call {@code proceed} at most once. A second call fails with {@link IllegalStateException} naming this
 *       interceptor.</li>
 *   <li>Never return {@code null} and never complete the stage with {@code null}: both fail the request with a
 *       500 and a log line naming this interceptor.</li>
 *   <li>Do not block: waiting on I/O belongs in the returned {@link CompletionStage}. An exception thrown or a stage
 *       completed exceptionally becomes a 500 problem, logged once with the request id.</li>
 * </ul>
 *
 * <p>Interceptors are built once and shared by all requests, so they must be thread-safe and hold no per-request
 * state; per-request state travels as {@linkplain AttributeKey attributes} on the request.
 *
 * <pre>{@code
 * Interceptor stamp = chain -> chain.proceed(chain.request())
 *     .thenApply(response -> response.withHeader("X-Gateway", "portcullis"));
 * }</pre>
 */
@FunctionalInterface
public interface Interceptor {

    /**
     * @param chain the rest of the pipeline and the current request
     * @return the response, now or later
     */
    CompletionStage<GatewayResponse> intercept(Chain chain);

    /** @return a name for logs and error messages; the simple class name unless overridden */
    default String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() || simple.contains("$$Lambda") ? getClass().getName() : simple;
    }

    /**
     * Gives an interceptor a name for logs and error messages, useful for lambdas.
     *
     * @param name the name
     * @param interceptor the interceptor
     * @return an interceptor that behaves like {@code interceptor} and reports {@code name}
     */
    static Interceptor named(String name, Interceptor interceptor) {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(interceptor, "interceptor");
        return new Interceptor() {
            @Override
            public CompletionStage<GatewayResponse> intercept(Chain chain) {
                return interceptor.intercept(chain);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
