package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.TestRequests;
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

/** The standard strategies, used through the {@link LoadBalancer} SPI as a group uses them. */
class LoadBalancersTest {
    private static final GatewayRequest REQUEST = TestRequests.get("/");
    private static final Upstream A = Upstream.of("http://a.test");
    private static final Upstream B = Upstream.of("http://b.test");
    private static final Upstream C = Upstream.of("http://c.test");

    private static List<String> picks(LoadBalancer balancer, int count) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(balancer.choose(REQUEST).uri().getHost().substring(0, 1));
        }
        return hosts;
    }

    private static LoadBalancer weighted(Upstream... instances) {
        return LoadBalancers.weightedRoundRobin().create(List.of(instances));
    }

    private static LoadBalancer roundRobin(Upstream... instances) {
        return LoadBalancers.roundRobin().create(List.of(instances));
    }

    @Test
    void weightedRoundRobinWithEqualWeightsGoesRoundRobin() {
        assertEquals(List.of("a", "b", "c", "a", "b", "c"), picks(weighted(A, B, C), 6));
    }

    @Test
    void weightedRoundRobinSpreadsTheWeightsSmoothlyOverEachCycle() {
        LoadBalancer balancer = weighted(Upstream.of("http://a.test", 5), B, C);

        List<String> expectedCycle = List.of("a", "a", "b", "a", "c", "a", "a");
        assertEquals(expectedCycle, picks(balancer, 7));
        assertEquals(expectedCycle, picks(balancer, 7));
    }

    @Test
    void weightedRoundRobinAlternatesTwoToOneWithinTheCycle() {
        assertEquals(List.of("a", "b", "a", "a", "b", "a"), picks(weighted(Upstream.of("http://a.test", 2), B), 6));
    }

    @Test
    void roundRobinIgnoresTheWeights() {
        LoadBalancer balancer = roundRobin(Upstream.of("http://a.test", 5), B, Upstream.of("http://c.test", 3));

        assertEquals(List.of("a", "b", "c", "a", "b", "c"), picks(balancer, 6));
    }

    @Test
    void eitherStrategyAlwaysChoosesTheOnlyInstanceOfAGroupOfOne() {
        Upstream heavy = Upstream.of("http://a.test", 7);
        assertEquals(List.of("a", "a", "a"), picks(weighted(heavy), 3));
        assertEquals(List.of("a", "a", "a"), picks(roundRobin(heavy), 3));
    }

    @Test
    void eachGroupGetsABalancerOfItsOwnFromTheSameFactory() {
        LoadBalancer first = roundRobin(A, B);
        LoadBalancer second = roundRobin(A, B);

        assertEquals(List.of("a", "b"), picks(first, 2));
        assertEquals(List.of("a", "b"), picks(second, 2));
    }

    @Test
    void theStrategiesNameThemselves() {
        assertEquals("roundRobin", LoadBalancers.roundRobin().toString());
        assertEquals("weightedRoundRobin", LoadBalancers.weightedRoundRobin().toString());
    }

    @Test
    void concurrentChoicesKeepTheExactShares() throws InterruptedException {
        assertExactSharesUnderConcurrency(weighted(Upstream.of("http://a.test", 3), Upstream.of("http://b.test", 2), C),
                Map.of("a", 3, "b", 2, "c", 1));
        assertExactSharesUnderConcurrency(weighted(A, B, C), Map.of("a", 1, "b", 1, "c", 1));
        assertExactSharesUnderConcurrency(roundRobin(Upstream.of("http://a.test", 3), B, C),
                Map.of("a", 1, "b", 1, "c", 1));
    }

    private static void assertExactSharesUnderConcurrency(LoadBalancer balancer, Map<String, Integer> shares)
            throws InterruptedException {
        int threads = 4;
        int cyclesPerThread = 5_000;
        int cycle = shares.values().stream().mapToInt(Integer::intValue).sum();
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
                        String host = balancer.choose(REQUEST).uri().getHost().substring(0, 1);
                        counts.computeIfAbsent(host, h -> new LongAdder()).increment();
                    }
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "choosers finish");
        }
        long cycles = (long) threads * cyclesPerThread;
        shares.forEach((host, share) -> assertEquals(cycles * share, counts.get(host).sum(), host));
    }
}
