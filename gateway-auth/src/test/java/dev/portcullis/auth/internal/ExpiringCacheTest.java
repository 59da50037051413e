package dev.portcullis.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant LATER = NOW.plus(Duration.ofHours(1));

    @Test
    void aRecentlyUsedEntrySurvivesMoreOneShotInsertsThanTheCapacity() {
        int capacity = 100;
        ExpiringCache<Integer, String> cache = new ExpiringCache<>(capacity);
        cache.put(0, "regular", LATER, NOW);
        assertEquals("regular", cache.get(0, NOW));

        for (int key = 1; key <= capacity + 1; key++) {
            cache.put(key, "one-shot", LATER, NOW);
        }

        assertEquals("regular", cache.get(0, NOW));
        assertEquals(capacity, cache.size());
    }

    @Test
    void aFloodOfOneShotKeysEvictsTheOldestOfThemFirst() {
        ExpiringCache<Integer, String> cache = new ExpiringCache<>(10);
        for (int key = 0; key < 1_000; key++) {
            cache.put(key, "one-shot", LATER, NOW);
        }
        assertEquals(10, cache.size());
        assertNull(cache.get(989, NOW));
        assertEquals("one-shot", cache.get(990, NOW));
        assertEquals("one-shot", cache.get(999, NOW));
    }

    @Test
    void entriesUsedAgainStillNeverExceedTheCapacity() {
        ExpiringCache<Integer, String> cache = new ExpiringCache<>(10);
        for (int key = 0; key < 1_000; key++) {
            cache.put(key, "reused", LATER, NOW);
            cache.get(key, NOW);
            assertTrue(cache.size() <= 10, "size " + cache.size());
        }
        assertEquals("reused", cache.get(999, NOW));
    }

    @Test
    void anExpiredEntryIsNeverReturnedAgain() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(3);
        cache.put("a", "short", NOW.plusSeconds(10), NOW);
        assertEquals("short", cache.get("a", NOW.plusSeconds(9)));
        assertEquals("short", cache.get("a", NOW.plusSeconds(9)));

        assertNull(cache.get("a", NOW.plusSeconds(10)));
        cache.put("b", "live", LATER, NOW.plusSeconds(10));
        cache.put("a", "already over", NOW.plusSeconds(10), NOW.plusSeconds(10));
        assertNull(cache.get("a", NOW.plusSeconds(10)));
        assertNull(cache.get("a", NOW));
    }

    @Test
    void expiredEntriesAreEvictedBeforeLiveOnes() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(3);
        cache.put("oldest", "live", LATER, NOW);
        cache.put("short", "expiring", NOW.plusSeconds(5), NOW);
        cache.put("newer", "live", LATER, NOW);
        Instant then = NOW.plusSeconds(6);

        cache.put("fresh", "live", LATER, then);

        assertEquals("live", cache.get("oldest", then));
        assertEquals("live", cache.get("newer", then));
        assertEquals("live", cache.get("fresh", then));
        assertNull(cache.get("short", then));
    }

    @Test
    void anUpdatedEntryKeepsItsPlaceAndTakesItsNewValue() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(2);
        cache.put("a", "first", LATER, NOW);
        cache.get("a", NOW);
        cache.put("a", "second", LATER, NOW);
        cache.put("b", "other", LATER, NOW);
        cache.put("c", "other", LATER, NOW);
        assertEquals("second", cache.get("a", NOW));
        assertEquals(2, cache.size());
    }

    @Test
    void aZeroCapacityCachesNothingAndANegativeOneIsRefused() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(0);
        cache.put("a", "value", LATER, NOW);
        assertNull(cache.get("a", NOW));
        assertEquals(0, cache.size());
        assertThrows(IllegalArgumentException.class, () -> new ExpiringCache<String, String>(-1));
    }
}
