package dev.portcullis.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The upstream call timers of one instance: time to response headers, or to the failure. */
final class InstanceMeters {
    private static final int OUTCOMES = TagValues.UPSTREAM_OUTCOMES.length;

    private final LazyMeters<Timer> timers;

    InstanceMeters(MeterRegistry registry, String instance, Duration[] slos) {
        this.timers = new LazyMeters<>(TagValues.STATUS_CLASSES.length * OUTCOMES, index -> Timer
                .builder(GatewayMetrics.UPSTREAM_REQUESTS)
                .description("Upstream calls from sending the request to the response headers or the failure")
                .tag("instance", instance)
                .tag("status", TagValues.STATUS_CLASSES[index / OUTCOMES])
                .tag("outcome", TagValues.UPSTREAM_OUTCOMES[index % OUTCOMES])
                .serviceLevelObjectives(slos)
                .register(registry));
    }

    /** @return the timer of one upstream status class and outcome, each an index into {@link TagValues} */
    Timer timer(int statusClass, int outcome) {
        return timers.get(statusClass * OUTCOMES + outcome);
    }
}
