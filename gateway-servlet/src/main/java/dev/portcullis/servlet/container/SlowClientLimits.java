package dev.portcullis.servlet.container;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits a servlet container puts on slow or silent clients, as one immutable value free of container types:
 * a deadline for a whole request head, an idle timeout, and a minimum request-body data rate. Apply it with
 * {@link JettySlowClientLimits#applyTo(org.eclipse.jetty.server.Server, SlowClientLimits)} or
 * {@link TomcatSlowClientLimits#applyTo(org.apache.catalina.connector.Connector, SlowClientLimits)}: both containers
 * enforce all three. They differ in detail, described there and in docs/hardening.md:
 * Jetty checks the body rate at each read of the application and answers 408, Tomcat checks it only while the
 * application waits for body bytes and closes the connection; Tomcat bounds a stalled response write by the head
 * deadline, Jetty by the idle timeout.
 *
 * <p>{@link #defaults()} is 10 s for the request head, 30 s idle, 1024 bytes/s of request body. Every {@code with}
 * method returns a new value and refuses a non-positive setting with an {@link IllegalArgumentException} naming it.
 * Thread-safe.
 *
 * <pre>{@code
 * JettySlowClientLimits.applyTo(server, SlowClientLimits.defaults().withIdleTimeout(Duration.ofSeconds(60)));
 * }</pre>
 */
public final class SlowClientLimits {
    private static final SlowClientLimits DEFAULTS =
            new SlowClientLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 1024);

    private final Duration requestHeadTimeout;
    private final Duration idleTimeout;
    private final long minRequestBodyRate;

    private SlowClientLimits(Duration requestHeadTimeout, Duration idleTimeout, long minRequestBodyRate) {
        this.requestHeadTimeout = positive("requestHeadTimeout", requestHeadTimeout);
        this.idleTimeout = positive("idleTimeout", idleTimeout);
        if (minRequestBodyRate <= 0) {
            throw new IllegalArgumentException("minRequestBodyRate must be positive, got " + minRequestBodyRate);
        }
        this.minRequestBodyRate = minRequestBodyRate;
    }

    /** @return 10 s request head deadline, 30 s idle timeout, 1024 bytes/s minimum request-body rate */
    public static SlowClientLimits defaults() {
        return DEFAULTS;
    }

    /**
     * @param timeout the longest a client may take to send one complete request head
     * @return a copy with that deadline
     */
    public SlowClientLimits withRequestHeadTimeout(Duration timeout) {
        return new SlowClientLimits(timeout, idleTimeout, minRequestBodyRate);
    }

    /**
     * @param timeout the longest a connection may stay silent (no byte read or written; on Tomcat a stalled response
     *        write is bounded by the request head timeout instead)
     * @return a copy with that idle timeout
     */
    public SlowClientLimits withIdleTimeout(Duration timeout) {
        return new SlowClientLimits(requestHeadTimeout, timeout, minRequestBodyRate);
    }

    /**
     * @param bytesPerSecond the slowest average rate, counted from the body's first byte, at which a request body may
     *        arrive
     * @return a copy with that rate
     */
    public SlowClientLimits withMinRequestBodyRate(long bytesPerSecond) {
        return new SlowClientLimits(requestHeadTimeout, idleTimeout, bytesPerSecond);
    }

    /** @return the deadline for one complete request head */
    public Duration requestHeadTimeout() {
        return requestHeadTimeout;
    }

    /** @return the idle timeout */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** @return the minimum request-body rate in bytes per second */
    public long minRequestBodyRate() {
        return minRequestBodyRate;
    }

    private static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "SlowClientLimits[requestHeadTimeout=" + requestHeadTimeout + ", idleTimeout=" + idleTimeout
                + ", minRequestBodyRate=" + minRequestBodyRate + "]";
    }
}
