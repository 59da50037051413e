/**
 * The standard rate limiter on Bucket4j: {@link dev.portcullis.servlet.ratelimit.RateLimitPolicy policies} of one or
 * more {@link dev.portcullis.servlet.ratelimit.Limit limits}, per route or global;
 * {@link dev.portcullis.servlet.ratelimit.KeyResolvers keys} by client IP, subject, API key, header, route or any
 * composite; and two {@link dev.portcullis.servlet.ratelimit.BucketStore stores}:
 * {@link dev.portcullis.servlet.ratelimit.LocalBucketStore} in this JVM and
 * {@link dev.portcullis.servlet.ratelimit.RedisBucketStore} shared through Redis (needs the optional
 * {@code bucket4j_jdk17-lettuce} and {@code lettuce-core} dependencies).
 *
 * <p>{@link dev.portcullis.servlet.ratelimit.PolicyRateLimiter} ties them together as a
 * {@link dev.portcullis.api.ratelimit.RateLimiter}; {@link dev.portcullis.api.ratelimit.RateLimiting} puts it into
 * the pipeline.
 */
package dev.portcullis.servlet.ratelimit;
