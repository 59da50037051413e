package dev.portcullis.servlet.auth.internal;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe map whose entries expire at a given instant and whose size is capped. When full, a put first drops
 * expired entries, then arbitrary ones: a flood of new keys costs the cache its hit rate, never the heap.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ExpiringCache<K, V> {
    private final int capacity;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    /** @param capacity the most entries held; 0 disables caching */
    public ExpiringCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
    }

    /**
     * @param key the key
     * @param now the current time
     * @return the live value, or null when absent or expired
     */
    public V get(K key, Instant now) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.expires())) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    /**
     * @param key the key
     * @param value the value
     * @param expires when it stops being returned
     * @param now the current time
     */
    public void put(K key, V value, Instant expires, Instant now) {
        if (capacity == 0 || !now.isBefore(expires)) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.values().removeIf(entry -> !now.isBefore(entry.expires()));
            Iterator<K> keys = entries.keySet().iterator();
            while (entries.size() >= capacity && keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        }
        entries.put(key, new Entry<>(value, expires));
    }

    /** @return the number of entries, live or not yet purged */
    public int size() {
        return entries.size();
    }

    private record Entry<V>(V value, Instant expires) {
    }
}
