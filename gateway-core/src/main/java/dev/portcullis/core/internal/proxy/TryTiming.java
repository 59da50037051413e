package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.routing.Route;
import dev.portcullis.core.internal.resilience.Timer;
import dev.portcullis.core.resilience.Retries;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The clock of one proxied request's tries: each try's response-header timeout (the per-try timeout, never past the
 * overall deadline) and the backoff before a retry (full jitter up to {@code base * 2^retriesMade}, capped), or none
 * when it would end past the deadline.
 */
final class TryTiming {
    private static final long NO_DEADLINE = Long.MAX_VALUE;
    private final Timer timer;
    private final Duration perTry;
    private final Retries retries;
    private final long deadline;

    /**
     * @param route the route, whose response timeout is the default per-try timeout
     * @param retries the route's retries for this request, or null
     * @param timer the clock, read now for the overall deadline
     */
    TryTiming(Route route, Retries retries, Timer timer) {
        this.timer = timer;
        this.retries = retries;
        this.perTry = retries == null ? route.responseTimeout() : retries.perTryTimeout().orElse(route.responseTimeout());
        this.deadline = retries == null ? NO_DEADLINE : retries.overallTimeout()
                .map(timeout -> timer.nanoTime() + timeout.toNanos()).orElse(NO_DEADLINE);
    }

    /** @return the next try's response-header timeout: the per-try timeout, or less when the deadline is nearer */
    Duration tryTimeout() {
        if (deadline == NO_DEADLINE) {
            return perTry;
        }
        Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - timer.nanoTime()));
        return left.compareTo(perTry) < 0 ? left : perTry;
    }

    /**
     * @param retriesMade retries made so far
     * @return the delay before the next retry in nanoseconds, or -1 when it would end past the deadline
     */
    long backoff(int retriesMade) {
        long ceiling = Math.min(retries.maxBackoff().toNanos(), retries.baseBackoff().toNanos() << retriesMade);
        long delay = ThreadLocalRandom.current().nextLong(ceiling + 1);
        return timer.nanoTime() + delay < deadline ? delay : -1;
    }
}
