package dev.portcullis.core.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The count of exchanges in flight against a cap: {@link #tryEnter(int)} admits while fewer than the cap are in
 * flight, and every admitted exchange calls {@link #leave()} exactly once when it ends. The cap is given on each call,
 * so a gateway whose settings are reloaded keeps one count and applies the current cap to it. Lock-free and
 * allocation-free; thread-safe.
 */
public final class Admission {
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param cap the most exchanges in flight at once, at least 1
     * @return whether the exchange is admitted; if so it must {@link #leave()} once
     */
    public boolean tryEnter(int cap) {
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
