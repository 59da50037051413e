package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;
import dev.portcullis.config.internal.bind.Secret;
import java.time.Duration;

/**
 * A {@code RedisBucketStore}; its URI is a secret reference since it may hold a password.
 *
 * <pre>{@code
 * redis: {uri: ${REDIS_URL}, timeout: 100ms}
 * }</pre>
 *
 * @param uri the Redis URI
 * @param timeout the deadline of one decision
 * @param connectTimeout the deadline of one connection attempt
 * @param keyPrefix put before every bucket key
 */
@Doc("Buckets in Redis.")
public record RedisStoreModel(
        @Doc("The Redis URI (it may hold a password), as a reference: ${ENV_VAR} or ${file:path}.") @Required
        Secret uri,
        @Doc("Deadline of one decision, default 250ms.") Duration timeout,
        @Doc("Deadline of one connection attempt, default 2s.") Duration connectTimeout,
        @Doc("Put before every bucket key, default portcullis:rl:.") String keyPrefix) {
}
