package dev.portcullis.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rejection counters of one stage, by problem type (at most {@value #MAX_TYPES}: a stage answers with a handful)
 * and exact status. Memory grows with the combinations that occur, never with the statuses that could.
 */
final class StageMeters {
    /** The most problem types counted apart per stage; further ones are tagged {@value TagValues#OTHER}. */
    static final int MAX_TYPES = 64;

    private final BoundedNames<ConcurrentHashMap<Integer, Counter>> byType =
            new BoundedNames<>(MAX_TYPES, type -> new ConcurrentHashMap<>());
    private final MeterRegistry registry;
    private final String stage;

    StageMeters(MeterRegistry registry, String stage) {
        this.registry = registry;
        this.stage = stage;
    }

    /**
     * @param type the problem type, or {@value TagValues#NONE}
     * @param status the status the stage answered with
     */
    void rejected(String type, int status) {
        byType.get(type).computeIfAbsent(status >= 100 && status <= 599 ? status : 0, code -> Counter
                .builder(GatewayMetrics.REJECTIONS)
                .description("Requests a stage answered itself instead of passing them on")
                .tag("stage", stage)
                .tag("type", type)
                .tag("status", code.toString())
                .register(registry)).increment();
    }
}
