package dev.portcullis.core.accesslog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.api.LogSafe;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * One JSON object per entry, written with Jackson's streaming generator: absent values left out, durations as
 * milliseconds, the client's values escaped by {@link LogSafe} first (so they read as in the text line) and then by
 * JSON. Thread-safe.
 */
final class JsonFormat implements AccessLogFormat {
    static final JsonFormat INSTANCE = new JsonFormat();
    private static final JsonFactory JSON = new JsonFactory();

    private JsonFormat() {
    }

    @Override
    public String format(AccessLogEntry entry) {
        StringWriter out = new StringWriter(384);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", TextFormat.time(entry.time()));
            json.writeStringField("requestId", entry.requestId());
            optional(json, "traceId", entry.traceId());
            json.writeStringField("client", entry.client().getHostAddress());
            json.writeStringField("method", LogSafe.value(entry.method()));
            json.writeStringField("path", LogSafe.value(entry.path()));
            optional(json, "query", entry.query().map(LogSafe::value));
            optional(json, "routeId", entry.routeId());
            optional(json, "upstream", entry.upstream().map(Object::toString));
            json.writeNumberField("status", entry.status());
            if (entry.bytesIn() >= 0) {
                json.writeNumberField("bytesIn", entry.bytesIn());
            }
            if (entry.bytesOut() >= 0) {
                json.writeNumberField("bytesOut", entry.bytesOut());
            }
            millis(json, "durationMs", entry.duration());
            Optional<Duration> headers = entry.upstreamHeaders();
            if (headers.isPresent()) {
                millis(json, "upstreamHeadersMs", headers.get());
            }
            optional(json, "stage", entry.stage());
            optional(json, "subject", entry.subject().map(LogSafe::value));
            json.writeStringField("outcome", entry.outcome().label());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void optional(JsonGenerator json, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(name, value.get());
        }
    }

    /** Writes a duration as milliseconds with three decimals, a JSON number: {@code 12.412}. */
    private static void millis(JsonGenerator json, String name, Duration duration) throws IOException {
        StringBuilder number = new StringBuilder(16);
        TextFormat.millis(number, duration);
        json.writeFieldName(name);
        json.writeNumber(number.toString());
    }

    @Override
    public String toString() {
        return "json";
    }
}
