package dev.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ExchangeEvent.Outcome;
import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.core.testing.CountingClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exchange's state machine: client abort, upstream end and container timeout race for it from three threads,
 * and every exactly-once decision is taken exactly once, whoever wins.
 */
class ExchangeLifecycleTest {
    private static final int ROUNDS = 2_000;
    private final List<ExchangeEvent> events = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private Gateway gateway(int maxInFlight, Interceptor... stages) {
        return Gateway.builder().pipeline(Pipeline.builder().addAll(List.of(stages)).build())
                .upstreamClient(new CountingClient()).maxInFlight(maxInFlight).listener(events::add).build();
    }

    private static IncomingRequest get(String path) {
        return IncomingRequest.builder().method("GET").rawPath(path).peerAddress("192.0.2.7").contentLength(-1).build();
    }

    @Test
    void clientAbortUpstreamEndAndTimeoutRacingFromThreeThreadsCompleteAbortAndEndTheExchangeExactlyOnce()
            throws Exception {
        Gateway gateway = gateway(1);
        for (int round = 0; round < ROUNDS; round++) {
            Exchange exchange = gateway.open(get("/race"));
            assertTrue(exchange.refusal().isEmpty(), "round " + round + ": the previous exchange left the cap");
            AtomicInteger aborted = new AtomicInteger();
            exchange.onAbort(aborted::incrementAndGet);
            CyclicBarrier together = new CyclicBarrier(3);
            List<Future<Boolean>> completions = new ArrayList<>();
            completions.add(threads.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                exchange.clientGone();
                boolean mine = exchange.claimCompletion();
                exchange.end(200, 10);
                return mine;
            }));
            completions.add(threads.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                boolean mine = exchange.claimCompletion();
                exchange.end(200, 10);
                return mine;
            }));
            completions.add(threads.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                exchange.clientGone();
                boolean mine = exchange.claimCompletion();
                exchange.end(200, 10);
                return mine;
            }));
            int winners = 0;
            for (Future<Boolean> completion : completions) {
                winners += completion.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, winners, "round " + round + ": the async context must be completed exactly once");
            assertEquals(1, aborted.get(), "round " + round + ": the upstream work must be cancelled exactly once");
            assertTrue(exchange.ended());
        }
        assertEquals(ROUNDS, events.stream().filter(ExchangeEvent.Ended.class::isInstance).count());
        assertEquals(ROUNDS, events.stream().filter(ExchangeEvent.Started.class::isInstance).count());
    }

    @Test
    void anAbortActionRegisteredAfterTheClientWentAwayRunsAtOnceAndASecondReportIsIgnored() {
        Exchange exchange = gateway(4).open(get("/x"));
        assertTrue(exchange.clientGone());
        assertFalse(exchange.clientGone());

        AtomicInteger aborted = new AtomicInteger();
        exchange.onAbort(aborted::incrementAndGet);

        assertEquals(1, aborted.get());
    }

    @Test
    void anAbortActionThatHasNotRunWhenTheExchangeEndsRunsThenOnce() {
        Exchange exchange = gateway(4).open(get("/x"));
        AtomicInteger released = new AtomicInteger();
        exchange.onAbort(released::incrementAndGet);

        exchange.end(200, 0);
        exchange.end(200, 0);
        exchange.clientGone();

        assertEquals(1, released.get());
    }

    @Test
    void anAbortActionThatThrowsAtTheEndStillLetsTheExchangeEndAndLeaveTheCap() {
        Gateway gateway = gateway(1);
        Exchange exchange = gateway.open(get("/x"));
        exchange.onAbort(() -> {
            throw new IllegalStateException("a broken release");
        });

        exchange.end(200, 0);

        assertEquals(1, events.stream().filter(ExchangeEvent.Ended.class::isInstance).count());
        assertTrue(gateway.open(get("/y")).refusal().isEmpty(), "the exchange left the admission cap");
    }

    @Test
    void theOutcomeReportedAtTheEndIsTheFirstThingThatHappened() {
        Gateway gateway = gateway(4);
        Exchange gone = gateway.open(get("/gone"));
        gone.clientGone();
        gone.upstreamFailedAfterHead();
        gone.end(200, 5);
        Exchange cut = gateway.open(get("/cut"));
        cut.upstreamFailedAfterHead();
        cut.clientGone();
        cut.end(200, 5);

        List<Outcome> outcomes = events.stream().filter(ExchangeEvent.Ended.class::isInstance)
                .map(event -> ((ExchangeEvent.Ended) event).outcome()).toList();
        assertEquals(List.of(Outcome.CLIENT_GONE, Outcome.UPSTREAM_FAILED), outcomes);
    }

    @Test
    void overTheCapAnExchangeIsRefusedWith503AndRetryAfterAndEndingItDoesNotFreeAnAdmittedSlot() {
        Gateway gateway = gateway(1);
        Exchange admitted = gateway.open(get("/a"));
        Exchange refused = gateway.open(get("/b"));
        refused.end(503, 0);

        ProblemResponse answer = refused.refusal().orElseThrow();
        assertEquals(503, answer.status());
        assertEquals("1", answer.headers().first("Retry-After").orElseThrow());
        assertTrue(new String(answer.body(), StandardCharsets.UTF_8).contains(ProblemTypes.OVERLOADED));
        assertTrue(gateway.open(get("/c")).refusal().isPresent(), "the refused exchange must not free a slot");
        admitted.end(200, 0);
        assertTrue(gateway.open(get("/d")).refusal().isEmpty());
    }

    @Test
    void aStageThatAnswersItselfIsHeardBetweenStartAndEnd() {
        Interceptor deny = Interceptor.named("Deny", chain -> CompletableFuture.completedFuture(GatewayResponse.problem(
                Problem.builder(ProblemTypes.FORBIDDEN, 403, "Forbidden").build())));
        Exchange exchange = gateway(4, deny).open(get("/x"));

        GatewayResponse response = exchange.run().join();
        exchange.end(response.status(), 0);

        assertEquals(3, events.size(), events.toString());
        assertTrue(events.get(0) instanceof ExchangeEvent.Started);
        ExchangeEvent.StageAnswered answered = (ExchangeEvent.StageAnswered) events.get(1);
        assertEquals("Deny", answered.stage());
        assertEquals(403, answered.status());
        assertEquals(Optional.of(ProblemTypes.FORBIDDEN), answered.problemType());
        ExchangeEvent.Ended ended = (ExchangeEvent.Ended) events.get(2);
        assertEquals(exchange.id(), ended.requestId());
        assertEquals(403, ended.status());
    }

    @Test
    void aListenerThatThrowsNeverFailsTheExchange() {
        Gateway gateway = Gateway.builder().pipeline(Pipeline.builder().build()).upstreamClient(new CountingClient())
                .listener(event -> {
                    throw new IllegalStateException("a broken listener");
                }).listener(events::add).build();
        Exchange exchange = gateway.open(get("/x"));

        GatewayResponse response = exchange.run().join();
        exchange.end(200, -1);

        assertTrue(response.passesToApplication());
        assertEquals(2, events.size(), "the second listener still hears every event");
    }
}
