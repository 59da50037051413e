package dev.portcullis.api.ratelimit;

import dev.portcullis.api.GatewayRequest;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a request may pass under the rate limits that apply to it, and takes its cost from the quota when
 * it may. {@link RateLimiting#interceptor(RateLimiter)} turns the decision into the pipeline's answer.
 *
 * <p>Contract: thread-safe, never blocks (a remote store answers through the returned stage), never returns
 * {@code null}. A store that cannot be reached is reported as {@link RateLimitDecision.StoreUnavailable}, not as an
 * exceptional stage; an exceptional stage is treated as the gateway's own fault (500).
 *
 * <pre>{@code
 * RateLimiter everyoneOnce = request -> CompletableFuture.completedFuture(RateLimitDecision.notLimited());
 * Interceptor stage = RateLimiting.interceptor(everyoneOnce);
 * }</pre>
 */
@FunctionalInterface
public interface RateLimiter {

    /**
     * @param request the request, with the attributes earlier stages set (matched route, principal)
     * @return the decision, now or later
     */
    CompletionStage<RateLimitDecision> decide(GatewayRequest request);
}
