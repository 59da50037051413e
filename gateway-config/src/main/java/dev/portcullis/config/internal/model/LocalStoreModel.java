package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;

/**
 * A {@code LocalBucketStore}.
 *
 * <pre>{@code
 * local: {maxKeys: 100000}
 * }</pre>
 *
 * @param maxKeys live buckets kept at most
 */
@Doc("Buckets in this JVM, bounded.")
public record LocalStoreModel(@Doc("Live buckets kept at most, at least 16; default 100000.") Integer maxKeys) {
}
