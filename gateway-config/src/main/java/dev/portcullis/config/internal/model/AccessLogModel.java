package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import java.util.List;

/**
 * The gateway's access log ({@code AccessLog}), on when the section is present.
 *
 * <pre>{@code
 * accessLog: {format: json, sampleRate: 0.1, includeSubject: true}
 * }</pre>
 *
 * @param enabled whether the log is written
 * @param format text or json
 * @param sampleRate the share of successful exchanges written
 * @param includeQuery whether the raw query is written
 * @param redactQueryParameters further query parameters redacted
 * @param includeSubject whether the authenticated subject is written
 * @param queueCapacity entries waiting to be written at most
 */
@Doc("One access log line per exchange under the logger dev.portcullis.access, written off the request path; on "
        + "when this section is present.")
public record AccessLogModel(
        @Doc("false switches the log off (then set nothing else here); default true.") Boolean enabled,
        @Doc("text (default: one key=value line) or json (one JSON object per line).") Format format,
        @Doc("The share of successful exchanges written, 0..1, default 1; failures (5xx, aborts, upstream failures) "
                + "are always written.") Double sampleRate,
        @Doc("Write the raw query after the path, credentials redacted; default false.") Boolean includeQuery,
        @Doc("Query parameters whose values are redacted, on top of the built-in credential names.")
        List<String> redactQueryParameters,
        @Doc("Write the authenticated subject; default false, because it is personal data.") Boolean includeSubject,
        @Doc("Entries waiting to be written at most, 1..1000000, default 8192; beyond it entries are dropped and "
                + "counted.") Integer queueCapacity) {

    /** How an entry is written. */
    public enum Format {
        /** {@code AccessLogFormat.text()}. */
        TEXT,
        /** {@code AccessLogFormat.json()}. */
        JSON
    }
}
