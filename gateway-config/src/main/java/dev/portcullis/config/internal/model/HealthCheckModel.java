package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;
import dev.portcullis.config.internal.bind.Shorthand;
import java.time.Duration;
import java.util.List;

/**
 * Active health checks ({@code HealthCheck}); a plain string is the path.
 *
 * <pre>{@code
 * healthCheck: {path: /health, interval: 5s, timeout: 1s, expectedStatuses: [200, 204]}
 * }</pre>
 *
 * @param path the path (and query) checked
 * @param interval time between checks
 * @param jitter the most added at random to an interval
 * @param timeout connect and response-header timeout of a check
 * @param healthyThreshold passes in a row to become healthy
 * @param unhealthyThreshold failures in a row to become unhealthy
 * @param expectedStatuses the statuses that pass
 */
@Doc("Active health checks: a GET of a path on every instance, or just the path.")
public record HealthCheckModel(
        @Doc("The path (and query) to GET, starting with /, e.g. /health.") @Shorthand @Required String path,
        @Doc("Time between checks, default 10s, from 10ms to 1h.") Duration interval,
        @Doc("The most added at random to each interval, default a tenth of the interval; at most the interval.")
        Duration jitter,
        @Doc("Connect and response-header timeout of each check, default 2s, from 1ms to 1h.") Duration timeout,
        @Doc("Passed checks in a row to become healthy, default 2, 1..100.") Integer healthyThreshold,
        @Doc("Failed checks in a row to become unhealthy, default 3, 1..100.") Integer unhealthyThreshold,
        @Doc("The statuses that pass, default every 2xx; each 100..599.") List<Integer> expectedStatuses) {
}
