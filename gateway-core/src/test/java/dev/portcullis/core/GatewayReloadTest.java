package dev.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.core.testing.CountingClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@link Gateway#reload}: the swap, which configuration an exchange runs on, when the returned stage completes, and
 * what an invalid configuration leaves behind.
 */
class GatewayReloadTest {
    /** How long a stage that must not complete yet is given to (wrongly) complete. */
    private static final long NOT_YET_MILLIS = 50;

    static Interceptor answer(String config) {
        return Interceptor.named("Answer-" + config, chain -> CompletableFuture.completedFuture(
                GatewayResponse.builder(200).header("X-Config", config).build()));
    }

    /** @return settings whose pipeline answers with {@code X-Config: config} and whose request-id header names it */
    static Gateway.Builder config(String config, Interceptor... before) {
        return Gateway.builder().requestIdHeader("Id-" + config)
                .pipeline(Pipeline.builder().addAll(List.of(before)).add(answer(config)).build());
    }

    static IncomingRequest get(String path) {
        return IncomingRequest.builder().method("GET").rawPath(path).peerAddress("192.0.2.7").contentLength(-1).build();
    }

    static String configOf(GatewayResponse response) {
        return response.headers().first("X-Config").orElseThrow();
    }

    private static Gateway gateway(Gateway.Builder settings) {
        return settings.upstreamClient(new CountingClient()).build();
    }

    static void assertNotCompleteYet(CompletionStage<Void> stage) {
        assertThrows(TimeoutException.class,
                () -> stage.toCompletableFuture().get(NOT_YET_MILLIS, TimeUnit.MILLISECONDS));
    }

    @Test
    void exchangesOpenedBeforeAReloadFinishOnTheReplacedConfigurationWhetherOrNotTheyHadStartedRunning()
            throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        Interceptor hold = Interceptor.named("Hold", chain -> release.thenCompose(go -> chain.proceed(chain.request())));
        Gateway gateway = gateway(config("a", hold));
        Exchange running = gateway.open(get("/running"));
        CompletableFuture<GatewayResponse> runningOutcome = running.run();
        Exchange waiting = gateway.open(get("/waiting"));

        gateway.reload(config("b"));
        Exchange after = gateway.open(get("/after"));
        release.complete(null);

        assertEquals("a", configOf(runningOutcome.get(10, TimeUnit.SECONDS)));
        assertEquals("a", configOf(waiting.run().get(10, TimeUnit.SECONDS)));
        assertEquals("Id-a", waiting.requestIdHeader());
        assertEquals("b", configOf(after.run().get(10, TimeUnit.SECONDS)));
        assertEquals("Id-b", after.requestIdHeader());
        assertEquals("Id-b", gateway.requestIdHeader());
        assertEquals("Answer-b", gateway.describe());
    }

    @Test
    void theEventsOfAnExchangeGoToTheListenersOfTheConfigurationItOpenedOn() {
        List<ExchangeEvent> heardByA = new CopyOnWriteArrayList<>();
        List<ExchangeEvent> heardByB = new CopyOnWriteArrayList<>();
        Gateway gateway = gateway(config("a").listener(heardByA::add));
        Exchange before = gateway.open(get("/before"));

        gateway.reload(config("b").listener(heardByB::add));
        before.end(200, 0);
        gateway.open(get("/after")).end(200, 0);

        assertEquals(List.of(ExchangeEvent.Started.class, ExchangeEvent.Ended.class),
                heardByA.stream().map(Object::getClass).toList());
        assertEquals(List.of(ExchangeEvent.Started.class, ExchangeEvent.Ended.class),
                heardByB.stream().map(Object::getClass).toList());
        assertEquals(before.id(), heardByA.get(1).requestId());
    }

    @Test
    void theReturnedStageCompletesOnlyOnceEveryExchangeOpenedOnTheReplacedConfigurationHasEnded() throws Exception {
        Gateway gateway = gateway(config("a").maxInFlight(2));
        Exchange first = gateway.open(get("/1"));
        Exchange second = gateway.open(get("/2"));
        Exchange refused = gateway.open(get("/3"));
        assertTrue(refused.refusal().isPresent(), "the cap of 2 refuses the third");

        CompletionStage<Void> drained = gateway.reload(config("b").maxInFlight(10));
        Exchange onTheNewConfiguration = gateway.open(get("/4"));
        first.end(200, 0);
        refused.end(503, 0);
        assertNotCompleteYet(drained);
        second.end(200, 0);

        drained.toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertFalse(onTheNewConfiguration.ended());
    }

    @Test
    void aReloadWithNothingInFlightCompletesWithoutAnyExchangeEnding() throws Exception {
        Gateway gateway = gateway(config("a"));
        gateway.open(get("/done")).end(200, 0);

        gateway.reload(config("b")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theStageOfALaterReloadAlsoWaitsForExchangesOnConfigurationsReplacedBefore() throws Exception {
        Gateway gateway = gateway(config("a"));
        Exchange onA = gateway.open(get("/a"));
        CompletionStage<Void> aDrained = gateway.reload(config("b"));
        CompletionStage<Void> bDrained = gateway.reload(config("c"));

        assertNotCompleteYet(bDrained);
        onA.end(200, 0);

        aDrained.toCompletableFuture().get(10, TimeUnit.SECONDS);
        bDrained.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anInvalidConfigurationIsRefusedNamingTheSettingAndTheCurrentOneKeepsServing() throws Exception {
        Gateway gateway = gateway(config("a"));
        Exchange before = gateway.open(get("/before"));

        assertRefused(gateway, Gateway.builder(), "pipeline:");
        assertRefused(gateway, config("b").requestIdHeader("Request Id"), "requestIdHeader:");
        assertRefused(gateway, config("b").trustedProxies("10.0.0.1/8"), "trustedProxies:");
        assertRefused(gateway, config("b").maxInFlight(0), "maxInFlight:");
        assertRefused(gateway, config("b").viaPseudonym("a b"), "viaPseudonym:");
        assertRefused(gateway, config("b").maxUpstreamResponseHeadBytes(10), "maxUpstreamResponseHeadBytes:");

        assertEquals("a", configOf(gateway.open(get("/after")).run().get(10, TimeUnit.SECONDS)));
        assertEquals("Id-a", gateway.requestIdHeader());
        before.end(200, 0);
        assertEquals("a", configOf(gateway.open(get("/later")).run().get(10, TimeUnit.SECONDS)),
                "no refused configuration was left behind to take over");
    }

    private static void assertRefused(Gateway gateway, Gateway.Builder next, String setting) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> gateway.reload(next));
        assertTrue(refused.getMessage().startsWith(setting), refused.getMessage());
    }

    @Test
    void aReloadAppliesItsInFlightCapToTheExchangesAlreadyInFlight() {
        Gateway gateway = gateway(config("a").maxInFlight(2));
        Exchange one = gateway.open(get("/1"));
        Exchange two = gateway.open(get("/2"));

        gateway.reload(config("b").maxInFlight(3));
        Exchange three = gateway.open(get("/3"));
        Exchange beyondThree = gateway.open(get("/4"));
        gateway.reload(config("c").maxInFlight(2));
        one.end(200, 0);
        Exchange stillBeyondTwo = gateway.open(get("/5"));
        two.end(200, 0);
        Exchange underTwoAgain = gateway.open(get("/6"));

        assertTrue(three.refusal().isEmpty(), "the raised cap admits a third");
        assertTrue(beyondThree.refusal().isPresent());
        assertTrue(stillBeyondTwo.refusal().isPresent(), "two in flight against the lowered cap of 2");
        assertTrue(underTwoAgain.refusal().isEmpty());
    }

    @Test
    void aClosedGatewayRefusesToReload() {
        Gateway gateway = gateway(config("a"));
        gateway.close();

        assertThrows(IllegalStateException.class, () -> gateway.reload(config("b")));
    }
}
