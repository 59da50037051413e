package dev.portcullis.core.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cap on exchanges in flight: {@link #tryEnter()} admits while fewer than the cap are in flight, and every
 * admitted exchange calls {@link #leave()} exactly once when it ends. Lock-free and allocation-free; thread-safe.
 */
public final class Admission {
    private final int cap;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** @param cap the most exchanges in flight at once, at least 1 */
    public Admission(int cap) {
        this.cap = cap;
    }

    /** @return whether the exchange is admitted; if so it must {@link #leave()} once */
    public boolean tryEnter() {
        int now;
        do {
            now = inFlight.get();
            if (now >= cap) {
                return false;
            }
        } while (!inFlight.compareAndSet(now, now + 1));
        return true;
    }

    /** Ends one admitted exchange. */
    public void leave() {
        inFlight.decrementAndGet();
    }
}
