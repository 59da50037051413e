package dev.portcullis.api;

import java.util.concurrent.CompletionStage;

/**
 * The end of a pipeline: what serves a request that every interceptor let through. The servlet filter supplies the
 * handler that proxies routed requests upstream and passes the others to the application.
 *
 * <pre>{@code
 * Handler echo = request -> CompletableFuture.completedFuture(
 *     GatewayResponse.builder(200).body(Body.of(request.rawPath())).build());
 * }</pre>
 */
@FunctionalInterface
public interface Handler {

    /**
     * @param request the request after all interceptors
     * @return the response, now or later; never null
     */
    CompletionStage<GatewayResponse> handle(GatewayRequest request);
}
