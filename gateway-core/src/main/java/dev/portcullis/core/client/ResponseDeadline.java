package dev.portcullis.core.client;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The response-header timeout of one exchange, armed when the request has been sent in full: an upload may take as
 * long as it takes, and the upstream then has {@code timeout} to answer with its headers. On expiry {@code result}
 * fails with an {@link HttpTimeoutException}; whoever completes it then cancels the exchange.
 */
final class ResponseDeadline {
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final CompletableFuture<?> result;
    private final AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();

    ResponseDeadline(ScheduledExecutorService scheduler, Duration timeout, CompletableFuture<?> result) {
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.result = result;
    }

    /** Starts the clock; called once the request body has been handed over (at once for a bodyless request). */
    void arm() {
        if (result.isDone()) {
            return;
        }
        ScheduledFuture<?> scheduled = scheduler.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (!timer.compareAndSet(null, scheduled)) {
            scheduled.cancel(false);
        }
    }

    /** Stops the clock; called when the headers arrived or the exchange ended otherwise. */
    void disarm() {
        ScheduledFuture<?> scheduled = timer.getAndSet(null);
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    private void expire() {
        result.completeExceptionally(new HttpTimeoutException(
                "no response headers within " + timeout.toMillis() + " ms after the request was sent"));
    }
}
