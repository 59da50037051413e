package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;

/**
 * One limiter stage ({@code RateLimiting} over a {@code PolicyRateLimiter}); its name is its key in
 * {@code rateLimiting.limiters} and its name in the pipeline.
 *
 * <pre>{@code
 * limiters:
 *   userLimit: {defaultPolicy: per-user, store: local, name: UserRateLimit, legacyHeaders: true}
 * }</pre>
 *
 * @param defaultPolicy the policy of requests whose route names none
 * @param store the store of policies without their own
 * @param name the stage's name in describe() and logs
 * @param legacyHeaders whether X-RateLimit-* are added
 * @param hideHeaders whether no rate-limit fields are sent
 */
@Doc("A limiter stage: a route's own policy, else its default policy, else no limit.")
public record LimiterModel(
        @Doc("The policy of requests whose route names none (and of unrouted ones); default none.") String defaultPolicy,
        @Doc("The store of policies without one of their own; default a local store of this limiter's.") String store,
        @Doc("The stage's name in describe() and logs, default RateLimiting.") String name,
        @Doc("Add X-RateLimit-Limit/-Remaining/-Reset; default false.") Boolean legacyHeaders,
        @Doc("Send no rate-limit fields (a 429/503 still has Retry-After); default false.") Boolean hideHeaders) {
}
