package dev.portcullis.core.internal.resilience;

import dev.portcullis.core.resilience.Retries;
import java.util.Arrays;

/**
 * A route's retry budget over a sliding window of ten one-second slots: a retry is allowed while the retries of the
 * window stay under {@code percent} per cent of its requests plus {@code minPerSecond} for each second of the window.
 * So an outage can add at most that share of retries to the upstream's load, however many tries each request would
 * like. A short lock per call, no I/O.
 */
public final class RetryBudget {
    private static final int SLOTS = 10;
    private static final long SLOT_NANOS = 1_000_000_000L;
    private final Timer timer;
    private final int percent;
    private final long floorPerWindow;
    private final long[] epochs = new long[SLOTS];
    private final long[] requests = new long[SLOTS];
    private final long[] retries = new long[SLOTS];

    RetryBudget(Retries settings, Timer timer) {
        this.timer = timer;
        this.percent = settings.budgetPercent();
        this.floorPerWindow = (long) settings.minRetriesPerSecond() * SLOTS;
        Arrays.fill(epochs, Long.MIN_VALUE);
    }

    /** Counts a request (its first try) toward the budget. */
    public synchronized void requested() {
        requests[slot(timer.nanoTime())]++;
    }

    /** @return whether a retry fits the budget; if so it is counted */
    public synchronized boolean tryRetry() {
        int current = slot(timer.nanoTime());
        long windowRequests = 0;
        long windowRetries = 0;
        long oldest = epochs[current] - SLOTS + 1;
        for (int i = 0; i < SLOTS; i++) {
            if (epochs[i] >= oldest) {
                windowRequests += requests[i];
                windowRetries += retries[i];
            }
        }
        if (windowRetries * 100 >= windowRequests * percent + floorPerWindow * 100) {
            return false;
        }
        retries[current]++;
        return true;
    }

    /** The slot of this second, emptied first if it last held an older second. */
    private int slot(long nanos) {
        long epoch = Math.floorDiv(nanos, SLOT_NANOS);
        int index = (int) Math.floorMod(epoch, SLOTS);
        if (epochs[index] != epoch) {
            epochs[index] = epoch;
            requests[index] = 0;
            retries[index] = 0;
        }
        return index;
    }
}
