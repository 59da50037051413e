package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.TestRequests;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    private static List<String> picks(LoadBalancer balancer, List<Upstream> eligible, int count) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(balancer.choose(REQUEST, eligible).uri().getHost().substring(0, 1));
        }
        return hosts;
    }

    private static GatewayRequest tenant(int key) {
        return TestRequests.builder("GET", "/").headers(HttpHeaders.builder().add("X-Tenant", "tenant-" + key).build())
                .build();
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
        assertEquals("leastRequests", LoadBalancers.leastRequests().toString());
        assertEquals("consistentHash(header X-Tenant)", LoadBalancers.consistentHash(HashKey.header("X-Tenant"))
                .toString());
        assertEquals("consistentHash(cookie SESSION)", LoadBalancers.consistentHash(HashKey.cookie("SESSION"))
                .toString());
    }

    @Test
    void roundRobinTakesTurnsAmongTheEligibleInstancesOnly() {
        LoadBalancer balancer = roundRobin(A, B, C);

        assertEquals(List.of("a", "c", "a", "c"), picks(balancer, List.of(A, C), 4));
    }

    @Test
    void weightedRoundRobinKeepsTheEligibleInstancesSharesAndLeavesTheOthersScoresAlone() {
        Upstream heavy = Upstream.of("http://a.test", 3);
        LoadBalancer balancer = weighted(heavy, Upstream.of("http://b.test", 2), C);

        assertEquals(List.of("a", "a", "c", "a"), picks(balancer, List.of(heavy, C), 4));
        assertEquals(List.of("a", "b", "a", "c", "b", "a"), picks(balancer, 6));
    }

    @Test
    void leastRequestsNeverChoosesAnInstanceBusierThanTheOthers() {
        LoadBalancer balancer = LoadBalancers.leastRequests().create(List.of(A, B, C));
        for (int i = 0; i < 10; i++) {
            balancer.choose(REQUEST, List.of(B));                  // ten requests stuck on b
        }
        for (int i = 0; i < 200; i++) {
            Upstream chosen = balancer.choose(REQUEST);
            assertTrue(chosen != B, "chose the busy instance at request " + i);
            balancer.exchangeEnded(chosen, REQUEST);
        }
    }

    @Test
    void leastRequestsChoosesTheOtherInstanceUntilTheFirstExchangeEnds() {
        LoadBalancer balancer = LoadBalancers.leastRequests().create(List.of(A, B));
        Upstream first = balancer.choose(REQUEST);
        Upstream second = balancer.choose(REQUEST);
        balancer.exchangeEnded(first, REQUEST);

        assertTrue(first != second, "both requests went to " + first);
        assertSame(first, balancer.choose(REQUEST));
    }

    @Test
    void leastRequestsLoadsAnInstanceOfTwiceTheWeightWithTwiceTheRequests() {
        Upstream heavy = Upstream.of("http://a.test", 2);
        LoadBalancer balancer = LoadBalancers.leastRequests().create(List.of(heavy, B));
        Map<String, Integer> inFlight = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            inFlight.merge(balancer.choose(REQUEST).uri().getHost(), 1, Integer::sum);
        }

        assertTrue(Math.abs(inFlight.get("a.test") - 2 * inFlight.get("b.test")) <= 2, inFlight.toString());
    }

    @Test
    void consistentHashSendsAKeyToTheSameInstanceEveryTimeAndSpreadsTheKeys() {
        LoadBalancer balancer = LoadBalancers.consistentHash(HashKey.header("X-Tenant")).create(List.of(A, B, C));
        Map<String, Integer> shares = new TreeMap<>();
        for (int key = 0; key < 3_000; key++) {
            Upstream chosen = balancer.choose(tenant(key));
            assertSame(chosen, balancer.choose(tenant(key)));
            shares.merge(chosen.uri().getHost(), 1, Integer::sum);
        }

        shares.values().forEach(share -> assertTrue(share > 850 && share < 1150, shares.toString()));
    }

    @Test
    void consistentHashMovesOnlyTheKeysOfAnInstanceThatMayNotServeAndBringsThemBack() {
        LoadBalancer balancer = LoadBalancers.consistentHash(HashKey.header("X-Tenant")).create(List.of(A, B, C));
        int moved = 0;
        for (int key = 0; key < 1_000; key++) {
            Upstream before = balancer.choose(tenant(key));
            Upstream withoutB = balancer.choose(tenant(key), List.of(A, C));
            if (before == B) {
                moved++;
            } else {
                assertSame(before, withoutB, "key " + key + " moved although its instance still serves");
            }
            assertSame(before, balancer.choose(tenant(key)), "key " + key + " did not come back");
        }
        assertTrue(moved > 250 && moved < 420, "keys of b: " + moved);
    }

    @Test
    void consistentHashGivesAnInstanceKeysInProportionToItsWeight() {
        LoadBalancer balancer = LoadBalancers.consistentHash(HashKey.header("X-Tenant"))
                .create(List.of(Upstream.of("http://a.test", 3), B));
        int onHeavy = 0;
        for (int key = 0; key < 4_000; key++) {
            onHeavy += balancer.choose(tenant(key)).uri().getHost().equals("a.test") ? 1 : 0;
        }

        assertTrue(onHeavy > 2_800 && onHeavy < 3_200, "keys on the instance of weight 3: " + onHeavy);
    }

    @Test
    void consistentHashSendsARequestWithoutTheKeyToAnEligibleInstance() {
        LoadBalancer balancer = LoadBalancers.consistentHash(HashKey.header("X-Tenant")).create(List.of(A, B, C));

        for (int i = 0; i < 50; i++) {
            assertSame(C, balancer.choose(REQUEST, List.of(C)));
        }
    }

    @Test
    void hashKeysReadTheirHeaderCookieOrClientAddress() throws Exception {
        GatewayRequest request = TestRequests.builder("GET", "/")
                .headers(HttpHeaders.builder().add("X-Tenant", "acme").add("X-Tenant", "other")
                        .add("Cookie", "theme=dark; SESSIONX=no").add("Cookie", "lang=en;  SESSION=s-42 ;x=1").build())
                .clientAddress(InetAddress.getByName("192.0.2.9"))
                .build();

        assertEquals(Optional.of("acme"), HashKey.header("X-Tenant").key(request));
        assertEquals(Optional.of("s-42"), HashKey.cookie("SESSION").key(request));
        assertEquals(Optional.empty(), HashKey.cookie("missing").key(request));
        assertEquals(Optional.of("192.0.2.9"), HashKey.clientAddress().key(request));
        assertThrows(IllegalArgumentException.class, () -> HashKey.header("bad header"));
        assertThrows(IllegalArgumentException.class, () -> HashKey.cookie("a=b"));
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
