package dev.portcullis.core;

import static dev.portcullis.core.GatewayReloadTest.config;
import static dev.portcullis.core.GatewayReloadTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.testing.CountingClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What {@link Gateway#close()} does with the exchanges in flight, the requests that still arrive and the client. */
class GatewayDrainTest {
    private final CountingClient created = new CountingClient();

    /** @return a gateway that routes {@code /api/**} and created its client ({@link #created}), so it owns it */
    private Gateway routingGateway(Duration drainTimeout) {
        Route route = Route.builder("api").path("/api/**").upstream("http://127.0.0.1:9").build();
        return Gateway.builder().drainTimeout(drainTimeout)
                .pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(route))).build())
                .buildGateway(List.of(created.provider(1)));
    }

    private static CompletableFuture<Void> closeAside(Gateway gateway) {
        return CompletableFuture.runAsync(gateway::close);
    }

    @Test
    void closeWaitsForTheExchangeInFlightAndClosesTheClientItCreatedOnceThatEnded() throws Exception {
        Gateway gateway = routingGateway(Duration.ofSeconds(30));
        Exchange inFlight = gateway.open(get("/x"));

        CompletableFuture<Void> closing = closeAside(gateway);
        assertThrows(TimeoutException.class, () -> closing.get(300, TimeUnit.MILLISECONDS));
        assertEquals(0, created.closes(), "the client stays open while an exchange runs on it");

        inFlight.end(200, 0);
        closing.get(10, TimeUnit.SECONDS);
        assertEquals(1, created.closes());
    }

    @Test
    void closeReturnsAtTheDrainTimeoutAndClosesTheClientToCutWhatStillRuns() throws Exception {
        Gateway gateway = routingGateway(Duration.ofMillis(200));
        gateway.open(get("/x"));

        long start = System.nanoTime();
        closeAside(gateway).get(10, TimeUnit.SECONDS);

        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200), "returned before the deadline");
        assertTrue(created.closes() >= 1, "the client was not closed at the deadline");
    }

    @Test
    void aRoutedRequestThatArrivesWhileTheGatewayClosesIsAnswered503WithConnectionCloseAndNeverProxied()
            throws Exception {
        Gateway gateway = routingGateway(Duration.ofSeconds(30));
        Exchange inFlight = gateway.open(get("/x"));
        CompletableFuture<Void> closing = closeAside(gateway);
        assertThrows(TimeoutException.class, () -> closing.get(100, TimeUnit.MILLISECONDS));

        GatewayResponse answer = gateway.open(get("/api/orders")).run().get(10, TimeUnit.SECONDS);

        assertEquals(503, answer.status());
        assertEquals(ProblemTypes.SERVICE_UNAVAILABLE, answer.problem().orElseThrow().type());
        assertEquals("close", answer.headers().first("Connection").orElseThrow());
        assertEquals("1", answer.headers().first("Retry-After").orElseThrow());
        assertEquals(0, created.exchanges(), "the upstream was called");
        inFlight.end(200, 0);
        closing.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRequestForTheApplicationStillPassesToItWhileTheGatewayCloses() throws Exception {
        Gateway gateway = routingGateway(Duration.ZERO);
        gateway.close();

        GatewayResponse answer = gateway.open(get("/app/page")).run().get(10, TimeUnit.SECONDS);

        assertTrue(answer.passesToApplication(), answer.toString());
    }

    @Test
    void aNegativeDrainTimeoutFailsAtBuildNamingTheSetting() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> config("a").drainTimeout(Duration.ofSeconds(-1)).build());
        assertTrue(wrong.getMessage().startsWith("drainTimeout:"), wrong.getMessage());
    }
}
