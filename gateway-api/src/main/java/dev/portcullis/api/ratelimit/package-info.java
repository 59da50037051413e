/**
 * Rate limiting: the {@link dev.portcullis.api.ratelimit.RateLimiter} decision SPI, its closed result family
 * {@link dev.portcullis.api.ratelimit.RateLimitDecision}, and {@link dev.portcullis.api.ratelimit.RateLimiting},
 * which adapts a limiter into the pipeline: 429 {@code application/problem+json} with {@code Retry-After}, the IETF
 * {@code RateLimit-Policy} / {@code RateLimit} fields on every response of a limited route, and a documented
 * fail-open or fail-closed answer when the limiter's store is down.
 *
 * <p>The standard limiter (policies, keys, local and Redis buckets) lives in the module
 * {@code gateway-ratelimit}, package {@code dev.portcullis.ratelimit}.
 */
package dev.portcullis.api.ratelimit;
