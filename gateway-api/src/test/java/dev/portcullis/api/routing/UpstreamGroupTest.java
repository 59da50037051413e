package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class UpstreamGroupTest {
    private static final Upstream A = Upstream.of("http://a.test");
    private static final Upstream B = Upstream.of("http://b.test");
    private static final Upstream C = Upstream.of("http://c.test");

    private static List<String> picks(UpstreamGroup group, int count) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(group.next().uri().getHost().substring(0, 1));
        }
        return hosts;
    }

    @Test
    void equalWeightsGoRoundRobin() {
        assertEquals(List.of("a", "b", "c", "a", "b", "c"), picks(UpstreamGroup.of(List.of(A, B, C)), 6));
    }

    @Test
    void weightsSpreadSmoothlyOverEachCycle() {
        UpstreamGroup group = UpstreamGroup.of(List.of(
                Upstream.of("http://a.test", 5), Upstream.of("http://b.test", 1), Upstream.of("http://c.test", 1)));

        List<String> expectedCycle = List.of("a", "a", "b", "a", "c", "a", "a");
        assertEquals(expectedCycle, picks(group, 7));
        assertEquals(expectedCycle, picks(group, 7));
    }

    @Test
    void twoToOneAlternatesWithinTheCycle() {
        UpstreamGroup group = UpstreamGroup.of(List.of(Upstream.of("http://a.test", 2), B));

        assertEquals(List.of("a", "b", "a", "a", "b", "a"), picks(group, 6));
    }

    @Test
    void aSingleInstanceIsAlwaysChosen() {
        assertEquals(List.of("a", "a", "a"), picks(UpstreamGroup.of(List.of(A)), 3));
    }

    @Test
    void anEmptyGroupIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UpstreamGroup.of(List.of()));
    }

    @Test
    void concurrentPicksKeepTheExactShares() throws InterruptedException {
        assertExactSharesUnderConcurrency(UpstreamGroup.of(List.of(
                Upstream.of("http://a.test", 3), Upstream.of("http://b.test", 2), C)), Map.of("a", 3, "b", 2, "c", 1));
        assertExactSharesUnderConcurrency(UpstreamGroup.of(List.of(A, B, C)), Map.of("a", 1, "b", 1, "c", 1));
    }

    private static void assertExactSharesUnderConcurrency(UpstreamGroup group, Map<String, Integer> weights)
            throws InterruptedException {
        int threads = 4;
        int cyclesPerThread = 5_000;
        int cycle = weights.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < cyclesPerThread * cycle; i++) {
                        String host = group.next().uri().getHost().substring(0, 1);
                        counts.computeIfAbsent(host, h -> new LongAdder()).increment();
                    }
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "pickers finish");
        }
        long cycles = (long) threads * cyclesPerThread;
        weights.forEach((host, weight) -> assertEquals(cycles * weight, counts.get(host).sum(), host));
    }
}
