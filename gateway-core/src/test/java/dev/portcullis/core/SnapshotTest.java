package dev.portcullis.core;

import static dev.portcullis.core.GatewayReloadTest.assertNotCompleteYet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.portcullis.api.ExchangeListener;
import dev.portcullis.core.Snapshot.Entry;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.internal.proxy.ProxyRules;
import dev.portcullis.core.internal.proxy.ReverseProxy;
import dev.portcullis.core.testing.CountingClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A snapshot's count of exchanges: who enters it, who is admitted, and when a retired one has drained. */
class SnapshotTest {
    private final CountingClient client = new CountingClient();

    private Snapshot snapshot(int maxInFlight, Snapshot older) {
        ReverseProxy proxy = new ReverseProxy(client, TrustedProxies.of(List.of()),
                new ProxyRules("portcullis", "X-Request-Id", false, false, 7 * 1024), ExchangeListener.NONE);
        return new Snapshot(null, ExchangeListener.NONE, null, proxy, "X-Request-Id", maxInFlight, client, true, null,
                older);
    }

    private static void awaitDrained(Snapshot snapshot) throws Exception {
        snapshot.drained().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void noExchangeEntersARetiredSnapshotAndTheTurnedAwayOneLeavesTheCountAsItWas() throws Exception {
        Snapshot snapshot = snapshot(1, null);
        assertEquals(Entry.ADMITTED, snapshot.enter());
        assertEquals(Entry.REFUSED, snapshot.enter());
        snapshot.retire(false, false);

        assertEquals(Entry.RETIRED, snapshot.enter());
        snapshot.leave(true);
        assertNotCompleteYet(snapshot.drained());
        snapshot.leave(false);

        awaitDrained(snapshot);
        assertEquals(Entry.RETIRED, snapshot.enter());
    }

    @Test
    void aRetiredSnapshotHasDrainedOnceTheLastOfItsExchangesLeaves() throws Exception {
        Snapshot snapshot = snapshot(10, null);
        snapshot.enter();
        snapshot.enter();
        snapshot.retire(false, false);
        snapshot.leave(true);
        assertNotCompleteYet(snapshot.drained());

        snapshot.leave(true);

        awaitDrained(snapshot);
        assertEquals(0, client.closes());
    }

    @Test
    void aSnapshotThatIsNotRetiredNeverDrainsHoweverOftenItEmpties() {
        Snapshot snapshot = snapshot(10, null);
        snapshot.enter();
        snapshot.leave(true);

        assertNotCompleteYet(snapshot.drained());
    }

    @Test
    void aRefusedExchangeCountsForDrainingButNotAgainstTheCap() {
        Snapshot snapshot = snapshot(1, null);
        assertEquals(Entry.ADMITTED, snapshot.enter());
        assertEquals(Entry.REFUSED, snapshot.enter());

        snapshot.leave(true);

        assertEquals(Entry.ADMITTED, snapshot.enter(), "the refused exchange still in flight takes no slot");
    }

    @Test
    void theCapCountsTheAdmittedExchangesOfOlderSnapshotsStillDraining() throws Exception {
        Snapshot older = snapshot(2, null);
        older.enter();
        older.enter();
        Snapshot newer = snapshot(3, older);
        older.retire(false, false);

        assertEquals(Entry.ADMITTED, newer.enter());
        assertEquals(Entry.REFUSED, newer.enter());
        older.leave(true);
        assertEquals(Entry.ADMITTED, newer.enter());
        older.leave(true);
        awaitDrained(older);
        assertEquals(Entry.ADMITTED, newer.enter());
    }

    @Test
    void aSnapshotHasDrainedOnlyOnceTheOlderOnesHaveToo() throws Exception {
        Snapshot older = snapshot(10, null);
        older.enter();
        Snapshot newer = snapshot(10, older);
        older.retire(false, false);
        newer.retire(true, false);
        assertNotCompleteYet(newer.drained());
        assertEquals(0, client.closes(), "the older snapshot may still use the client");

        older.leave(true);

        awaitDrained(newer);
        assertEquals(1, client.closes());
    }

    @Test
    void theLastExchangeToLeaveNeverClosesTheClientOnItsOwnThread() throws Exception {
        Snapshot snapshot = snapshot(10, null);
        snapshot.enter();
        snapshot.retire(true, false);

        snapshot.leave(true);

        awaitDrained(snapshot);
        assertEquals(1, client.closes());
        assertNotSame(Thread.currentThread(), client.closedBy());
    }
}
