package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.ExactlyOne;

/**
 * A bucket store: in this JVM or in Redis.
 *
 * <pre>{@code
 * stores:
 *   local: {local: {maxKeys: 100000}}
 *   shared: {redis: {uri: ${REDIS_URL}, timeout: 100ms}}
 * }</pre>
 *
 * @param local a store in this JVM
 * @param redis a store in Redis
 */
@Doc("A bucket store: exactly one of local or redis.")
@ExactlyOne({"local", "redis"})
public record StoreModel(
        @Doc("Buckets in this JVM (LocalBucketStore).") LocalStoreModel local,
        @Doc("Buckets in Redis, shared by every gateway instance (RedisBucketStore; needs Lettuce).")
        RedisStoreModel redis) {
}
