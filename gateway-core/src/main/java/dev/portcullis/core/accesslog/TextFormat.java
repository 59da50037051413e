package dev.portcullis.core.accesslog;

import dev.portcullis.api.LogSafe;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The readable line: fixed fields in a fixed order, {@code -} for an absent value; the request line and the subject
 * quoted, the client's values escaped by {@link LogSafe} with {@code "} escaped too, so a field never ends early and a
 * line never splits. Stateless.
 */
final class TextFormat implements AccessLogFormat {
    static final TextFormat INSTANCE = new TextFormat();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private TextFormat() {
    }

    @Override
    public String format(AccessLogEntry entry) {
        StringBuilder line = new StringBuilder(256);
        line.append(time(entry.time())).append(' ').append(entry.client().getHostAddress())
                .append(" \"").append(quoted(entry.method())).append(' ').append(quoted(entry.path()));
        entry.query().ifPresent(query -> line.append('?').append(quoted(query)));
        line.append("\" ").append(entry.status()).append(' ').append(entry.outcome().label())
                .append(" in=").append(bytes(entry.bytesIn()))
                .append(" out=").append(bytes(entry.bytesOut()))
                .append(" ms=");
        millis(line, entry.duration());
        line.append(" route=").append(entry.routeId().orElse("-"))
                .append(" upstream=").append(entry.upstream().map(Object::toString).orElse("-"))
                .append(" upstream_ms=");
        Optional<Duration> headers = entry.upstreamHeaders();
        if (headers.isPresent()) {
            millis(line, headers.get());
        } else {
            line.append('-');
        }
        line.append(" stage=").append(entry.stage().orElse("-"));
        entry.subject().ifPresent(subject -> line.append(" subject=\"").append(quoted(subject)).append('"'));
        return line.append(" id=").append(entry.requestId())
                .append(" trace=").append(entry.traceId().orElse("-"))
                .toString();
    }

    private static String quoted(String value) {
        return LogSafe.value(value).replace("\"", "\\\"");
    }

    private static String bytes(long count) {
        return count < 0 ? "-" : Long.toString(count);
    }

    /** @return the time in UTC with milliseconds, always the same width: {@code 2025-11-22T10:15:30.120Z} */
    static String time(Instant time) {
        return TIME.format(time);
    }

    /** Appends a duration as milliseconds with three decimals: {@code 12.412}. */
    static void millis(StringBuilder line, Duration duration) {
        long micros = duration.toNanos() / 1_000;
        long fraction = micros % 1_000;
        line.append(micros / 1_000).append('.');
        if (fraction < 100) {
            line.append(fraction < 10 ? "00" : "0");
        }
        line.append(fraction);
    }

    @Override
    public String toString() {
        return "text";
    }
}
