package dev.portcullis.core.internal.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.routing.Route;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.resilience.HealthCheck;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.testing.ManualTimer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One state per route, instances and settings, created on first use, shared by the configurations that hold it and
 * closed when none does any more; on a manual clock.
 */
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
    private final GroupStates states = new GroupStates(timer, client);

    /** @return a route built afresh, as every configuration load builds it, checked once a second */
    private static Route checkedRoute(String id, String... instances) {
        Route.Builder route = Route.builder(id).metadata(Resilience.KEY, Resilience.builder()
                .healthCheck(HealthCheck.builder("/health").interval(Duration.ofSeconds(1)).jitter(Duration.ZERO)
                        .build()).build());
        for (String instance : instances.length == 0 ? new String[] {"http://a.test"} : instances) {
            route.upstream(instance);
        }
        return route.build();
    }

    private GroupStates.Holder hold(Route... routes) {
        return states.hold(List.of(routes), ExchangeListener.NONE);
    }

    /** @return how many checks run in the next second, those due now not counted */
    private int checksOfOneSecond() {
        timer.advance(Duration.ZERO);
        int before = checks.get();
        timer.advance(Duration.ofSeconds(1));
        return checks.get() - before;
    }

    @Test
    void aRouteKeepsItsStateAndAnotherRouteGetsItsOwnWithTheRoutesSettings() {
        Route first = checkedRoute("first");
        Route second = Route.builder("second").upstream("http://a.test").build();
        GroupStates.Holder held = hold(first, second);

        assertSame(held.of(first), held.of(first));
        assertNotSame(held.of(first), held.of(second));
        assertTrue(held.of(first).settings().healthCheck().isPresent());
        assertSame(Resilience.defaults(), held.of(second).settings());
    }

    @Test
    void aGroupsHealthChecksStartWithItsFirstRequestAndStopWhenTheRegistryCloses() {
        hold().of(checkedRoute("api"));
        timer.advance(Duration.ofSeconds(2));
        assertEquals(3, checks.get());

        states.close();
        timer.advance(Duration.ofSeconds(5));
        assertEquals(3, checks.get());
    }

    @Test
    void aNewConfigurationWithAnEqualRouteGetsTheSameStateWhoseChecksRunOnAfterTheOldOneIsReleased() {
        GroupStates.Holder old = hold(checkedRoute("api"));
        GroupState before = old.of(checkedRoute("api"));
        GroupStates.Holder reloaded = hold(checkedRoute("api"));

        old.close();

        assertSame(before, reloaded.of(checkedRoute("api")));
        assertEquals(1, checksOfOneSecond(), "the carried-over group is still checked, once");
    }

    @Test
    void aNewConfigurationWhoseRouteHasOtherInstancesGetsAFreshState() {
        GroupStates.Holder old = hold(checkedRoute("api"));
        GroupState before = old.of(checkedRoute("api"));
        GroupStates.Holder reloaded = hold(checkedRoute("api", "http://a.test", "http://b.test"));

        assertNotSame(before, reloaded.of(checkedRoute("api", "http://a.test", "http://b.test")));
        assertNotSame(before, hold(Route.builder("api").upstream("http://a.test").build())
                .of(Route.builder("api").upstream("http://a.test").build()), "other settings, another state");
    }

    @Test
    void theChecksOfAGroupTheNewConfigurationDropsStopOnceTheOldOneIsReleasedAndNotBefore() {
        GroupStates.Holder old = hold(checkedRoute("dropped"));
        old.of(checkedRoute("dropped"));
        GroupStates.Holder reloaded = hold(checkedRoute("kept"));
        reloaded.of(checkedRoute("kept"));
        assertEquals(2, checksOfOneSecond(), "the old configuration may still send to the dropped group");

        old.close();

        assertEquals(1, checksOfOneSecond(), "only the kept group is still checked");
        reloaded.close();
        assertEquals(0, checksOfOneSecond());
    }

    @Test
    void aRouteTheConfigurationDidNotListIsHeldUntilItIsReleased() {
        GroupStates.Holder held = hold();
        held.of(checkedRoute("unlisted"));
        assertEquals(1, checksOfOneSecond());

        held.close();
        held.close();

        assertEquals(0, checksOfOneSecond());
    }
}
