package dev.portcullis.config.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful parts one load built (authenticators with their key caches, bucket stores with their buckets, the
 * upstream client with its pools), each under its kind, its name and the settings it was built from. A load that
 * follows another takes over the previous load's part whenever kind, name and settings are equal, so state survives
 * a reload of unchanged settings; {@link #closeExcept(Components)} later closes what the next load no longer uses.
 * Not thread-safe; used by one load, then read-only.
 *
 * <pre>{@code
 * Components next = new Components(previous);
 * RedisBucketStore redis = next.get("store", "shared", storeModel, () -> RedisBucketStore.builder(uri).build());
 * // once the old snapshot has drained:
 * previous.closeExcept(next);
 * }</pre>
 */
public final class Components {
    private static final Logger LOG = LoggerFactory.getLogger(Components.class);

    private final Components previous;
    private final Map<Key, Object> parts = new LinkedHashMap<>();

    /** @param previous the parts of the load this one follows, or null for a first load */
    public Components(Components previous) {
        this.previous = previous;
    }

    /**
     * @param kind what the part is, e.g. {@code authenticator}
     * @param name its name in the file
     * @param settings the settings it is built from; equal settings (records compare by value) mean reuse
     * @param build builds it when the previous load has no equal part; may return null (it failed)
     * @param <T> the part's type
     * @return the previous load's part, or a new one
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String kind, String name, Object settings, Supplier<T> build) {
        Key key = new Key(kind, name, settings);
        Object part = previous == null ? null : previous.parts.get(key);
        if (part == null) {
            part = build.get();
        }
        if (part != null) {
            parts.put(key, part);
        }
        return (T) part;
    }

    /**
     * Takes over the previous load's part of this kind and name whatever its settings, for a part the gateway keeps
     * using although the file no longer names it (an upstream client whose section was removed carries over).
     *
     * @param kind the part's kind
     * @param name its name
     * @return the previous part, or null when there is none
     */
    public Object adopt(String kind, String name) {
        if (previous == null) {
            return null;
        }
        for (Map.Entry<Key, Object> entry : previous.parts.entrySet()) {
            if (entry.getKey().kind().equals(kind) && entry.getKey().name().equals(name)) {
                parts.put(entry.getKey(), entry.getValue());
                return entry.getValue();
            }
        }
        return null;
    }

    /**
     * Closes every part of this load that {@code kept} does not use; a part that fails to close is logged (its
     * exception's class, never its message, which could quote a secret setting), never thrown, so one broken part
     * cannot keep the others open.
     *
     * @param kept the load that stays in force, or null to close everything
     */
    public void closeExcept(Components kept) {
        Set<Object> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        if (kept != null) {
            keep.addAll(kept.parts.values());
        }
        for (Map.Entry<Key, Object> entry : parts.entrySet()) {
            if (entry.getValue() instanceof AutoCloseable closeable && !keep.contains(closeable)) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // the class only: a library's message could quote a setting, and settings may hold secrets
                    LOG.warn("closing the {} '{}' failed: {}", entry.getKey().kind(), entry.getKey().name(),
                            e.getClass().getName());
                }
            }
        }
    }

    private record Key(String kind, String name, Object settings) {
        Key {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }
    }
}
