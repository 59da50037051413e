package dev.portcullis.core;

import static dev.portcullis.core.GatewayReloadTest.assertNotCompleteYet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ExchangeListener;
import dev.portcullis.core.internal.Admission;
import dev.portcullis.core.testing.CountingClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A snapshot's count of exchanges: who may enter it, and when a retired one has drained. */
class SnapshotTest {
    private final CountingClient client = new CountingClient();
    private final CompletableFuture<Void> older = new CompletableFuture<>();
    private final Snapshot snapshot = new Snapshot(null, ExchangeListener.NONE, null, null, "X-Request-Id", 10,
            client, true, new Admission(), older);

    private void awaitDrained() throws Exception {
        snapshot.drained().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void noExchangeEntersARetiredSnapshotAndTheRefusedOneLeavesTheCountAsItWas() throws Exception {
        older.complete(null);
        assertTrue(snapshot.enter());
        snapshot.retire(false);

        assertFalse(snapshot.enter());
        assertNotCompleteYet(snapshot.drained());
        snapshot.leave();

        awaitDrained();
        assertFalse(snapshot.enter());
    }

    @Test
    void aRetiredSnapshotHasDrainedOnceTheLastOfItsExchangesLeaves() throws Exception {
        older.complete(null);
        snapshot.enter();
        snapshot.enter();
        snapshot.retire(false);
        snapshot.leave();
        assertNotCompleteYet(snapshot.drained());

        snapshot.leave();

        awaitDrained();
        assertEquals(0, client.closes());
    }

    @Test
    void aSnapshotThatIsNotRetiredNeverDrainsHoweverOftenItEmpties() {
        older.complete(null);
        snapshot.enter();
        snapshot.leave();

        assertNotCompleteYet(snapshot.drained());
    }

    @Test
    void aSnapshotHasDrainedOnlyOnceTheOlderOnesHaveToo() throws Exception {
        snapshot.retire(true);
        assertNotCompleteYet(snapshot.drained());
        assertEquals(0, client.closes(), "the older snapshots may still use the client");

        older.complete(null);

        awaitDrained();
        assertEquals(1, client.closes());
    }

    @Test
    void theLastExchangeToLeaveNeverClosesTheClientOnItsOwnThread() throws Exception {
        older.complete(null);
        snapshot.enter();
        snapshot.retire(true);

        snapshot.leave();

        awaitDrained();
        assertEquals(1, client.closes());
        assertNotSame(Thread.currentThread(), client.closedBy());
    }
}
