package dev.portcullis.core.accesslog;

/**
 * Turns an {@link AccessLogEntry} into the line the access log writes. Called on the access log's writer thread,
 * never on a request thread, one entry at a time; an implementation must make the client's values safe for its
 * syntax (a line break in a path must not start a second line). Two are built in:
 *
 * <ul>
 *   <li>{@link #text()}, the default, a readable line with fixed fields:
 *   <pre>{@code
 * 2025-11-22T10:15:30.123Z 203.0.113.7 "GET /api/orders/7" 200 ok in=0 out=1024 ms=12.412 route=orders
 *     upstream=http://10.0.0.5:8080 upstream_ms=11.870 stage=- id=41fd4685ccdbbc1289501185e8c9c796
 *     trace=4bf92f3577b34da6a3ce929d0e0e4736
 *   }</pre>
 *   (one line); an absent value is {@code -};</li>
 *   <li>{@link #json()}, one JSON object per line, absent values left out:
 *   <pre>{@code
 * {"time":"2025-11-22T10:15:30.123Z","requestId":"41fd...","traceId":"4bf9...","client":"203.0.113.7",
 *  "method":"GET","path":"/api/orders/7","routeId":"orders","upstream":"http://10.0.0.5:8080","status":200,
 *  "bytesIn":0,"bytesOut":1024,"durationMs":12.412,"upstreamHeadersMs":11.87,"outcome":"ok"}
 *   }</pre></li>
 * </ul>
 */
@FunctionalInterface
public interface AccessLogFormat {
    /**
     * @param entry the entry
     * @return the line, without a line break
     */
    String format(AccessLogEntry entry);

    /** @return the readable line, fields in a fixed order */
    static AccessLogFormat text() {
        return TextFormat.INSTANCE;
    }

    /** @return one JSON object per entry */
    static AccessLogFormat json() {
        return JsonFormat.INSTANCE;
    }
}
