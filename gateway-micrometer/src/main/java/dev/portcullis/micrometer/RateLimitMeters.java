package dev.portcullis.micrometer;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.ratelimit.RateLimitInterceptor;
import dev.portcullis.api.ratelimit.RateLimitMetrics;
import dev.portcullis.core.Gateway;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Exposes the counters every {@link RateLimitInterceptor} of a gateway's pipeline keeps ({@link RateLimitMetrics}) as
 * function counters per stage name: decisions allowed or limited, and store failures by mode. Stages sharing a name
 * are summed. Reads the counters at scrape time; adds nothing to the request path.
 */
final class RateLimitMeters {
    private RateLimitMeters() {
    }

    static void bind(MeterRegistry registry, Gateway gateway) {
        Map<String, List<RateLimitMetrics>> byStage = new LinkedHashMap<>();
        for (Interceptor interceptor : gateway.pipeline().interceptors()) {
            if (interceptor instanceof RateLimitInterceptor limits) {
                byStage.computeIfAbsent(limits.name(), name -> new ArrayList<>()).add(limits.metrics());
            }
        }
        byStage.forEach((stage, metrics) -> {
            counter(registry, gateway, GatewayMetrics.RATE_LIMIT_DECISIONS, stage, "decision", "allowed", metrics,
                    RateLimitMetrics::allowed);
            counter(registry, gateway, GatewayMetrics.RATE_LIMIT_DECISIONS, stage, "decision", "limited", metrics,
                    RateLimitMetrics::limited);
            counter(registry, gateway, GatewayMetrics.RATE_LIMIT_STORE_FAILURES, stage, "mode", "fail-open", metrics,
                    RateLimitMetrics::failedOpen);
            counter(registry, gateway, GatewayMetrics.RATE_LIMIT_STORE_FAILURES, stage, "mode", "fail-closed", metrics,
                    RateLimitMetrics::failedClosed);
        });
    }

    private static void counter(MeterRegistry registry, Gateway gateway, String name, String stage, String key,
                                String value, List<RateLimitMetrics> metrics, ToLongFunction<RateLimitMetrics> count) {
        FunctionCounter.builder(name, gateway, ignored -> metrics.stream().mapToLong(count).sum())
                .description(name.equals(GatewayMetrics.RATE_LIMIT_DECISIONS)
                        ? "Rate-limit decisions" : "Requests decided without the rate-limit store, by failure mode")
                .tag("stage", stage)
                .tag(key, value)
                .register(registry);
    }
}
