package dev.portcullis.core.internal.resilience;

import dev.portcullis.api.routing.Upstream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway knows of one instance of a route: whether the active checks find it unhealthy, whether it is
 * ejected, and the runs that lead there. The flags are read on every request without a lock; every change happens
 * under its {@link GroupState}'s lock.
 */
final class InstanceState {
    final Upstream instance;
    volatile boolean unhealthy;
    volatile boolean ejected;
    /** Failures of real requests in a row; a success or an ejection starts it again. */
    final AtomicInteger failuresInARow = new AtomicInteger();
    /** Ejections so far in the current series (guarded by the group's lock). */
    int ejections;
    /** When the last ejection ended (guarded by the group's lock). */
    long restoredAtNanos;
    /** Passed and failed health checks in a row (guarded by the group's lock). */
    int checksPassed;
    int checksFailed;

    InstanceState(Upstream instance) {
        this.instance = instance;
    }

    boolean outOfRotation() {
        return unhealthy || ejected;
    }
}
