package dev.portcullis.config.internal;

import dev.portcullis.config.internal.model.CircuitBreakerModel;
import dev.portcullis.config.internal.model.HealthCheckModel;
import dev.portcullis.config.internal.model.OutlierEjectionModel;
import dev.portcullis.config.internal.model.ResilienceModel;
import dev.portcullis.config.internal.model.RetriesModel;
import dev.portcullis.core.resilience.CircuitBreaker;
import dev.portcullis.core.resilience.HealthCheck;
import dev.portcullis.core.resilience.OutlierEjection;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.resilience.Retries;
import java.time.Duration;
import java.util.List;

/**
 * Maps a route's {@code resilience} section onto {@link Resilience.Builder}: each setting goes through the DSL's own
 * setter, so its range checks report at the setting; unset settings keep the DSL's defaults (the retry backoff and
 * budget, set in pairs in the DSL, take the DSL's default for the half the file leaves out).
 *
 * <pre>{@code
 * Resilience resilience = new ResilienceAssembler(context).resilience(route.resilience());
 * }</pre>
 */
final class ResilienceAssembler {
    private static final Retries DEFAULT_RETRIES = Retries.builder().build();
    private final AssemblyContext context;

    /** @param context the load */
    ResilienceAssembler(AssemblyContext context) {
        this.context = context;
    }

    /** @param section a route's section @return the settings, or null when one failed (the findings say why) */
    Resilience resilience(ResilienceModel section) {
        Resilience.Builder builder = Resilience.builder();
        if (section.healthCheck() != null) {
            context.set(section, "healthCheck", healthCheck(section.healthCheck()), builder::healthCheck);
        }
        if (section.outlierEjection() != null) {
            context.set(section, "outlierEjection", outlierEjection(section.outlierEjection()),
                    builder::outlierEjection);
        }
        if (section.circuitBreaker() != null) {
            context.set(section, "circuitBreaker", circuitBreaker(section.circuitBreaker()), builder::circuitBreaker);
        }
        if (section.retries() != null) {
            context.set(section, "retries", retries(section.retries()), builder::retries);
        }
        return builder.build();
    }

    private HealthCheck healthCheck(HealthCheckModel section) {
        HealthCheck.Builder check = context.attempt(context.at(section, "path"),
                () -> HealthCheck.builder(section.path()));
        if (check == null) {
            return null;
        }
        context.set(section, "interval", section.interval(), check::interval);
        context.set(section, "jitter", section.jitter(), check::jitter);
        context.set(section, "timeout", section.timeout(), check::timeout);
        context.set(section, "healthyThreshold", section.healthyThreshold(), check::healthyThreshold);
        context.set(section, "unhealthyThreshold", section.unhealthyThreshold(), check::unhealthyThreshold);
        context.set(section, "expectedStatuses", section.expectedStatuses(),
                statuses -> check.expectedStatuses(ints(statuses)));
        return context.attemptIn(section, check::build);
    }

    private OutlierEjection outlierEjection(OutlierEjectionModel section) {
        if (Boolean.FALSE.equals(section.enabled())) {
            return OutlierEjection.off();
        }
        OutlierEjection.Builder ejection = OutlierEjection.builder();
        context.set(section, "consecutiveFailures", section.consecutiveFailures(), ejection::consecutiveFailures);
        context.set(section, "countServerErrors", section.countServerErrors(), ejection::countServerErrors);
        context.set(section, "baseEjectionTime", section.baseEjectionTime(), ejection::baseEjectionTime);
        context.set(section, "maxEjectionTime", section.maxEjectionTime(), ejection::maxEjectionTime);
        context.set(section, "maxEjectedPercent", section.maxEjectedPercent(), ejection::maxEjectedPercent);
        return context.attemptIn(section, ejection::build);
    }

    private CircuitBreaker circuitBreaker(CircuitBreakerModel section) {
        CircuitBreaker.Builder breaker = CircuitBreaker.builder();
        context.set(section, "maxRequests", section.maxRequests(), breaker::maxRequests);
        context.set(section, "maxPending", section.maxPending(), breaker::maxPending);
        return context.attemptIn(section, breaker::build);
    }

    private Retries retries(RetriesModel section) {
        Retries.Builder retries = Retries.builder();
        context.set(section, "maxRetries", section.maxRetries(), retries::maxRetries);
        context.set(section, "on", section.on(), on -> retries.on(on.toArray(Retries.Condition[]::new)));
        context.set(section, "statuses", section.statuses(), statuses -> retries.statuses(ints(statuses)));
        context.set(section, "nonIdempotent", section.nonIdempotent(), retries::nonIdempotent);
        if (section.baseBackoff() != null || section.maxBackoff() != null) {
            Duration base = section.baseBackoff() == null ? DEFAULT_RETRIES.baseBackoff() : section.baseBackoff();
            Duration max = section.maxBackoff() == null ? DEFAULT_RETRIES.maxBackoff() : section.maxBackoff();
            context.set(section, section.maxBackoff() == null ? "baseBackoff" : "maxBackoff", base,
                    value -> retries.backoff(value, max));
        }
        if (section.budgetPercent() != null || section.minRetriesPerSecond() != null) {
            int percent = section.budgetPercent() == null ? DEFAULT_RETRIES.budgetPercent() : section.budgetPercent();
            int perSecond = section.minRetriesPerSecond() == null ? DEFAULT_RETRIES.minRetriesPerSecond()
                    : section.minRetriesPerSecond();
            context.set(section, section.budgetPercent() == null ? "minRetriesPerSecond" : "budgetPercent",
                    percent, value -> retries.budget(value, perSecond));
        }
        context.set(section, "maxReplayBody", section.maxReplayBody(),
                size -> retries.maxReplayBytes(size.intBytes()));
        context.set(section, "perTryTimeout", section.perTryTimeout(), retries::perTryTimeout);
        context.set(section, "overallTimeout", section.overallTimeout(), retries::overallTimeout);
        return context.attemptIn(section, retries::build);
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
