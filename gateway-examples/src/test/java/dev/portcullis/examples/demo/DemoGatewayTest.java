package dev.portcullis.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo follows the README's advice, and its curl lines show what they say they show. */
class DemoGatewayTest {

    @Test
    void theDemoPipelineLimitsPerIpBeforeAuthenticationAsTheReadmeAdvises() {
        assertEquals("Routing -> Cors -> RequestGuards -> PerIpRateLimit -> Authentication -> Authorization"
                        + " -> ClaimHeaders -> TenantInterceptor",
                DemoGateway.pipeline(DemoGateway.routes("http://127.0.0.1:9")).describe());
    }

    @Test
    void theBurstLineWaitsOutTheWindowThenAsksForMoreThanTheLimitSoA429IsShown() {
        List<TryIt> lines = TryIt.forApp("http://127.0.0.1:8080");
        TryIt burst = lines.get(lines.size() - 1);

        assertTrue(burst.command().startsWith("sleep " + DemoGateway.RATE_WINDOW.toSeconds() + "; "),
                burst.command());
        assertTrue(burst.command().contains("seq 1 " + (DemoGateway.REQUESTS_PER_WINDOW + 2)), burst.command());
        assertTrue(burst.what().contains(DemoGateway.REQUESTS_PER_WINDOW + " x 200, then 429"), burst.what());
    }
}
