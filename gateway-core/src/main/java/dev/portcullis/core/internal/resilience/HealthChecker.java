package dev.portcullis.core.internal.resilience;

import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.routing.Upstream;
import dev.portcullis.core.client.Subscriptions;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.resilience.HealthCheck;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Checks each instance of one route on its own cycle: wait the interval plus a random share of the jitter, send the
 * check through the upstream client, report whether it passed, wait again. A check starts on the timer's thread and
 * ends on the client's; no request thread takes part, and an instance's next check is scheduled only when its last
 * one ended, so checks of a hanging instance never pile up (the check's timeouts bound each one). The response body
 * is not read: cancelling it closes the check's connection.
 */
final class HealthChecker {
    private static final HttpHeaders HEADERS = HttpHeaders.builder().add("User-Agent", "portcullis-health-check").build();
    private final HealthCheck check;
    private final List<Upstream> instances;
    private final UpstreamClient client;
    private final Timer timer;
    private final Results results;
    private final AtomicReferenceArray<Runnable> pending;
    private volatile boolean closed;

    /** Hears each check's outcome. */
    @FunctionalInterface
    interface Results {
        void checked(int index, boolean passed);
    }

    HealthChecker(HealthCheck check, List<Upstream> instances, UpstreamClient client, Timer timer, Results results) {
        this.check = check;
        this.instances = instances;
        this.client = client;
        this.timer = timer;
        this.results = results;
        this.pending = new AtomicReferenceArray<>(instances.size());
    }

    /** Schedules every instance's first check within the jitter, so a dead instance is found soon after start. */
    void start() {
        for (int i = 0; i < instances.size(); i++) {
            schedule(i, Duration.ZERO);
        }
    }

    private void schedule(int index, Duration base) {
        if (closed) {
            return;
        }
        long jitter = check.jitter().toNanos();
        Duration delay = base.plusNanos(jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter + 1));
        pending.set(index, timer.schedule(() -> run(index), delay));
    }

    private void run(int index) {
        if (closed) {
            return;
        }
        CompletableFuture<UpstreamResponse> exchange;
        try {
            exchange = client.exchange(new UpstreamRequest("GET", uri(instances.get(index)), HEADERS, Body.empty(),
                    check.timeout(), check.timeout(), check.timeout()));
        } catch (RuntimeException e) {
            exchange = CompletableFuture.failedFuture(e);
        }
        exchange.whenComplete((response, failure) -> {
            if (response != null) {
                Subscriptions.cancel(response.body());
            }
            if (!closed) {
                results.checked(index, failure == null && check.expectedStatuses().contains(response.status()));
                schedule(index, check.interval());
            }
        });
    }

    private URI uri(Upstream instance) {
        return URI.create(instance.uri().getScheme() + "://" + instance.uri().getRawAuthority() + check.path());
    }

    /** Stops checking: nothing scheduled runs, a check in flight reports nothing. */
    void close() {
        closed = true;
        for (int i = 0; i < pending.length(); i++) {
            Runnable cancel = pending.get(i);
            if (cancel != null) {
                cancel.run();
            }
        }
    }
}
