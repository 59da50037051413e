package dev.portcullis.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The rejection counters of one stage: by problem type (at most a cap of them), then by status. */
final class StageMeters {
    private static final int STATUSES = 600;

    private final BoundedNames<LazyMeters<Counter>> byType;

    StageMeters(MeterRegistry registry, String stage, int maxTypes) {
        this.byType = new BoundedNames<>(maxTypes, type -> new LazyMeters<>(STATUSES, status -> Counter
                .builder(GatewayMetrics.REJECTIONS)
                .description("Requests a stage answered itself instead of passing them on")
                .tag("stage", stage)
                .tag("type", type)
                .tag("status", Integer.toString(status))
                .register(registry)));
    }

    /**
     * @param type the problem type, or {@value TagValues#NONE}
     * @param status the status the stage answered with
     */
    void rejected(String type, int status) {
        byType.get(type).get(status >= 100 && status < STATUSES ? status : 0).increment();
    }
}
