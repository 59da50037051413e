package dev.portcullis.core;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.Pipeline;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.internal.Admission;
import dev.portcullis.core.internal.proxy.ReverseProxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Everything a {@link Gateway#reload reload} may change, built once and never changed: the pipeline, intake, the
 * proxy and its client, the listener, the request-id header and the in-flight cap. Each {@link Exchange} is bound to
 * the snapshot that was current when it opened and uses only that one to its end.
 *
 * <h2>Counting exchanges, and draining</h2>
 * One atomic word holds the count of exchanges on this snapshot plus two flags, so nothing on the request path
 * locks: {@link #enter()} adds one (and backs out, returning {@code false}, once the snapshot is retired),
 * {@link #leave()} takes one away. {@link #retire(boolean)} sets the retired flag; whoever then sees the count
 * reach zero with the flag set (the retiring thread or the last exchange to leave) claims the drained flag, exactly
 * once, and hands the rest to a new thread: once the snapshots older than this one have drained too, it closes the
 * client if told to, then completes {@link #drained()}. Waiting for the older ones makes the stage mean "nothing
 * runs on any replaced configuration any more", and keeps a client that several snapshots shared open until the
 * last of them is done. The work runs on its own thread because the last exchange leaves on a container or
 * upstream-client thread, which must not wait for a client to shut down (the Jetty client's own threads could not
 * stop it at all).
 */
final class Snapshot {
    private static final long RETIRED = 1L << 62;
    private static final long DRAINED = 1L << 61;

    private final Pipeline pipeline;
    private final ExchangeListener listener;
    private final Intake intake;
    private final ReverseProxy proxy;
    private final String requestIdHeader;
    private final int maxInFlight;
    private final UpstreamClient client;
    private final boolean ownsClient;
    private final Admission admission;
    private final AtomicLong state = new AtomicLong();
    private final CompletionStage<Void> older;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private boolean closeClientWhenDrained;

    /**
     * @param pipeline the stages
     * @param listener hears the events of the exchanges on this snapshot; must not throw
     * @param intake reads requests
     * @param proxy forwards routed requests through {@code client}
     * @param requestIdHeader the request-id header
     * @param maxInFlight the in-flight cap applied to {@code admission} while this snapshot is current
     * @param client the upstream client
     * @param ownsClient whether the gateway created {@code client} (and closes it)
     * @param admission the gateway's in-flight count, shared by all its snapshots
     * @param older completes when the snapshots this one replaces have drained
     */
    Snapshot(Pipeline pipeline, ExchangeListener listener, Intake intake, ReverseProxy proxy, String requestIdHeader,
             int maxInFlight, UpstreamClient client, boolean ownsClient, Admission admission,
             CompletionStage<Void> older) {
        this.pipeline = pipeline;
        this.listener = listener;
        this.intake = intake;
        this.proxy = proxy;
        this.requestIdHeader = requestIdHeader;
        this.maxInFlight = maxInFlight;
        this.client = client;
        this.ownsClient = ownsClient;
        this.admission = admission;
        this.older = older;
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

    /** @return whether an exchange on this snapshot is admitted under the gateway's cap; if so it leaves it once */
    boolean admit() {
        return admission.tryEnter(maxInFlight);
    }

    /** @return whether an exchange may open on this snapshot; if so it {@link #leave()}s it once. False once retired */
    boolean enter() {
        if ((state.getAndIncrement() & RETIRED) == 0) {
            return true;
        }
        leave();
        return false;
    }

    /** An exchange that {@link #enter() entered} ends. */
    void leave() {
        if (state.decrementAndGet() == RETIRED) {
            claimDrained();
        }
    }

    /**
     * Ends an exchange: leaves the cap if it was admitted, emits its last event, then leaves this snapshot.
     *
     * @param admitted whether the exchange was admitted under the cap
     * @param event the exchange's last event
     */
    void end(boolean admitted, Supplier<ExchangeEvent> event) {
        try {
            if (admitted) {
                admission.leave();
            }
            emit(event);
        } finally {
            leave();
        }
    }

    void emit(Supplier<ExchangeEvent> event) {
        if (listener != ExchangeListener.NONE) {
            listener.onEvent(event.get());
        }
    }

    /**
     * No exchange opens on this snapshot any more; those open finish on it. Called once.
     *
     * @param closeClient whether to close the client once they, and those of older snapshots, have ended
     */
    void retire(boolean closeClient) {
        closeClientWhenDrained = closeClient;
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
            Thread retiring = new Thread(() -> older.whenComplete((done, never) -> closeAndComplete()),
                    "portcullis-retire");
            retiring.setDaemon(true);
            retiring.start();
        }
    }

    private void closeAndComplete() {
        try {
            if (closeClientWhenDrained) {
                client.close();
            }
        } catch (RuntimeException e) {
            Gateway.LOG.warn("closing the upstream client of a replaced configuration failed", e);
        } finally {
            drained.complete(null);
        }
    }
}
