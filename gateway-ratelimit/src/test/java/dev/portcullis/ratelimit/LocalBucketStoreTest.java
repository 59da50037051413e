package dev.portcullis.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ratelimit.RateLimitDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalBucketStoreTest {
    private static final RateLimitPolicy PER_MINUTE = RateLimitPolicy.builder("api")
            .limit(Limit.greedy("minute", 100, Duration.ofMinutes(1))).build();

    private static boolean allowed(BucketStore store, String key, RateLimitPolicy policy) {
        return store.tryConsume(key, policy, 1).toCompletableFuture().join() instanceof RateLimitDecision.Allowed;
    }

    @Test
    void exactlyNOfTwoNConcurrentRequestsAreAdmitted() throws Exception {
        int n = 500;
        RateLimitPolicy policy = RateLimitPolicy.builder("api")
                .limit(Limit.interval("hour", n, Duration.ofHours(1))).build();
        LocalBucketStore store = LocalBucketStore.builder().build();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            assertEquals(n, admitted(threads, 2 * n, () -> allowed(store, "api:ip:203.0.113.7", policy)));
        } finally {
            threads.shutdownNow();
        }
    }

    /** Starts {@code requests} tasks at once behind a latch and counts those that return true. */
    static int admitted(ExecutorService threads, int requests, java.util.concurrent.Callable<Boolean> task)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            results.add(threads.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        int admitted = 0;
        for (Future<Boolean> result : results) {
            admitted += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        return admitted;
    }

    @Test
    void aMillionDistinctKeysLeaveTheStoreBoundedAndFinishInBoundedTime() {
        Exchanges.FakeNanoClock clock = new Exchanges.FakeNanoClock();
        LocalBucketStore store = LocalBucketStore.builder().maxKeys(10_000).nanoTime(clock).build();
        int[] largest = {0};

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 1_000_000; i++) {
                assertTrue(allowed(store, "api:ip:" + i, PER_MINUTE));
                largest[0] = Math.max(largest[0], store.size());
                if (i % 1000 == 0) {
                    clock.advanceMillis(1);
                }
            }
        });

        assertTrue(largest[0] <= 10_001, "largest size " + largest[0]);
        assertTrue(store.size() <= 10_000, "size " + store.size());
    }

    @Test
    void idleBucketsAreDroppedOnceTheirLongestWindowHasPassed() {
        Exchanges.FakeNanoClock clock = new Exchanges.FakeNanoClock();
        LocalBucketStore store = LocalBucketStore.builder().nanoTime(clock).build();
        for (int i = 0; i < 100; i++) {
            allowed(store, "api:ip:" + i, PER_MINUTE);
        }
        clock.advanceMillis(30_000);
        allowed(store, "api:ip:still-active", PER_MINUTE);
        assertEquals(101, store.size());

        clock.advanceMillis(30_000);
        allowed(store, "api:ip:still-active", PER_MINUTE);

        assertEquals(1, store.size());
    }

    @Test
    void recentlyUsedBucketsSurviveEvictionUnderKeyPressure() {
        Exchanges.FakeNanoClock clock = new Exchanges.FakeNanoClock();
        LocalBucketStore store = LocalBucketStore.builder().maxKeys(100).nanoTime(clock).build();
        RateLimitPolicy tiny = RateLimitPolicy.builder("api").limit(Limit.interval("hour", 1, Duration.ofHours(1)))
                .build();
        assertTrue(allowed(store, "api:ip:heavy", tiny));
        for (int i = 0; i < 1000; i++) {
            clock.advanceMillis(1);
            allowed(store, "api:ip:" + i, tiny);
            if (i % 10 == 0) {
                assertEquals(false, allowed(store, "api:ip:heavy", tiny), "heavy user admitted again at " + i);
            }
        }
    }

    @Test
    void timeComesFromTheInjectedNanoSource() {
        Exchanges.FakeNanoClock clock = new Exchanges.FakeNanoClock();
        LocalBucketStore store = LocalBucketStore.builder().nanoTime(clock).build();
        RateLimitPolicy one = RateLimitPolicy.builder("api").limit(Limit.greedy("s", 1, Duration.ofSeconds(1))).build();
        assertTrue(allowed(store, "k", one));
        assertEquals(false, allowed(store, "k", one));

        clock.advanceMillis(999);
        assertEquals(false, allowed(store, "k", one));
        clock.advanceMillis(1);
        assertTrue(allowed(store, "k", one));
    }
}
