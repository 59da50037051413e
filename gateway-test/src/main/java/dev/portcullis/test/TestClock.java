package dev.portcullis.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that stands still until the test moves it, for the time-based parts of a gateway (token expiry,
 * JWKS refresh intervals, rate-limit windows where they take a clock): advance it instead of sleeping. UTC.
 * Thread-safe.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2030-01-01T00:00:00Z"));
 * JwtAuthenticator jwt = JwtAuthenticator.builder().clock(clock).issuer(issuer).build();
 * clock.advance(Duration.ofMinutes(6));            // the token minted at the start has expired
 * }</pre>
 */
public final class TestClock extends Clock {
    private volatile Instant now;

    private TestClock(Instant now) {
        this.now = now;
    }

    /** @param start the time it shows until moved @return the clock */
    public static TestClock at(Instant start) {
        return new TestClock(Objects.requireNonNull(start, "start"));
    }

    /** @param by how far to move it forward (or back, if negative) */
    public synchronized void advance(Duration by) {
        now = now.plus(Objects.requireNonNull(by, "by"));
    }

    /** @param instant the time it shows from now on */
    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** @return this clock: it has no other zone */
    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone.normalized())) {
            throw new UnsupportedOperationException("a TestClock shows UTC only, not " + zone);
        }
        return this;
    }

    @Override
    public String toString() {
        return "TestClock[" + now + ']';
    }
}
