package dev.portcullis.core.client;

/**
 * A snapshot of an {@link UpstreamClient}'s connections to one upstream instance, as
 * {@link UpstreamClient#connectionPool(java.net.URI)} reports it for metrics. Counts are never negative.
 *
 * <pre>{@code
 * client.connectionPool(URI.create("http://10.0.0.5:8080"))
 *     .ifPresent(pool -> log.info("{} of {} connections busy", pool.active(), pool.max()));
 * }</pre>
 *
 * @param active connections carrying an exchange
 * @param idle open connections waiting in the pool for the next exchange
 * @param pending connections being opened
 * @param max the most connections the client opens to the instance
 * @param queued requests waiting for a connection
 */
public record ConnectionPoolFigures(int active, int idle, int pending, int max, int queued) {
    /** Checks the values. */
    public ConnectionPoolFigures {
        if (active < 0 || idle < 0 || pending < 0 || max < 0 || queued < 0) {
            throw new IllegalArgumentException("connection pool figures must not be negative: active " + active
                    + ", idle " + idle + ", pending " + pending + ", max " + max + ", queued " + queued);
        }
    }

    /**
     * @param max the most connections the client would open
     * @return figures of a pool with no connection and nothing waiting
     */
    public static ConnectionPoolFigures empty(int max) {
        return new ConnectionPoolFigures(0, 0, 0, max, 0);
    }

    /**
     * @param other the figures of another pool to the same instance
     * @return the sums of both
     */
    public ConnectionPoolFigures plus(ConnectionPoolFigures other) {
        return new ConnectionPoolFigures(active + other.active, idle + other.idle, pending + other.pending,
                max + other.max, queued + other.queued);
    }
}
