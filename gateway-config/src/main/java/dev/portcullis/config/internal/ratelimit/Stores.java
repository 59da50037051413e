package dev.portcullis.config.internal.ratelimit;

import dev.portcullis.config.internal.AssemblyContext;
import dev.portcullis.config.internal.Features;
import dev.portcullis.config.internal.model.LocalStoreModel;
import dev.portcullis.config.internal.model.RedisStoreModel;
import dev.portcullis.config.internal.model.StoreModel;
import dev.portcullis.ratelimit.BucketStore;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.RedisBucketStore;

/**
 * Maps a store section onto a {@link LocalBucketStore} or a {@link RedisBucketStore}. A Redis store needs Lettuce;
 * without it the section is a finding naming the artifacts. The Redis URI is a secret and never in a message.
 *
 * <pre>{@code
 * BucketStore store = new Stores(context).store(storeModel);
 * }</pre>
 */
final class Stores {
    private final AssemblyContext context;

    Stores(AssemblyContext context) {
        this.context = context;
    }

    BucketStore store(StoreModel section) {
        return section.local() != null ? local(section.local()) : redis(section.redis());
    }

    private BucketStore local(LocalStoreModel section) {
        LocalBucketStore.Builder store = LocalBucketStore.builder();
        if (section.maxKeys() != null) {
            store.maxKeys(section.maxKeys());
        }
        return context.attemptIn(section, store::build);
    }

    private BucketStore redis(RedisStoreModel section) {
        if (!Features.present(Features.LETTUCE, context.origins().of(section), context.findings())) {
            return null;
        }
        RedisBucketStore.Builder store = context.attempt(context.at(section, "uri"),
                () -> RedisBucketStore.builder(section.uri().value()));
        if (store == null) {
            return null;
        }
        if (section.timeout() != null) {
            context.attempt(context.at(section, "timeout"), () -> store.timeout(section.timeout()));
        }
        if (section.connectTimeout() != null) {
            context.attempt(context.at(section, "connectTimeout"), () -> store.connectTimeout(section.connectTimeout()));
        }
        if (section.keyPrefix() != null) {
            store.keyPrefix(section.keyPrefix());
        }
        return context.attemptIn(section, store::build);
    }
}
