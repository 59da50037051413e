package dev.portcullis.core.internal.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.UpstreamEvent;
import dev.portcullis.api.routing.Upstream;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.resilience.HealthCheck;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.testing.IdleBody;
import dev.portcullis.core.testing.ManualTimer;
import dev.portcullis.core.testing.RecordingListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Active checks on a manual clock against a scripted client: thresholds, cadence, what is sent, stopping. */
class HealthCheckerTest {
    private static final Upstream A = Upstream.of("http://a.test:8080/base");
    private static final Upstream B = Upstream.of("http://b.test");
    private final ManualTimer timer = new ManualTimer();
    private final RecordingListener listener = new RecordingListener();
    private final List<UpstreamEvent> events = listener.upstreamEvents;
    private final ScriptedClient client = new ScriptedClient();

    /** Answers each instance's checks with the status it is told, or a refused connection for 0; never, for -1. */
    private static final class ScriptedClient implements UpstreamClient {
        final Map<String, Integer> statuses = new ConcurrentHashMap<>();
        final List<UpstreamRequest> sent = new ArrayList<>();
        final AtomicInteger bodiesCancelled = new AtomicInteger();

        @Override
        public synchronized CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            sent.add(request);
            int status = statuses.getOrDefault(request.uri().getHost(), 200);
            if (status < 0) {
                return new CompletableFuture<>();
            }
            return status == 0 ? CompletableFuture.failedFuture(new java.net.ConnectException("refused"))
                    : CompletableFuture.completedFuture(new UpstreamResponse(status, HttpHeaders.empty(),
                            new IdleBody(bodiesCancelled, -1)));
        }

        @Override
        public void close() {
        }
    }

    private GroupState checked(HealthCheck check) {
        GroupState state = new GroupState("api", List.of(A, B), Resilience.builder().healthCheck(check).build(),
                timer, listener, client);
        state.start();
        return state;
    }

    private static HealthCheck.Builder every10s() {
        return HealthCheck.builder("/health?deep=1").interval(Duration.ofSeconds(10)).jitter(Duration.ZERO)
                .timeout(Duration.ofSeconds(1));
    }

    @Test
    void eachInstanceIsCheckedAtOnceThenEveryIntervalWithAGetOfThePathOnItsAuthority() {
        checked(every10s().build());
        timer.advance(Duration.ZERO);
        timer.advance(Duration.ofSeconds(10));

        assertEquals(4, client.sent.size());
        UpstreamRequest first = client.sent.get(0);
        assertEquals("GET", first.method());
        assertEquals(URI.create("http://a.test:8080/health?deep=1"), first.uri());
        assertEquals(Duration.ofSeconds(1), first.connectTimeout());
        assertEquals(Duration.ofSeconds(1), first.responseTimeout());
        assertEquals(4, client.bodiesCancelled.get(), "every check's connection is released");
    }

    @Test
    void anInstanceIsUnhealthyAfterTheUnhealthyThresholdAndHealthyAgainAfterTheHealthyThreshold() {
        GroupState state = checked(every10s().unhealthyThreshold(2).healthyThreshold(3).build());
        client.statuses.put("b.test", 503);
        timer.advance(Duration.ZERO);
        assertEquals(List.of(A, B), state.eligible(null), "one failed check is not enough");

        timer.advance(Duration.ofSeconds(10));
        assertEquals(List.of(A), state.eligible(null));
        assertEquals(List.of(new UpstreamEvent.HealthChanged("api", URI.create("http://b.test"), false)), events);

        client.statuses.put("b.test", 200);
        timer.advance(Duration.ofSeconds(20));
        assertEquals(List.of(A), state.eligible(null), "two passed checks are not enough");
        timer.advance(Duration.ofSeconds(10));
        assertEquals(List.of(A, B), state.eligible(null));
        assertEquals(new UpstreamEvent.HealthChanged("api", URI.create("http://b.test"), true), events.get(1));
    }

    @Test
    void aRefusedConnectionAndAnUnexpectedStatusFailTheCheckAndTheExpectedStatusesPass() {
        GroupState state = checked(every10s().unhealthyThreshold(1).expectedStatuses(204).build());
        client.statuses.put("a.test", 0);
        client.statuses.put("b.test", 204);
        timer.advance(Duration.ZERO);

        assertEquals(List.of(B), state.eligible(null));
        client.statuses.put("b.test", 200);
        timer.advance(Duration.ofSeconds(10));
        assertEquals(List.of(), state.eligible(null), "no instance is healthy");
    }

    @Test
    void aCheckThatHangsIsNotFollowedByAnotherUntilItEnds() {
        checked(every10s().build());
        client.statuses.put("a.test", -1);
        timer.advance(Duration.ZERO);
        timer.advance(Duration.ofSeconds(60));

        assertEquals(1, client.sent.stream().filter(request -> request.uri().getHost().equals("a.test")).count());
        assertEquals(1 + 7, client.sent.size(), "b is checked at 0, 10, ..., 60 s");
    }

    @Test
    void jitterDelaysEachCheckByAtMostItsLength() {
        checked(every10s().jitter(Duration.ofSeconds(2)).build());
        timer.advance(Duration.ofSeconds(2));
        assertEquals(2, client.sent.size());

        assertTrue(timer.nextDelay().compareTo(Duration.ofSeconds(8)) >= 0, timer.nextDelay().toString());
        timer.advance(Duration.ofSeconds(12));
        assertEquals(4, client.sent.size());
    }

    @Test
    void closingTheStateStopsTheChecks() {
        GroupState state = checked(every10s().build());
        timer.advance(Duration.ZERO);
        state.close();
        timer.advance(Duration.ofSeconds(60));

        assertEquals(2, client.sent.size());
        assertEquals(0, timer.pending());
    }
}
