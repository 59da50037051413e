package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import java.util.Map;

/**
 * Bucket stores, policies and limiter stages.
 *
 * <pre>{@code
 * rateLimiting:
 *   stores: {local: {local: {}}}
 *   policies:
 *     per-ip: {limits: [{name: burst, quota: 20, window: 1s, refill: greedy}], key: client-ip}
 *   limiters:
 *     ipLimit: {defaultPolicy: per-ip, store: local}
 * }</pre>
 *
 * @param stores named bucket stores
 * @param policies named policies
 * @param limiters named limiter stages
 */
@Doc("Rate limiting: where buckets live, the policies, and the limiter stages the pipeline names.")
public record RateLimitingModel(
        @Doc("Bucket stores by name.") Map<String, StoreModel> stores,
        @Doc("Policies by name; routes name one with rateLimit.") Map<String, PolicyModel> policies,
        @Doc("Limiter stages by name; put the name in the pipeline.") Map<String, LimiterModel> limiters) {
}
