/**
 * The standard rate limiter on Bucket4j: {@link dev.portcullis.ratelimit.RateLimitPolicy policies} of one or
 * more {@link dev.portcullis.ratelimit.Limit limits}, per route or global;
 * {@link dev.portcullis.ratelimit.KeyResolvers keys} by client IP, subject, API key, header, route or any
 * composite; and two {@link dev.portcullis.ratelimit.BucketStore stores}:
 * {@link dev.portcullis.ratelimit.LocalBucketStore} in this JVM and
 * {@link dev.portcullis.ratelimit.RedisBucketStore} shared through Redis (needs the optional
 * {@code bucket4j_jdk17-lettuce} and {@code lettuce-core} dependencies).
 *
 * <p>{@link dev.portcullis.ratelimit.PolicyRateLimiter} ties them together as a
 * {@link dev.portcullis.api.ratelimit.RateLimiter}; {@link dev.portcullis.api.ratelimit.RateLimiting} puts it into
 * the pipeline.
 */
package dev.portcullis.ratelimit;
