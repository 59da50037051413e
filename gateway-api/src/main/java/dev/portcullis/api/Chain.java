package dev.portcullis.api;

import java.util.concurrent.CompletionStage;

/**
 * What an {@link Interceptor} sees of the pipeline: the current request, and the way on to the rest.
 *
 * <p>A chain instance belongs to one interceptor invocation. {@link #proceed(GatewayRequest)} may be called at most
 * once on it; a second call throws {@link IllegalStateException} naming the interceptor.
 *
 * <pre>{@code
 * Interceptor tagTenant = chain -> chain.proceed(chain.request().withAttribute(TENANT, resolve(chain.request())));
 * }</pre>
 */
public interface Chain {

    /** @return the request as handed to this interceptor */
    GatewayRequest request();

    /**
     * Passes a request on to the next interceptor, or to the pipeline's terminal handler after the last one.
     *
     * @param request the request to continue with: {@link #request()} or a changed copy of it
     * @return the response of the rest of the pipeline
     * @throws IllegalStateException if this chain has already proceeded
     */
    CompletionStage<GatewayResponse> proceed(GatewayRequest request);
}
