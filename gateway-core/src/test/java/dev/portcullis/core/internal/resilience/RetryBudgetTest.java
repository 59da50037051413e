package dev.portcullis.core.internal.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.core.resilience.Retries;
import dev.portcullis.core.testing.ManualTimer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retry budget on a manual clock: a share of the requests plus a floor, over a sliding ten-second window. */
class RetryBudgetTest {
    private final ManualTimer timer = new ManualTimer();

    private RetryBudget budget(int percent, int minPerSecond) {
        return new RetryBudget(Retries.builder().budget(percent, minPerSecond).build(), timer);
    }

    private static int retriesAllowed(RetryBudget budget, int attempts) {
        int allowed = 0;
        for (int i = 0; i < attempts; i++) {
            allowed += budget.tryRetry() ? 1 : 0;
        }
        return allowed;
    }

    @Test
    void retriesStayUnderTheShareOfRequests() {
        RetryBudget budget = budget(20, 0);
        for (int i = 0; i < 100; i++) {
            budget.requested();
        }

        assertEquals(20, retriesAllowed(budget, 1_000));
    }

    @Test
    void theFloorAllowsRetriesWithoutRequests() {
        RetryBudget budget = budget(20, 3);

        assertEquals(30, retriesAllowed(budget, 1_000));
    }

    @Test
    void aSingleRequestMayBeRetriedOnceAtTwentyPerCent() {
        RetryBudget budget = budget(20, 0);
        budget.requested();

        assertTrue(budget.tryRetry());
        assertFalse(budget.tryRetry());
    }

    @Test
    void requestsAndRetriesOlderThanTenSecondsNoLongerCount() {
        RetryBudget budget = budget(50, 0);
        for (int i = 0; i < 10; i++) {
            budget.requested();
        }
        assertEquals(5, retriesAllowed(budget, 100));

        timer.advance(Duration.ofSeconds(5));
        assertEquals(0, retriesAllowed(budget, 100), "the window still holds the retries");
        timer.advance(Duration.ofSeconds(5));
        assertEquals(0, retriesAllowed(budget, 100), "the requests left the window with the retries");
        budget.requested();
        budget.requested();
        assertEquals(1, retriesAllowed(budget, 100));
    }
}
