package dev.portcullis.core.internal.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.UpstreamGroup;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.resilience.HealthCheck;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.testing.ManualTimer;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One state per upstream group, created on first use, and let go when the group is. */
class GroupStatesTest {
    private final ManualTimer timer = new ManualTimer();
    private final AtomicInteger checks = new AtomicInteger();
    private final UpstreamClient client = new UpstreamClient() {
        @Override
        public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            checks.incrementAndGet();
            return CompletableFuture.completedFuture(new UpstreamResponse(200, HttpHeaders.empty(), Body.empty()));
        }

        @Override
        public void close() {
        }
    };
    private final GroupStates states = new GroupStates(timer, ExchangeListener.NONE, client);

    private static Route checkedRoute(String id) {
        return Route.builder(id).upstream("http://a.test").metadata(Resilience.KEY, Resilience.builder()
                .healthCheck(HealthCheck.builder("/health").interval(Duration.ofSeconds(1)).jitter(Duration.ZERO)
                        .build()).build()).build();
    }

    @Test
    void aRouteKeepsItsStateAndAnotherRouteGetsItsOwnWithTheRoutesSettings() {
        Route first = checkedRoute("first");
        Route second = Route.builder("second").upstream("http://a.test").build();

        assertSame(states.of(first), states.of(first));
        assertNotSame(states.of(first), states.of(second));
        assertTrue(states.of(first).settings().healthCheck().isPresent());
        assertSame(Resilience.defaults(), states.of(second).settings());
    }

    @Test
    void aGroupsHealthChecksStartWithItsFirstRequestAndStopWhenTheRegistryCloses() {
        states.of(checkedRoute("api"));
        timer.advance(Duration.ofSeconds(2));
        assertEquals(3, checks.get());

        states.close();
        timer.advance(Duration.ofSeconds(5));
        assertEquals(3, checks.get());
    }

    @Test
    void theStateOfAGroupNoLongerReachableIsClosedOnALaterLookup() throws InterruptedException {
        ReferenceQueue<UpstreamGroup> collected = new ReferenceQueue<>();
        WeakReference<UpstreamGroup> replaced = new WeakReference<>(lookUpOnce(checkedRoute("replaced")), collected);
        Route current = checkedRoute("current");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (collected.remove(50) == null && System.nanoTime() < deadline) {
            System.gc();
        }
        assertTrue(replaced.refersTo(null), "the replaced route's group was never collected");
        int checksOfOneSecond;
        do {
            states.of(current);
            int before = checks.get();
            timer.advance(Duration.ofSeconds(1));
            checksOfOneSecond = checks.get() - before;
        } while (checksOfOneSecond > 1 && System.nanoTime() < deadline);

        assertEquals(1, checksOfOneSecond, "only the current route is still checked");
    }

    private UpstreamGroup lookUpOnce(Route route) {
        states.of(route);
        timer.advance(Duration.ZERO);
        return route.upstreams();
    }
}
