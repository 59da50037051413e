package dev.portcullis.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BucketConfigurationsTest {

    private static RateLimitPolicy policy(String name, long burst) {
        return RateLimitPolicy.builder(name)
                .limit(Limit.greedy("burst", burst, Duration.ofSeconds(1)))
                .limit(Limit.interval("hourly", 1000, Duration.ofHours(1)))
                .build();
    }

    @Test
    void aPolicysConfigurationHasOneBandwidthPerLimitInThePolicysOrder() {
        BucketConfiguration configuration = new BucketConfigurations().of(policy("api", 20));

        Bandwidth[] bandwidths = configuration.getBandwidths();
        assertEquals(2, bandwidths.length);
        assertEquals("burst", bandwidths[0].getId());
        assertEquals(20, bandwidths[0].getCapacity());
        assertEquals(Duration.ofSeconds(1).toNanos(), bandwidths[0].getRefillPeriodNanos());
        assertEquals("hourly", bandwidths[1].getId());
        assertEquals(1000, bandwidths[1].getCapacity());
        assertTrue(bandwidths[1].isRefillIntervally());
    }

    @Test
    void aPolicysConfigurationIsDerivedOnceAndKept() {
        BucketConfigurations configurations = new BucketConfigurations();
        RateLimitPolicy api = policy("api", 20);

        assertSame(configurations.of(api), configurations.of(api));
    }

    @Test
    void policiesWithEqualLimitsShareOneConfiguration() {
        BucketConfigurations configurations = new BucketConfigurations();

        assertSame(configurations.of(policy("api", 20)), configurations.of(policy("admin", 20)));
        assertEquals(1, configurations.size());
        configurations.of(policy("api", 21));
        assertEquals(2, configurations.size());
    }

    @Test
    void theCacheStartsOverRatherThanGrowPastItsBound() {
        BucketConfigurations configurations = new BucketConfigurations();
        for (int i = 1; i <= BucketConfigurations.MAX_SHAPES + 10; i++) {
            configurations.of(policy("p" + i, i));
        }

        assertTrue(configurations.size() <= BucketConfigurations.MAX_SHAPES);
        assertEquals(1000, configurations.of(policy("again", 7)).getBandwidths()[1].getCapacity());
    }
}
