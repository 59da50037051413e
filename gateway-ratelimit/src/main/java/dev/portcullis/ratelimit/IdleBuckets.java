package dev.portcullis.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucket;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A map of local buckets with bounded size. A bucket unused for its policy's longest window is full again, so
 * dropping it changes no decision; such buckets are swept every few seconds. If a flood of distinct keys still
 * pushes the map over {@code maxKeys}, the least recently used quarter is evicted (those keys start afresh).
 * Sweeps run on the calling thread, one at a time, and callers never wait for one.
 */
final class IdleBuckets {
    private static final long SWEEP_INTERVAL_NANOS = 5_000_000_000L;

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final TimeMeter timeMeter;
    private final BucketConfigurations configurations = new BucketConfigurations();
    private final ReentrantLock sweeping = new ReentrantLock();
    private volatile long nextSweep;

    IdleBuckets(int maxKeys, LongSupplier nanoTime) {
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
        this.timeMeter = new NanoTimeMeter(nanoTime);
        this.nextSweep = nanoTime.getAsLong() + SWEEP_INTERVAL_NANOS;
    }

    LocalBucket bucket(String key, RateLimitPolicy policy) {
        long now = nanoTime.getAsLong();
        Entry entry = buckets.get(key);
        if (entry == null) {
            entry = buckets.computeIfAbsent(key, k -> new Entry(newBucket(policy), policy.longestWindow().toNanos(), now));
            if (buckets.size() > maxKeys) {
                sweep(now);
            }
        }
        entry.lastUsed = now;
        if (now - nextSweep >= 0) {
            sweep(now);
        }
        return entry.bucket;
    }

    int size() {
        return buckets.size();
    }

    private LocalBucket newBucket(RateLimitPolicy policy) {
        var builder = Bucket.builder().withCustomTimePrecision(timeMeter);
        for (var bandwidth : configurations.of(policy).getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    private void sweep(long now) {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            nextSweep = now + SWEEP_INTERVAL_NANOS;
            buckets.values().removeIf(entry -> now - entry.lastUsed >= entry.idleNanos);
            if (buckets.size() > maxKeys) {
                evictLeastRecentlyUsed(buckets.size() - maxKeys * 3 / 4);
            }
        } finally {
            sweeping.unlock();
        }
    }

    private void evictLeastRecentlyUsed(int count) {
        long[] ages = buckets.values().stream().mapToLong(entry -> entry.lastUsed).toArray();
        if (ages.length == 0 || count <= 0) {
            return;
        }
        Arrays.sort(ages);
        long cutoff = ages[Math.min(count, ages.length) - 1];
        buckets.values().removeIf(entry -> entry.lastUsed - cutoff <= 0);
    }

    private static final class Entry {
        final LocalBucket bucket;
        final long idleNanos;
        volatile long lastUsed;

        Entry(LocalBucket bucket, long idleNanos, long now) {
            this.bucket = bucket;
            this.idleNanos = idleNanos;
            this.lastUsed = now;
        }
    }

    /** Bucket4j's view of the injected monotonic nano-time source. */
    private record NanoTimeMeter(LongSupplier nanoTime) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return nanoTime.getAsLong();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
