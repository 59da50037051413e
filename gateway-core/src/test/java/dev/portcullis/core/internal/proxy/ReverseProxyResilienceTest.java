package dev.portcullis.core.internal.proxy;

import static dev.portcullis.core.internal.proxy.ScriptedClient.HANG;
import static dev.portcullis.core.internal.proxy.ScriptedClient.READ_THEN_RESET;
import static dev.portcullis.core.internal.proxy.ScriptedClient.REFUSE;
import static dev.portcullis.core.internal.proxy.ScriptedClient.TIME_OUT;
import static dev.portcullis.core.internal.proxy.ScriptedClient.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.ExchangeEvent.ShedReason;
import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.ForwardingBody;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.UpstreamEvent;
import dev.portcullis.api.routing.LoadBalancers;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.resilience.CircuitBreaker;
import dev.portcullis.core.resilience.HealthCheck;
import dev.portcullis.core.resilience.OutlierEjection;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.resilience.Retries;
import dev.portcullis.core.testing.ManualTimer;
import dev.portcullis.core.testing.RecordingListener;
import dev.portcullis.core.testing.TestRequests;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The proxy's resilience on a manual clock against a scripted client: retries and their limits, shedding, leases,
 * ejection, and the events a listener hears. The instances are {@code a.test} and {@code b.test}, taken in turn.
 */
class ReverseProxyResilienceTest {
    private static final Retries RETRIES = Retries.builder().backoff(Duration.ofMillis(10), Duration.ofMillis(100))
            .build();
    private final ManualTimer timer = new ManualTimer();
    private final ScriptedClient client = new ScriptedClient();
    private final RecordingListener listener = new RecordingListener();
    private final List<ExchangeEvent> events = listener.events;
    private final List<UpstreamEvent> instanceEvents = listener.upstreamEvents;
    private final List<Runnable> aborts = new ArrayList<>();
    private final ReverseProxy proxy = new ReverseProxy(client, TrustedProxies.of(List.of()),
            new ProxyRules("portcullis", "X-Request-Id", false, false, 7 * 1024), listener, timer);

    private static Route route(Resilience resilience) {
        return Route.builder("api").path("/api/**").upstream("http://a.test").upstream("http://b.test")
                .loadBalancer(LoadBalancers.roundRobin()).metadata(Resilience.KEY, resilience).build();
    }

    private static Resilience retrying(Retries retries) {
        return Resilience.builder().retries(retries).build();
    }

    private CompletableFuture<GatewayResponse> forward(Route route, GatewayRequest request) {
        return proxy.forward(request, new RouteMatch(route, "/api/x", Map.of()), ProxyExchanges.heard(aborts::add, listener))
                .toCompletableFuture();
    }

    private CompletableFuture<GatewayResponse> get(Route route) {
        return forward(route, TestRequests.request("GET", "/api/x").build());
    }

    private static GatewayRequest withBody(String method, int chunks, String chunk) {
        return TestRequests.request(method, "/api/x")
                .body(new TestRequests.Streamed(chunks, chunk.getBytes(StandardCharsets.UTF_8))).build();
    }

    /** @return the answer, which must be there without any time passing */
    private static GatewayResponse now(CompletableFuture<GatewayResponse> response) {
        assertTrue(response.isDone(), "no answer at once");
        return response.join();
    }

    /** Lets every backoff pass. */
    private GatewayResponse afterBackoffs(CompletableFuture<GatewayResponse> response) {
        timer.advance(Duration.ofSeconds(1));
        assertTrue(response.isDone(), "no answer after the backoffs");
        return response.join();
    }

    private static void assertProblem(GatewayResponse response, int status, String type) {
        assertEquals(status, response.status());
        assertEquals(type, response.problem().orElseThrow().type());
    }

    @Test
    void aConnectFailureIsRetriedOnTheOtherInstanceAfterAScheduledBackoff() {
        client.script("a.test", REFUSE);
        CompletableFuture<GatewayResponse> response = get(route(retrying(RETRIES)));

        assertFalse(response.isDone(), "the retry waits for its backoff on the timer, not on a thread");
        assertEquals(200, afterBackoffs(response).status());
        assertEquals(List.of("a.test", "b.test"), client.hosts());
        assertEquals(List.of(ExchangeEvent.UpstreamCalled.class, ExchangeEvent.UpstreamFailed.class,
                ExchangeEvent.UpstreamCalled.class, ExchangeEvent.UpstreamAnswered.class),
                events.stream().map(Object::getClass).toList());
    }

    @Test
    void withoutRetriesAConnectFailureIsA502AtOnce() {
        client.script("a.test", REFUSE);

        assertProblem(now(get(route(Resilience.defaults()))), 502, ProblemTypes.UPSTREAM_UNAVAILABLE);
        assertEquals(List.of("a.test"), client.hosts());
    }

    @Test
    void aPostIsRetriedOnlyWhenNonIdempotentMethodsAreAllowed() {
        client.script("a.test", REFUSE);
        assertProblem(now(forward(route(retrying(RETRIES)), withBody("POST", 1, "x"))), 502,
                ProblemTypes.UPSTREAM_UNAVAILABLE);

        GatewayResponse allowed = afterBackoffs(forward(route(retrying(Retries.builder().nonIdempotent(true)
                .build())), withBody("POST", 1, "x")));
        assertEquals(200, allowed.status());
        assertEquals(List.of("a.test", "a.test", "b.test"), client.hosts());
    }

    @Test
    void aListedStatusIsRetriedWithTheFirstAnswerDiscardedAndTheLastRelayedWhenNoRetryIsLeft() {
        client.script("a.test", status(503)).script("b.test", status(503));
        GatewayResponse response = afterBackoffs(get(route(retrying(Retries.builder().maxRetries(1).statuses(503)
                .build()))));

        assertEquals(503, response.status());
        assertTrue(response.problem().isEmpty(), "the upstream's own answer is relayed");
        assertEquals(List.of("a.test", "b.test"), client.hosts());
        assertEquals(1, client.responseBodiesCancelled.get(), "the retried answer's connection is released");
    }

    @Test
    void aRetryTheCircuitBreakerHasNoRoomForIsNotMadeAndTheLastAnswerStands() {
        client.script("a.test", status(503));
        GatewayResponse response = afterBackoffs(get(route(Resilience.builder()
                .circuitBreaker(CircuitBreaker.builder().maxRequests(1).build())
                .retries(Retries.builder().statuses(503).build()).build())));

        assertEquals(503, response.status());
        assertTrue(response.problem().isEmpty(), "the upstream's own answer is relayed");
        assertEquals(List.of("a.test"), client.hosts());
        assertEquals(0, client.responseBodiesCancelled.get(), "the answer relayed still holds its body");
    }

    @Test
    void aTimeoutIsRetriedOnlyWhenAsked() {
        client.script("a.test", TIME_OUT);
        assertProblem(now(get(route(retrying(RETRIES)))), 504, ProblemTypes.UPSTREAM_TIMEOUT);

        Retries onTimeouts = Retries.builder().on(Retries.Condition.TIMEOUT).build();
        assertEquals(200, afterBackoffs(get(route(retrying(onTimeouts)))).status());
    }

    @Test
    void aBodyReadToItsEndWithinTheCapIsSentAgainByteForByte() {
        client.script("a.test", READ_THEN_RESET).script("b.test", status(200));
        GatewayResponse response = afterBackoffs(forward(route(retrying(RETRIES)), withBody("PUT", 3, "abc")));

        assertEquals(200, response.status());
        assertEquals(List.of("abcabcabc", "abcabcabc"), client.bodiesRead);
        assertEquals(9, client.sent.get(1).body().contentLength());
    }

    @Test
    void aBodyOfDeclaredLengthIsSentAgainWhenAllItsBytesWereReadAlthoughItsEndWasNeverSignalled() {
        client.script("a.test", ScriptedClient.READ_LENGTH_THEN_RESET).script("b.test", status(200));
        Body declared = new ForwardingBody(new TestRequests.Streamed(3, "abc".getBytes(StandardCharsets.UTF_8))) {
            @Override
            public long contentLength() {
                return 9;
            }
        };
        GatewayResponse response = afterBackoffs(forward(route(retrying(RETRIES)),
                TestRequests.request("PUT", "/api/x").body(declared).build()));

        assertEquals(200, response.status());
        assertEquals(List.of("abcabcabc"), client.bodiesRead);
    }

    @Test
    void aBodyLargerThanTheCapIsNotSentAgain() {
        client.script("a.test", READ_THEN_RESET);
        Retries smallCap = Retries.builder().maxReplayBytes(8).build();

        assertProblem(now(forward(route(retrying(smallCap)), withBody("PUT", 3, "abc"))), 502,
                ProblemTypes.UPSTREAM_UNAVAILABLE);
        assertEquals(List.of("a.test"), client.hosts());
    }

    @Test
    void aBodyNeverReadIsSentOnTheRetryWhateverItsSize() {
        client.script("a.test", REFUSE);
        Retries smallCap = Retries.builder().maxReplayBytes(1).build();

        assertEquals(200, afterBackoffs(forward(route(retrying(smallCap)), withBody("PUT", 2, "abc"))).status());
        assertEquals(List.of("abcabc"), client.bodiesRead);
    }

    @Test
    void retriesNeverExceedTheBudget() {
        client.script("a.test", REFUSE).script("b.test", REFUSE);
        Route route = route(retrying(Retries.builder().maxRetries(3).budget(20, 0).build()));
        for (int i = 0; i < 100; i++) {
            afterBackoffs(get(route));
        }

        int retries = client.sent.size() - 100;
        assertTrue(retries > 10 && retries <= 20, "retries made: " + retries);
    }

    @Test
    void overTheCircuitBreakersCapARequestIsShedWithRetryAfterWithoutCallingTheUpstream() {
        client.script("a.test", HANG).script("b.test", HANG);
        Route route = route(Resilience.builder().circuitBreaker(CircuitBreaker.builder().maxPending(1).build()).build());
        CompletableFuture<GatewayResponse> hanging = get(route);
        GatewayResponse shed = now(get(route));

        assertFalse(hanging.isDone());
        assertProblem(shed, 503, ProblemTypes.OVERLOADED);
        assertEquals("1", shed.headers().first("Retry-After").orElseThrow());
        assertEquals(1, client.sent.size());
        assertTrue(events.contains(new ExchangeEvent.UpstreamShed("req-1", "api", ShedReason.MAX_PENDING)), events.toString());
    }

    @Test
    void aRequestHoldsItsPlaceUntilItsExchangeEndsAndTheBalancerHearsTheEndOnce() {
        Route route = route(Resilience.builder().circuitBreaker(CircuitBreaker.builder().maxRequests(1).build())
                .build());
        assertEquals(200, now(get(route)).status());
        assertProblem(now(get(route)), 503, ProblemTypes.OVERLOADED);

        aborts.forEach(Runnable::run);
        aborts.forEach(Runnable::run);
        assertEquals(200, now(get(route)).status());
        assertProblem(now(get(route)), 503, ProblemTypes.OVERLOADED);
    }

    @Test
    void whenNoInstanceIsHealthyTheRequestIsShedWith503AndTheCheckIntervalAsRetryAfter() {
        client.script("a.test", REFUSE).script("b.test", REFUSE);
        Route route = route(Resilience.builder().healthCheck(HealthCheck.builder("/health")
                .interval(Duration.ofSeconds(3)).jitter(Duration.ZERO).unhealthyThreshold(1).build()).build());
        now(get(route));
        timer.advance(Duration.ZERO);
        int calls = client.sent.size();
        GatewayResponse shed = now(get(route));

        assertProblem(shed, 503, ProblemTypes.SERVICE_UNAVAILABLE);
        assertEquals("3", shed.headers().first("Retry-After").orElseThrow());
        assertEquals(calls, client.sent.size());
        assertEquals(2, instanceEvents.size());
    }

    @Test
    void consecutiveFailuresEjectAnInstanceSoLaterRequestsSkipIt() {
        client.script("a.test", REFUSE);
        Route route = route(Resilience.builder().outlierEjection(OutlierEjection.builder().consecutiveFailures(2)
                .build()).build());
        for (int i = 0; i < 8; i++) {
            now(get(route));
        }

        assertEquals(List.of("a.test", "b.test", "a.test", "b.test", "b.test", "b.test", "b.test", "b.test"),
                client.hosts());
        assertTrue(instanceEvents.get(0) instanceof UpstreamEvent.Ejected, instanceEvents.toString());
    }

    @Test
    void theOverallTimeoutCapsEachTrysResponseTimeout() {
        client.script("a.test", TIME_OUT);
        Route route = route(retrying(Retries.builder().on(Retries.Condition.TIMEOUT)
                .perTryTimeout(Duration.ofSeconds(1)).overallTimeout(Duration.ofMillis(300)).build()));
        CompletableFuture<GatewayResponse> response = get(route);

        assertEquals(Duration.ofMillis(300), client.sent.get(0).responseTimeout());
        assertEquals(200, afterBackoffs(response).status());
        assertTrue(client.sent.get(1).responseTimeout().compareTo(Duration.ofMillis(300)) < 0,
                client.sent.get(1).responseTimeout().toString());
    }

    @Test
    void noRetryStartsOnceTheOverallTimeoutHasPassed() {
        CompletableFuture<UpstreamResponse> slow = new CompletableFuture<>();
        client.script("a.test", (request, scripted) -> slow);
        CompletableFuture<GatewayResponse> response = get(route(retrying(Retries.builder()
                .on(Retries.Condition.TIMEOUT).overallTimeout(Duration.ofMillis(300)).build())));
        timer.advance(Duration.ofMillis(300));
        slow.completeExceptionally(new HttpTimeoutException("no headers"));

        assertProblem(now(response), 504, ProblemTypes.UPSTREAM_TIMEOUT);
        assertEquals(List.of("a.test"), client.hosts());
    }

    @Test
    void aClientThatLeavesDuringTheBackoffGetsNoRetry() {
        client.script("a.test", REFUSE);
        CompletableFuture<GatewayResponse> response = get(route(retrying(RETRIES)));
        aborts.forEach(Runnable::run);

        afterBackoffs(response);
        assertEquals(List.of("a.test"), client.hosts());
    }

    @Test
    void aFailureWhileHandlingATrysAnswerFailsTheCallInsteadOfLeavingItUnanswered() {
        ExchangeListener broken = event -> {
            if (event instanceof ExchangeEvent.UpstreamAnswered) {
                throw new IllegalStateException("a broken step");
            }
        };
        CompletableFuture<GatewayResponse> response = proxy.forward(TestRequests.request("GET", "/api/x").build(),
                new RouteMatch(route(Resilience.defaults()), "/api/x", Map.of()),
                ProxyExchanges.heard(aborts::add, broken)).toCompletableFuture();

        assertTrue(response.isCompletedExceptionally());
    }

    @Test
    void aBodylessRetryOfAGetSendsAnEmptyBody() {
        client.script("a.test", REFUSE);
        afterBackoffs(forward(route(retrying(RETRIES)), TestRequests.request("GET", "/api/x").body(Body.empty())
                .build()));

        assertEquals(0, client.sent.get(1).body().contentLength());
    }
}
