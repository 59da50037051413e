package dev.portcullis.micrometer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The request timers and the response-size summary of one route (or of {@code none}, the unrouted requests). */
final class RouteMeters {
    private static final int STATUSES = TagValues.STATUS_CLASSES.length;
    private static final int OUTCOMES = TagValues.OUTCOMES.length;

    private final LazyMeters<Timer> timers;
    private final DistributionSummary bytes;

    RouteMeters(MeterRegistry registry, String route, Duration[] slos) {
        this.timers = new LazyMeters<>(TagValues.METHODS.length * STATUSES * OUTCOMES, index -> Timer
                .builder(GatewayMetrics.REQUESTS)
                .description("Exchanges from admission to the end of the response")
                .tag("route", route)
                .tag("method", TagValues.METHODS[index / (STATUSES * OUTCOMES)])
                .tag("status", TagValues.STATUS_CLASSES[index / OUTCOMES % STATUSES])
                .tag("outcome", TagValues.OUTCOMES[index % OUTCOMES])
                .serviceLevelObjectives(slos)
                .register(registry));
        this.bytes = DistributionSummary.builder(GatewayMetrics.RESPONSE_BYTES)
                .description("Response body bytes the gateway wrote")
                .baseUnit("bytes")
                .tag("route", route)
                .register(registry);
    }

    /** @return the timer of one method, status class and outcome, each an index into {@link TagValues} */
    Timer timer(int method, int statusClass, int outcome) {
        return timers.get((method * STATUSES + statusClass) * OUTCOMES + outcome);
    }

    /** @param written response body bytes the gateway wrote */
    void wrote(long written) {
        bytes.record(written);
    }
}
