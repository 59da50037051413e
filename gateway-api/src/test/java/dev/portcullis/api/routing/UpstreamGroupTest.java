package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.TestRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A group holds its instances and leaves the choice to its balancer, checking the answer. */
class UpstreamGroupTest {
    private static final Upstream A = Upstream.of("http://a.test");
    private static final Upstream B = Upstream.of("http://b.test");

    @Test
    void theDefaultBalancerIsWeightedRoundRobin() {
        UpstreamGroup group = UpstreamGroup.of(List.of(Upstream.of("http://a.test", 2), B));
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hosts.add(group.choose(TestRequests.get("/")).uri().getHost());
        }

        assertEquals(List.of("a.test", "b.test", "a.test"), hosts);
        assertTrue(group.toString().endsWith("balanced by weightedRoundRobin"), group.toString());
    }

    @Test
    void theFactoryGetsTheInstancesOnceAndTheBalancerGetsEachRequest() {
        List<List<Upstream>> created = new ArrayList<>();
        AtomicReference<GatewayRequest> seen = new AtomicReference<>();
        UpstreamGroup group = UpstreamGroup.of(List.of(A, B), instances -> {
            created.add(instances);
            return request -> {
                seen.set(request);
                return instances.get(1);
            };
        });
        GatewayRequest request = TestRequests.get("/x");

        assertSame(B, group.choose(request));
        assertSame(request, seen.get());
        assertEquals(List.of(List.of(A, B)), created);
    }

    @Test
    void anEqualCopyOfAnInstanceIsAccepted() {
        UpstreamGroup group = UpstreamGroup.of(List.of(A, B), instances -> request -> Upstream.of("http://b.test"));

        assertEquals(B, group.choose(TestRequests.get("/")));
    }

    @Test
    void anInstanceOutsideTheGroupIsRefused() {
        UpstreamGroup group = UpstreamGroup.of(List.of(A, B), instances -> request -> Upstream.of("http://evil.test"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.choose(TestRequests.get("/")));
        assertTrue(e.getMessage().contains("http://evil.test, weight=1], which is not one of its instances"),
                e.getMessage());
    }

    @Test
    void anInstanceOfTheSameAddressButAnotherWeightIsRefused() {
        UpstreamGroup group = UpstreamGroup.of(List.of(A, B), instances -> request -> Upstream.of("http://a.test", 2));

        assertThrows(IllegalStateException.class, () -> group.choose(TestRequests.get("/")));
    }

    @Test
    void noChoiceIsRefused() {
        UpstreamGroup group = UpstreamGroup.of(List.of(A), instances -> request -> null);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.choose(TestRequests.get("/")));
        assertTrue(e.getMessage().contains("chose nothing"), e.getMessage());
    }

    @Test
    void aBalancersOwnExceptionReachesTheCaller() {
        UpstreamGroup group = UpstreamGroup.of(List.of(A), instances -> request -> {
            throw new ArithmeticException("broken");
        });

        assertThrows(ArithmeticException.class, () -> group.choose(TestRequests.get("/")));
    }

    @Test
    void aChoiceThatMayNotServeIsReplacedByTheNextEligibleInstanceInConfigurationOrder() {
        Upstream c = Upstream.of("http://c.test");
        UpstreamGroup group = UpstreamGroup.of(List.of(A, B, c), instances -> request -> instances.get(1));

        assertSame(c, group.choose(TestRequests.get("/"), List.of(A, c)));
        assertSame(A, group.choose(TestRequests.get("/"), List.of(A)));
        assertSame(B, group.choose(TestRequests.get("/"), List.of(A, B)));
    }

    @Test
    void theGroupsOwnInstanceIsReturnedForAnEqualCopy() {
        UpstreamGroup group = UpstreamGroup.of(List.of(A, B), instances -> request -> Upstream.of("http://b.test"));

        assertSame(B, group.choose(TestRequests.get("/"), List.of(A, B)));
    }

    @Test
    void anInstanceOutsideTheGroupIsRefusedWhateverIsEligible() {
        Upstream evil = Upstream.of("http://evil.test");
        UpstreamGroup group = UpstreamGroup.of(List.of(A, B), instances -> request -> evil);

        assertThrows(IllegalStateException.class, () -> group.choose(TestRequests.get("/"), List.of(A, evil)));
    }

    @Test
    void choosingAmongNoEligibleInstanceIsRefused() {
        UpstreamGroup group = UpstreamGroup.of(List.of(A, B));

        assertThrows(IllegalArgumentException.class, () -> group.choose(TestRequests.get("/"), List.of()));
    }

    @Test
    void theEndOfAnExchangeReachesTheBalancer() {
        List<Upstream> ended = new ArrayList<>();
        UpstreamGroup group = UpstreamGroup.of(List.of(A, B), instances -> new LoadBalancer() {
            @Override
            public Upstream choose(GatewayRequest request) {
                return A;
            }

            @Override
            public void exchangeEnded(Upstream chosen, GatewayRequest request) {
                ended.add(chosen);
            }
        });
        group.exchangeEnded(group.choose(TestRequests.get("/")), TestRequests.get("/"));

        assertEquals(List.of(A), ended);
    }

    @Test
    void aFactoryThatCreatesNoBalancerIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UpstreamGroup.of(List.of(A), instances -> null));
    }

    @Test
    void anEmptyGroupIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UpstreamGroup.of(List.of()));
    }
}
