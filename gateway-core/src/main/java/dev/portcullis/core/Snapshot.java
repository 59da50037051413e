package dev.portcullis.core;

import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.Pipeline;
import dev.portcullis.core.accesslog.AccessLog;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.internal.proxy.ReverseProxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything a {@link Gateway#reload reload} may change, built once and never changed: the pipeline, intake, the
 * proxy and its client, the listeners and access log, the request-id header and the in-flight cap. Each {@link Exchange} is bound to
 * the snapshot that was current when it opened and uses only that one to its end.
 *
 * <h2>Counting exchanges: the cap, and draining</h2>
 * One atomic word holds the exchanges on this snapshot, admitted and refused apart, plus two flags, so an exchange
 * pays one compare-and-set to enter and one atomic add to leave, and nothing on the request path locks.
 * {@link #enter()} admits while the admitted exchanges of this snapshot and of the older ones still draining stay
 * under this snapshot's cap (the older counts only fall, so reading them apart from the compare-and-set can only
 * refuse too many, never admit too many); a refused exchange is counted too, because its refusal is written and its
 * events heard on this snapshot. Once the snapshot is retired, {@code enter} answers {@link Entry#RETIRED} and the
 * caller reads the current snapshot again.
 *
 * <p>{@link #retire(boolean)} sets the retired flag; whoever then sees the counts reach zero with the flag set (the
 * retiring thread or the last exchange to leave) claims the drained flag, exactly once, and hands the rest to a new
 * thread: once the older snapshots have drained too, it closes the client if told to, then completes
 * {@link #drained()}. Waiting for the older ones makes the stage mean "nothing runs on any replaced configuration any
 * more", and keeps a client that several snapshots shared open until the last of them is done. The work runs on its
 * own thread because the last exchange leaves on a container or upstream-client thread, which must not wait for a
 * client to shut down (the Jetty client's own threads could not stop it at all).
 */
final class Snapshot {
    /** What {@link #enter()} made of an exchange. */
    enum Entry {
        /** Counted and under the cap. */
        ADMITTED,
        /** Counted, but over the cap: to be refused with 503. */
        REFUSED,
        /** Not counted: the snapshot is retired; read the current one again. */
        RETIRED
    }

    private static final long ADMITTED_MASK = (1L << 30) - 1;
    private static final long REFUSED_ONE = 1L << 30;
    private static final long DRAINED = 1L << 61;
    private static final long RETIRED = 1L << 62;

    private final Pipeline pipeline;
    private final ExchangeListener listener;
    private final Intake intake;
    private final ReverseProxy proxy;
    private final String requestIdHeader;
    private final int maxInFlight;
    private final UpstreamClient client;
    private final boolean ownsClient;
    private final AccessLog accessLog;
    private final boolean closing;
    private final AtomicLong state = new AtomicLong();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final CompletableFuture<Void> olderDrained;
    private volatile Snapshot older;
    private boolean closeClientWhenDrained;
    private boolean closeAccessLogWhenDrained;

    /**
     * @param pipeline the stages
     * @param listener hears the events of the exchanges on this snapshot; must not throw
     * @param intake reads requests
     * @param proxy forwards routed requests through {@code client}
     * @param requestIdHeader the request-id header
     * @param maxInFlight the most exchanges admitted at once, on this snapshot and the older ones still draining
     * @param client the upstream client
     * @param ownsClient whether the gateway created {@code client} (and closes it)
     * @param accessLog the access log among the listeners, which the gateway closes; null for none
     * @param older the snapshot this one replaces, or null for the first
     */
    Snapshot(Pipeline pipeline, ExchangeListener listener, Intake intake, ReverseProxy proxy, String requestIdHeader,
             int maxInFlight, UpstreamClient client, boolean ownsClient, AccessLog accessLog, Snapshot older) {
        this(pipeline, listener, intake, proxy, requestIdHeader, maxInFlight, client, ownsClient, accessLog, older,
                false);
    }

    private Snapshot(Pipeline pipeline, ExchangeListener listener, Intake intake, ReverseProxy proxy,
                     String requestIdHeader, int maxInFlight, UpstreamClient client, boolean ownsClient,
                     AccessLog accessLog, Snapshot older, boolean closing) {
        this.closing = closing;
        this.pipeline = pipeline;
        this.listener = listener;
        this.intake = intake;
        this.proxy = proxy;
        this.requestIdHeader = requestIdHeader;
        this.maxInFlight = (int) Math.min(maxInFlight, ADMITTED_MASK); // 2^30 - 1: more than ever fit in a heap
        this.client = client;
        this.ownsClient = ownsClient;
        this.accessLog = accessLog;
        this.older = older;
        this.olderDrained = older == null ? CompletableFuture.completedFuture(null) : older.drained;
        olderDrained.thenRun(() -> this.older = null); // last: forget the older ones once they have all drained
    }

    /**
     * The configuration of a gateway that is closing: the same parts as this snapshot, owning nothing, on which the
     * exchanges opened while this one drains run, and are refused at the proxy ({@link #closing()}).
     *
     * @return the closing snapshot, with this one as its older
     */
    Snapshot successorWhileClosing() {
        return new Snapshot(pipeline, listener, intake, proxy, requestIdHeader, maxInFlight, client, false, null, this,
                true);
    }

    /** @return whether the gateway is closing: a routed exchange on this snapshot is answered 503, not proxied */
    boolean closing() {
        return closing;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    ExchangeListener listener() {
        return listener;
    }

    Intake intake() {
        return intake;
    }

    ReverseProxy proxy() {
        return proxy;
    }

    String requestIdHeader() {
        return requestIdHeader;
    }

    UpstreamClient client() {
        return client;
    }

    boolean ownsClient() {
        return ownsClient;
    }

    AccessLog accessLog() {
        return accessLog;
    }

    /** Closes the access log, after it wrote what it holds; nothing without one. */
    void closeAccessLog() {
        if (accessLog != null) {
            accessLog.close();
        }
    }

    /**
     * @return whether an exchange is admitted, refused (either way counted: it {@link #leave(boolean) leaves} once)
     *     or not counted because this snapshot is retired
     */
    Entry enter() {
        long now;
        do {
            now = state.get();
            if ((now & RETIRED) != 0) {
                return Entry.RETIRED;
            }
            if ((now & ADMITTED_MASK) + olderAdmitted() >= maxInFlight) {
                return enterRefused();
            }
        } while (!state.compareAndSet(now, now + 1));
        return Entry.ADMITTED;
    }

    private Entry enterRefused() {
        if ((state.getAndAdd(REFUSED_ONE) & RETIRED) == 0) {
            return Entry.REFUSED;
        }
        leave(false);
        return Entry.RETIRED;
    }

    private long olderAdmitted() {
        long admitted = 0;
        for (Snapshot draining = older; draining != null; draining = draining.older) {
            admitted += draining.state.get() & ADMITTED_MASK;
        }
        return admitted;
    }

    /** @param admitted whether the exchange that {@linkplain #enter() entered} was admitted; it ends */
    void leave(boolean admitted) {
        if (state.addAndGet(admitted ? -1 : -REFUSED_ONE) == RETIRED) {
            claimDrained();
        }
    }


    /**
     * No exchange enters this snapshot any more; those in it finish on it. Called once, after a newer snapshot has
     * become current.
     *
     * @param closeClient whether to close the client once they, and those of older snapshots, have ended
     * @param closeAccessLog whether to close the access log then (the newer snapshot has another one, or none)
     */
    void retire(boolean closeClient, boolean closeAccessLog) {
        closeClientWhenDrained = closeClient;
        closeAccessLogWhenDrained = closeAccessLog;
        state.getAndAdd(RETIRED);
        claimDrained();
    }

    /**
     * @return completes once this snapshot is retired and no exchange runs on it or on an older one (and the client
     *     is closed, if {@link #retire(boolean) retire} asked for it)
     */
    CompletionStage<Void> drained() {
        return drained.minimalCompletionStage();
    }

    private void claimDrained() {
        if (state.compareAndSet(RETIRED, RETIRED | DRAINED)) {
            Thread retiring = new Thread(() -> olderDrained.whenComplete((done, never) -> closeAndComplete()),
                    "portcullis-retire");
            retiring.setDaemon(true);
            retiring.start();
        }
    }

    private void closeAndComplete() {
        try {
            proxy.close();
            if (closeClientWhenDrained) {
                client.close();
            }
            if (closeAccessLogWhenDrained) {
                closeAccessLog();
            }
        } catch (RuntimeException e) {
            Gateway.LOG.warn("closing the upstream client of a replaced configuration failed", e);
        } finally {
            drained.complete(null);
        }
    }
}
