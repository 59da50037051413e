/**
 * gateway-ratelimit's sections of the configuration file: bucket stores, policies, route policies and limiter
 * stages. The only package of gateway-config that touches gateway-ratelimit; loaded by name, only when the file uses
 * it. Internal: no compatibility promise.
 *
 * <pre>{@code
 * RateLimitFeature rateLimit = Features.load(Features.RATE_LIMIT, RateLimitFeature.class, origin, findings);
 * }</pre>
 */
package dev.portcullis.config.internal.ratelimit;
