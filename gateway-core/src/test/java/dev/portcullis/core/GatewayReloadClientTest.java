package dev.portcullis.core;

import static dev.portcullis.core.GatewayReloadTest.config;
import static dev.portcullis.core.GatewayReloadTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.testing.CountingClient;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which upstream client a reload keeps, which one it closes, and when. */
class GatewayReloadClientTest {
    private final CountingClient created = new CountingClient();

    /** @return a gateway that created its client ({@link #created}) from a provider, so it owns it */
    private Gateway owningGateway() {
        return config("a").buildGateway(List.of(created.provider(1)));
    }

    private static void await(CompletionStage<Void> drained) throws Exception {
        drained.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReloadThatNamesNoClientKeepsTheCreatedOneWhichCloseStillCloses() throws Exception {
        Gateway gateway = owningGateway();

        await(gateway.reload(config("b")));
        await(gateway.reload(config("c")));

        assertSame(created, gateway.upstreamClient());
        assertEquals(0, created.closes(), "a carried-over client stays open");
        gateway.close();
        assertEquals(1, created.closes());
    }

    @Test
    void aReloadThatNamesTheClientInUseKeepsIt() throws Exception {
        Gateway gateway = owningGateway();

        await(gateway.reload(config("b").upstreamClient(gateway.upstreamClient())));

        assertEquals(0, created.closes());
        gateway.close();
        assertEquals(1, created.closes(), "the gateway still owns the client it created");
    }

    @Test
    void aReloadThatNamesAnotherClientClosesTheCreatedOneOnceTheExchangesOnItHaveEnded() throws Exception {
        Gateway gateway = owningGateway();
        Exchange inFlight = gateway.open(get("/x"));
        CountingClient given = new CountingClient();

        CompletionStage<Void> drained = gateway.reload(config("b").upstreamClient(given));
        assertSame(given, gateway.upstreamClient());
        assertEquals(0, created.closes(), "an exchange still runs on the created client");
        inFlight.end(200, 0);
        await(drained);

        assertEquals(1, created.closes());
        gateway.close();
        assertEquals(0, given.closes(), "a given client belongs to the caller");
        assertEquals(1, created.closes());
    }

    @Test
    void aClientSharedByTwoReplacedConfigurationsIsClosedOnlyOnceBothHaveDrained() throws Exception {
        Gateway gateway = owningGateway();
        Exchange onA = gateway.open(get("/a"));
        gateway.reload(config("b"));
        Exchange onB = gateway.open(get("/b"));

        CompletionStage<Void> drained = gateway.reload(config("c").upstreamClient(new CountingClient()));
        onB.end(200, 0);
        GatewayReloadTest.assertNotCompleteYet(drained);
        assertEquals(0, created.closes(), "the exchange on the first configuration still uses the client");
        onA.end(200, 0);
        await(drained);

        assertEquals(1, created.closes());
    }

    @Test
    void aGivenClientIsNeverClosedByAReloadNorByClose() throws Exception {
        CountingClient given = new CountingClient();
        Gateway gateway = config("a").upstreamClient(given).build();

        await(gateway.reload(config("b").upstreamClient(new CountingClient())));
        gateway.close();

        assertEquals(0, given.closes());
    }

    @Test
    void aGivenClientCarriedOverByAReloadThatNamesNoneStaysTheCallers() throws Exception {
        CountingClient given = new CountingClient();
        Gateway gateway = config("a").upstreamClient(given).build();

        await(gateway.reload(config("b")));
        UpstreamClient current = gateway.upstreamClient();
        gateway.close();

        assertSame(given, current);
        assertEquals(0, given.closes());
    }
}
