package dev.portcullis.ratelimit;

import dev.portcullis.api.ratelimit.RateLimitDecision;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Buckets in Redis, shared by every gateway instance, on Bucket4j's Lettuce integration used asynchronously: no
 * request thread ever waits for Redis. Needs the optional dependencies {@code com.bucket4j:bucket4j_jdk17-lettuce}
 * and {@code io.lettuce:lettuce-core}.
 *
 * <p>Every decision has a deadline ({@link Builder#timeout(Duration)}, default 250 ms). When Redis is unreachable, slow
 * or not yet connected, the decision is {@code StoreUnavailable} with the policy's
 * {@link RateLimitPolicy#failureMode()}: fail-open or fail-closed 503, never a 500. Commands are rejected at once
 * while the connection is down (no unbounded queue); the store reconnects by itself. Keys expire in Redis once
 * their bucket would be full again. Bucket time is the gateway hosts' wall clock, so keep them NTP-synchronized.
 *
 * <p>Decisions complete on {@link Builder#executor(Executor)} (default {@link ForkJoinPool#commonPool()}), whether
 * Redis answered or the deadline passed: the rest of the pipeline never runs on a Lettuce event-loop thread or on
 * the JDK's single timer thread. Give it your own small pool if the common pool is busy with other work.
 *
 * <p>The store opens its own Redis client and connection; {@link #close()} them when the filter is destroyed.
 *
 * <pre>{@code
 * RedisBucketStore redis = RedisBucketStore.builder("redis://10.0.0.7:6379").timeout(Duration.ofMillis(100)).build();
 * RateLimiter limiter = PolicyRateLimiter.builder(redis).defaultPolicy(perUser).build();
 * }</pre>
 */
public final class RedisBucketStore implements BucketStore, AutoCloseable {
    private static final long RETRY_CONNECT_NANOS = 1_000_000_000L;

    private final RedisClient client;
    private final Duration timeout;
    private final String keyPrefix;
    private final RedisURI uri;
    private final AtomicReference<Connecting> current;
    private final Executor executor;
    private final BucketConfigurations configurations = new BucketConfigurations();

    private RedisBucketStore(Builder b) {
        this.timeout = b.timeout;
        this.executor = b.executor;
        this.keyPrefix = b.keyPrefix;
        this.client = RedisClient.create(b.uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(b.connectTimeout).build())
                .build());
        this.uri = b.uri;
        this.current = new AtomicReference<>(connect());
    }

    /**
     * @param redisUri a Lettuce URI, e.g. {@code redis://127.0.0.1:6379} or {@code rediss://user:pw@host:6380/0}
     * @return a builder
     */
    public static Builder builder(String redisUri) {
        return new Builder(RedisURI.create(Objects.requireNonNull(redisUri, "redisUri")));
    }

    @Override
    public CompletionStage<RateLimitDecision> tryConsume(String key, RateLimitPolicy policy, long cost) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(policy, "policy");
        byte[] redisKey = (keyPrefix + key).getBytes(StandardCharsets.UTF_8);
        return buckets()
                .thenCompose(manager -> manager.builder()
                        .build(redisKey, () -> CompletableFuture.completedFuture(configurations.of(policy)))
                        .asVerbose()
                        .tryConsumeAndReturnRemaining(cost))
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .handleAsync((result, failure) -> {
                    try {
                        return failure == null ? Buckets.decision(policy, result)
                                : Buckets.unavailable(policy, "redis", failure);
                    } catch (RuntimeException e) {
                        return Buckets.unavailable(policy, "redis", e);
                    }
                }, executor);
    }

    /** Closes the connection and shuts the Redis client down. */
    @Override
    public void close() {
        current.get().connection().thenAccept(StatefulRedisConnection::close);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /**
     * Once connected, Lettuce reconnects by itself. A first connection that failed (Redis down at startup) is tried
     * again on demand, at most once per {@link #RETRY_CONNECT_NANOS}; meanwhile decisions fail over at once.
     */
    private CompletableFuture<AsyncProxyManager<byte[]>> buckets() {
        Connecting attempt = current.get();
        if (attempt.connection().isCompletedExceptionally()
                && System.nanoTime() - attempt.startedNanos() >= RETRY_CONNECT_NANOS) {
            Connecting next = connect();
            if (!current.compareAndSet(attempt, next)) {
                next.connection().thenAccept(StatefulRedisConnection::close);
            }
        }
        return current.get().buckets();
    }

    private Connecting connect() {
        CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection =
                client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture();
        CompletableFuture<AsyncProxyManager<byte[]>> buckets = connection.thenApply(c -> Bucket4jLettuce
                .casBasedBuilder(c)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .requestTimeout(timeout)
                .build()
                .asAsync());
        return new Connecting(connection, buckets, System.nanoTime());
    }

    private record Connecting(CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection,
            CompletableFuture<AsyncProxyManager<byte[]>> buckets, long startedNanos) {
    }

    /** Collects the settings of a {@link RedisBucketStore}. Not thread-safe. */
    public static final class Builder {
        private final RedisURI uri;
        private Duration timeout = Duration.ofMillis(250);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private String keyPrefix = "portcullis:rl:";
        private Executor executor = ForkJoinPool.commonPool();

        private Builder(RedisURI uri) {
            this.uri = uri;
        }

        /** @param timeout deadline of one decision, default 250 ms @return this builder */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** @param timeout deadline of one connection attempt, default 2 s @return this builder */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** @param prefix put before every bucket key in Redis, default {@code portcullis:rl:} @return this builder */
        public Builder keyPrefix(String prefix) {
            this.keyPrefix = Objects.requireNonNull(prefix, "keyPrefix");
            return this;
        }

        /**
         * @param executor where decisions complete and so where the rest of the pipeline continues; default
         *     {@link ForkJoinPool#commonPool()}
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** @return the store, connecting in the background; decisions fail over until it is connected */
        public RedisBucketStore build() {
            return new RedisBucketStore(this);
        }

        private static Duration positive(Duration value, String setting) {
            Objects.requireNonNull(value, setting);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(setting + " must be positive, was " + value);
            }
            return value;
        }
    }
}
