package dev.portcullis.auth.internal;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread-safe map whose entries expire at a given instant and whose size is capped, with segmented LRU eviction:
 * a new key enters a probation segment; a key read again moves to a protected segment (at most 80% of the
 * capacity, whose least recently used entry drops back to probation when it overflows). A put at capacity evicts
 * the least recently used probation entry, so a flood of keys seen once only cycles probation and never pushes out
 * entries that are in use. Expired entries go first: a put at capacity also sweeps them out, at most once per
 * {@code capacity} inserts, which keeps every operation O(1) amortised. An expired entry is never returned.
 *
 * <pre>{@code
 * ExpiringCache<Digest, Principal> cache = new ExpiringCache<>(10_000);
 * cache.put(digest, principal, expiresAt, clock.instant());
 * Principal hit = cache.get(digest, clock.instant());   // null when absent or expired
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ExpiringCache<K, V> {
    private final int capacity;
    private final int protectedCapacity;
    private final Object lock = new Object();
    private final LinkedHashMap<K, Entry<V>> probation = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<K, Entry<V>> protectedEntries = new LinkedHashMap<>(16, 0.75f, true);
    private int insertsSinceSweep;

    /** @param capacity the most entries held; 0 disables caching */
    public ExpiringCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        this.protectedCapacity = Math.max(0, capacity - Math.max(1, capacity / 5));
        this.insertsSinceSweep = capacity;
    }

    /**
     * @param key the key
     * @param now the current time
     * @return the live value, or null when absent or expired (an expired entry is dropped)
     */
    public V get(K key, Instant now) {
        synchronized (lock) {
            Entry<V> entry = protectedEntries.get(key);
            boolean onProbation = entry == null;
            if (onProbation) {
                entry = probation.get(key);
            }
            if (entry == null) {
                return null;
            }
            if (!now.isBefore(entry.expires())) {
                (onProbation ? probation : protectedEntries).remove(key);
                return null;
            }
            if (onProbation && protectedCapacity > 0) {
                promote(key, entry);
            }
            return entry.value();
        }
    }

    /**
     * Stores a value until {@code expires}; does nothing when that is not after {@code now} or the capacity is 0.
     *
     * @param key the key
     * @param value the value
     * @param expires when it stops being returned
     * @param now the current time
     */
    public void put(K key, V value, Instant expires, Instant now) {
        if (capacity == 0 || !now.isBefore(expires)) {
            return;
        }
        Entry<V> entry = new Entry<>(value, expires);
        synchronized (lock) {
            if (protectedEntries.containsKey(key)) {
                protectedEntries.put(key, entry);
                return;
            }
            if (probation.remove(key) == null) {
                insertsSinceSweep++;
                if (size() >= capacity) {
                    makeRoom(now);
                }
            }
            probation.put(key, entry);
        }
    }

    /** @return the number of entries, live or not yet purged */
    public int size() {
        synchronized (lock) {
            return probation.size() + protectedEntries.size();
        }
    }

    private void promote(K key, Entry<V> entry) {
        probation.remove(key);
        protectedEntries.put(key, entry);
        if (protectedEntries.size() > protectedCapacity) {
            Map.Entry<K, Entry<V>> demoted = removeEldest(protectedEntries);
            probation.put(demoted.getKey(), demoted.getValue());
        }
    }

    private void makeRoom(Instant now) {
        if (insertsSinceSweep >= capacity) {
            insertsSinceSweep = 0;
            probation.values().removeIf(e -> !now.isBefore(e.expires()));
            protectedEntries.values().removeIf(e -> !now.isBefore(e.expires()));
        }
        if (size() >= capacity) {
            removeEldest(probation.isEmpty() ? protectedEntries : probation);
        }
    }

    private static <K, E> Map.Entry<K, E> removeEldest(LinkedHashMap<K, E> segment) {
        Iterator<Map.Entry<K, E>> eldest = segment.entrySet().iterator();
        Map.Entry<K, E> first = eldest.next();
        Map.Entry<K, E> removed = Map.entry(first.getKey(), first.getValue());
        eldest.remove();
        return removed;
    }

    private record Entry<V>(V value, Instant expires) {
    }
}
