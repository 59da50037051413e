package dev.portcullis.core.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The settings' defaults, and build-time checks whose messages name the setting. */
class ResilienceSettingsTest {

    private static void assertRefused(String setting, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().startsWith(setting + ": "), e.getMessage());
    }

    @Test
    void aRouteWithoutSettingsGetsEjectionAndCapsButNoChecksAndNoRetries() {
        Resilience defaults = Resilience.defaults();

        assertEquals(Optional.empty(), defaults.healthCheck());
        assertEquals(Optional.empty(), defaults.retries());
        assertTrue(defaults.outlierEjection().enabled());
        assertEquals(5, defaults.outlierEjection().consecutiveFailures());
        assertFalse(defaults.outlierEjection().countServerErrors());
        assertEquals(Duration.ofSeconds(30), defaults.outlierEjection().baseEjectionTime());
        assertEquals(1024, defaults.circuitBreaker().maxRequests());
        assertEquals(1024, defaults.circuitBreaker().maxPending());
    }

    @Test
    void healthChecksDefaultToEveryTenSecondsWithATenthOfJitterAndAny2xx() {
        HealthCheck check = HealthCheck.builder("/health").build();

        assertEquals(Duration.ofSeconds(10), check.interval());
        assertEquals(Duration.ofSeconds(1), check.jitter());
        assertEquals(Duration.ofSeconds(2), check.timeout());
        assertEquals(3, check.unhealthyThreshold());
        assertEquals(2, check.healthyThreshold());
        assertTrue(check.expectedStatuses().contains(200) && check.expectedStatuses().contains(299));
        assertFalse(check.expectedStatuses().contains(301));
        assertEquals(Set.of(200, 204), HealthCheck.builder("/h").expectedStatuses(204, 200, 204).build()
                .expectedStatuses());
    }

    @Test
    void badHealthCheckSettingsAreRefusedNamingTheSetting() {
        assertRefused("healthCheck.path", () -> HealthCheck.builder("health"));
        assertRefused("healthCheck.path", () -> HealthCheck.builder("//evil.example/health"));
        assertRefused("healthCheck.path", () -> HealthCheck.builder("/health#x"));
        assertRefused("healthCheck.path", () -> HealthCheck.builder("/a b"));
        assertRefused("healthCheck.interval", () -> HealthCheck.builder("/h").interval(Duration.ofMillis(5)));
        assertRefused("healthCheck.timeout", () -> HealthCheck.builder("/h").timeout(Duration.ZERO));
        assertRefused("healthCheck.jitter", () -> HealthCheck.builder("/h").interval(Duration.ofSeconds(1))
                .jitter(Duration.ofSeconds(2)).build());
        assertRefused("healthCheck.unhealthyThreshold", () -> HealthCheck.builder("/h").unhealthyThreshold(0));
        assertRefused("healthCheck.healthyThreshold", () -> HealthCheck.builder("/h").healthyThreshold(101));
        assertRefused("healthCheck.expectedStatuses", () -> HealthCheck.builder("/h").expectedStatuses(99));
        assertRefused("healthCheck.expectedStatuses", () -> HealthCheck.builder("/h").expectedStatuses());
    }

    @Test
    void badEjectionAndBreakerSettingsAreRefusedNamingTheSetting() {
        assertRefused("outlierEjection.consecutiveFailures", () -> OutlierEjection.builder().consecutiveFailures(0));
        assertRefused("outlierEjection.maxEjectedPercent", () -> OutlierEjection.builder().maxEjectedPercent(101));
        assertRefused("outlierEjection.maxEjectionTime", () -> OutlierEjection.builder()
                .baseEjectionTime(Duration.ofMinutes(1)).maxEjectionTime(Duration.ofSeconds(30)).build());
        assertRefused("circuitBreaker.maxRequests", () -> CircuitBreaker.builder().maxRequests(0));
        assertRefused("circuitBreaker.maxPending", () -> CircuitBreaker.builder().maxPending(-1));
    }

    @Test
    void retriesDefaultToTwoOnConnectFailuresAndResetsForIdempotentMethodsWithinTwentyPerCent() {
        Retries retries = Retries.builder().build();

        assertEquals(2, retries.maxRetries());
        assertEquals(Set.of(Retries.Condition.CONNECT_FAILURE, Retries.Condition.RESET), retries.conditions());
        assertEquals(Set.of(), retries.statuses());
        assertEquals(20, retries.budgetPercent());
        assertEquals(3, retries.minRetriesPerSecond());
        assertEquals(16 * 1024, retries.maxReplayBytes());
        for (String method : new String[] {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}) {
            assertTrue(retries.allows(method), method);
        }
        assertFalse(retries.allows("POST"));
        assertFalse(retries.allows("PATCH"));
        assertTrue(Retries.builder().nonIdempotent(true).build().allows("POST"));
    }

    @Test
    void badRetrySettingsAreRefusedNamingTheSetting() {
        assertRefused("retries.maxRetries", () -> Retries.builder().maxRetries(0));
        assertRefused("retries.statuses", () -> Retries.builder().statuses(200));
        assertRefused("retries.on", () -> Retries.builder().on().build());
        assertRefused("retries.backoff.max", () -> Retries.builder().backoff(Duration.ofSeconds(1),
                Duration.ofMillis(10)));
        assertRefused("retries.budget.percent", () -> Retries.builder().budget(101, 0));
        assertRefused("retries.budget.minPerSecond", () -> Retries.builder().budget(20, -1));
        assertRefused("retries.maxReplayBytes", () -> Retries.builder().maxReplayBytes(-1));
        assertRefused("retries.perTryTimeout", () -> Retries.builder().perTryTimeout(Duration.ZERO));
        assertRefused("retries.overallTimeout", () -> Retries.builder().overallTimeout(Duration.ofHours(2)));
    }

    @Test
    void theEjectedShareIsRoundedDownButOneOfTwoOrMoreMayGoUnlessTheShareIsZero() {
        OutlierEjection half = OutlierEjection.builder().maxEjectedPercent(50).build();

        assertEquals(0, half.maxEjected(1));
        assertEquals(1, half.maxEjected(2));
        assertEquals(1, half.maxEjected(3));
        assertEquals(5, half.maxEjected(10));
        assertEquals(1, OutlierEjection.builder().maxEjectedPercent(1).build().maxEjected(3));
        assertEquals(0, OutlierEjection.builder().maxEjectedPercent(0).build().maxEjected(10));
    }
}
