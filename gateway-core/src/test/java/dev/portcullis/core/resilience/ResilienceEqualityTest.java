package dev.portcullis.core.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Settings built twice from the same values are equal (so a reload keeps a group's state), and any change is not. */
class ResilienceEqualityTest {
    /** @return settings with every part set, {@code tweak} applied to the builder last */
    private static Resilience settings(Function<Resilience.Builder, Resilience.Builder> tweak) {
        return tweak.apply(Resilience.builder()
                .healthCheck(HealthCheck.builder("/health").interval(Duration.ofSeconds(5)).healthyThreshold(2)
                        .expectedStatuses(200, 204).build())
                .outlierEjection(OutlierEjection.builder().consecutiveFailures(3).countServerErrors(true).build())
                .circuitBreaker(CircuitBreaker.builder().maxRequests(200).maxPending(50).build())
                .retries(Retries.builder().maxRetries(2).statuses(503).perTryTimeout(Duration.ofSeconds(2)).build()))
                .build();
    }

    @Test
    void settingsBuiltTwiceFromTheSameValuesAreEqualWithEqualHashes() {
        assertEquals(settings(b -> b), settings(b -> b));
        assertEquals(settings(b -> b).hashCode(), settings(b -> b).hashCode());
        assertEquals(Resilience.builder().build(), Resilience.defaults());
    }

    @Test
    void aChangeToAnyPartMakesTheSettingsDiffer() {
        Resilience base = settings(b -> b);

        assertNotEquals(base, settings(b -> b.healthCheck(HealthCheck.builder("/health").build())));
        assertNotEquals(base, settings(b -> b.outlierEjection(OutlierEjection.builder().consecutiveFailures(4)
                .countServerErrors(true).build())));
        assertNotEquals(base, settings(b -> b.circuitBreaker(CircuitBreaker.builder().maxRequests(200).maxPending(51)
                .build())));
        assertNotEquals(base, settings(b -> b.retries(Retries.builder().maxRetries(2).statuses(502)
                .perTryTimeout(Duration.ofSeconds(2)).build())));
        assertNotEquals(base, Resilience.defaults());
    }
}
