package dev.portcullis.core.internal.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portcullis.api.ExchangeEvent.ShedReason;
import dev.portcullis.api.UpstreamEvent;
import dev.portcullis.api.routing.Upstream;
import dev.portcullis.api.routing.UpstreamGroup;
import dev.portcullis.core.resilience.CircuitBreaker;
import dev.portcullis.core.resilience.OutlierEjection;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.testing.ManualTimer;
import dev.portcullis.core.testing.RecordingListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which instances may serve, as passive ejection and the circuit breaker decide, on a manual clock. */
class GroupStateTest {
    private static final Upstream A = Upstream.of("http://a.test");
    private static final Upstream B = Upstream.of("http://b.test");
    private static final Upstream C = Upstream.of("http://c.test");
    private final ManualTimer timer = new ManualTimer();
    private final RecordingListener listener = new RecordingListener();
    private final List<UpstreamEvent> events = listener.upstreamEvents;

    private GroupState group(OutlierEjection ejection, Upstream... instances) {
        return new GroupState("api", List.of(instances), Resilience.builder().outlierEjection(ejection).build(), timer,
                listener, null);
    }

    private static OutlierEjection ejectAfter(int failures) {
        return OutlierEjection.builder().consecutiveFailures(failures).baseEjectionTime(Duration.ofSeconds(10))
                .maxEjectionTime(Duration.ofSeconds(25)).build();
    }

    private static void fail(GroupState state, int index, int times) {
        for (int i = 0; i < times; i++) {
            state.failed(index);
        }
    }

    @Test
    void everyInstanceServesAsLongAsNothingFailed() {
        GroupState state = group(OutlierEjection.defaults(), A, B, C);

        assertEquals(List.of(A, B, C), state.eligible(null));
    }

    @Test
    void consecutiveFailuresEjectAnInstanceForTheBaseTimeThenItServesAgain() {
        GroupState state = group(ejectAfter(3), A, B, C);
        fail(state, 1, 2);
        assertEquals(List.of(A, B, C), state.eligible(null), "two failures do not eject");

        state.failed(1);
        assertEquals(List.of(A, C), state.eligible(null));
        assertEquals(List.of(new UpstreamEvent.Ejected("api", URI.create("http://b.test"), Duration.ofSeconds(10))),
                events);

        timer.advance(Duration.ofSeconds(9));
        assertEquals(List.of(A, C), state.eligible(null));
        timer.advance(Duration.ofSeconds(1));
        assertEquals(List.of(A, B, C), state.eligible(null));
        assertEquals(new UpstreamEvent.Restored("api", URI.create("http://b.test")), events.get(1));
    }

    @Test
    void aSuccessInBetweenStartsTheRunOfFailuresAgain() {
        GroupState state = group(ejectAfter(3), A, B);
        fail(state, 0, 2);
        state.succeeded(0);
        fail(state, 0, 2);

        assertEquals(List.of(A, B), state.eligible(null));
        assertEquals(List.of(), events);
    }

    @Test
    void eachEjectionInASeriesLastsLongerUpToTheMaximum() {
        GroupState state = group(ejectAfter(1), A, B);
        List<Duration> durations = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            state.failed(0);
            durations.add(((UpstreamEvent.Ejected) events.get(events.size() - 1)).duration());
            timer.advance(durations.get(i));
        }

        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(25),
                Duration.ofSeconds(25)), durations);
    }

    @Test
    void anInstanceThatServedLongerThanTheMaximumEjectionStartsANewSeries() {
        GroupState state = group(ejectAfter(1), A, B);
        state.failed(0);
        timer.advance(Duration.ofSeconds(10));
        timer.advance(Duration.ofSeconds(26));
        state.failed(0);

        assertEquals(Duration.ofSeconds(10), ((UpstreamEvent.Ejected) events.get(2)).duration());
    }

    @Test
    void neverMoreThanTheMaximumShareIsEjected() {
        GroupState state = group(OutlierEjection.builder().consecutiveFailures(1).maxEjectedPercent(50).build(),
                A, B, C, Upstream.of("http://d.test"));
        for (int i = 0; i < 4; i++) {
            state.failed(i);
        }

        assertEquals(2, state.eligible(null).size());
        assertEquals(2, events.size());
    }

    @Test
    void oneOfTwoInstancesMayBeEjectedButTheOnlyInstanceNever() {
        GroupState pair = group(OutlierEjection.builder().consecutiveFailures(1).maxEjectedPercent(10).build(), A, B);
        GroupState single = group(OutlierEjection.builder().consecutiveFailures(1).maxEjectedPercent(100).build(), C);
        pair.failed(0);
        pair.failed(1);
        single.failed(0);

        assertEquals(List.of(B), pair.eligible(null));
        assertEquals(List.of(C), single.eligible(null));
        assertEquals(1, events.size());
    }

    @Test
    void withOutlierEjectionOffFailuresChangeNothing() {
        GroupState state = group(OutlierEjection.off(), A, B);
        fail(state, 0, 100);

        assertEquals(List.of(A, B), state.eligible(null));
        assertEquals(List.of(), events);
    }

    @Test
    void aRetryGoesToAnInstanceNotTriedYetAndBackToATriedOneOnlyWhenNoOtherServes() {
        GroupState state = group(ejectAfter(1), A, B, C);
        state.failed(2);

        assertEquals(List.of(B), state.eligible(new boolean[] {true, false, false}));
        assertEquals(List.of(A, B), state.eligible(new boolean[] {true, true, false}));
    }

    @Test
    void whenEjectionsLeaveNoInstanceEveryHealthyOneServes() {
        GroupState state = group(OutlierEjection.builder().consecutiveFailures(1).maxEjectedPercent(100).build(), A, B);
        state.failed(0);
        state.failed(1);

        assertEquals(List.of(A, B), state.eligible(null));
    }

    @Test
    void theCircuitBreakerAdmitsUpToItsCapsAndALeaseGivesItsPlaceBackOnce() {
        GroupState state = new GroupState("api", List.of(A), Resilience.builder()
                .circuitBreaker(CircuitBreaker.builder().maxRequests(2).maxPending(1).build()).build(), timer,
                listener, null);
        UpstreamGroup group = UpstreamGroup.of(List.of(A));

        assertNull(state.tryAcquire());
        Lease first = state.lease(group, A, null);
        assertSame(ShedReason.MAX_PENDING, state.tryAcquire(), "the first request still waits for its headers");
        first.settled();
        assertNull(state.tryAcquire());
        Lease second = state.lease(group, A, null);
        second.settled();
        assertSame(ShedReason.MAX_REQUESTS, state.tryAcquire());
        first.release();
        first.release();
        assertNull(state.tryAcquire());
        assertSame(ShedReason.MAX_REQUESTS, state.tryAcquire(), "a lease released twice frees one place");
    }
}
