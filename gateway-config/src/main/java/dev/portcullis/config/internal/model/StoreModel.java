package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.ExactlyOne;

/**
 * A bucket store: in this JVM, in Redis, or one the application registered.
 *
 * <pre>{@code
 * stores:
 *   local: {local: {maxKeys: 100000}}
 *   shared: {redis: {uri: ${REDIS_URL}, timeout: 100ms}}
 *   own: {custom: my-store}     # InterceptorRegistry.builder().addPart(BucketStore.class, "my-store", store)
 * }</pre>
 *
 * @param local a store in this JVM
 * @param redis a store in Redis
 * @param custom the name of a bucket store the application registered
 */
@Doc("A bucket store: exactly one of local, redis or custom.")
@ExactlyOne({"local", "redis", "custom"})
public record StoreModel(
        @Doc("Buckets in this JVM (LocalBucketStore).") LocalStoreModel local,
        @Doc("Buckets in Redis, shared by every gateway instance (RedisBucketStore; needs Lettuce).")
        RedisStoreModel redis,
        @Doc("The name of a BucketStore the application registered (InterceptorRegistry addPart; a bean with the "
                + "Spring Boot starter).") String custom) {
}
