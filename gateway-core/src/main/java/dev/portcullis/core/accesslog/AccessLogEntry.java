package dev.portcullis.core.accesslog;

import dev.portcullis.api.QueryParameters;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One access log entry: what an {@link AccessLogFormat} writes about one exchange. Captured on the request thread
 * without formatting anything; the accessors that need work ({@link #time()}, {@link #query()}) do it on the access
 * log's writer thread. Values the client chose ({@link #method()}, {@link #path()}, {@link #query()},
 * {@link #subject()}) are raw: a format makes them safe for its syntax (the built-in ones pass them through
 * {@link dev.portcullis.api.LogSafe}). Immutable.
 *
 * <pre>{@code
 * AccessLogFormat combinedish = entry -> entry.client().getHostAddress() + " \"" + entry.method() + ' '
 *     + LogSafe.value(entry.path()) + "\" " + entry.status() + ' ' + entry.bytesOut();
 * }</pre>
 */
public final class AccessLogEntry {
    /** The value a redacted query parameter is written with. */
    public static final String REDACTED = "REDACTED";

    /** How the exchange ended, as the access log names it. */
    public enum Outcome {
        /** The response was written to its end (an upstream's answer, a stage's, a problem). */
        OK,
        /** The application's servlets served the request. */
        APPLICATION,
        /** The client went away before the response was complete (aborted). */
        CLIENT_ABORT,
        /** The upstream failed: answered with 502/503/504 before the response began, or cut after (aborted). */
        UPSTREAM_FAILED;

        /** @return the name in a log line: {@code ok}, {@code application}, {@code client-abort}, ... */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final long startMillis;
    private final String requestId;
    private final String traceId;
    private final InetAddress client;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Set<String> redactedParameters;
    private final String routeId;
    private final URI upstream;
    private final int status;
    private final long bytesIn;
    private final long bytesOut;
    private final long durationNanos;
    private final long upstreamHeadersNanos;
    private final String stage;
    private final String subject;
    private final Outcome outcome;

    private AccessLogEntry(Builder b) {
        this.startMillis = b.startMillis;
        this.requestId = b.requestId;
        this.traceId = b.traceId;
        this.client = b.client;
        this.method = b.method;
        this.path = b.path;
        this.rawQuery = b.rawQuery;
        this.redactedParameters = b.redactedParameters;
        this.routeId = b.routeId;
        this.upstream = b.upstream;
        this.status = b.status;
        this.bytesIn = b.bytesIn;
        this.bytesOut = b.bytesOut;
        this.durationNanos = b.durationNanos;
        this.upstreamHeadersNanos = b.upstreamHeadersNanos;
        this.stage = b.stage;
        this.subject = b.subject;
        this.outcome = b.outcome;
    }

    static Builder builder() {
        return new Builder();
    }

    /** @return when the exchange started */
    public Instant time() {
        return Instant.ofEpochMilli(startMillis);
    }

    /** @return the request id */
    public String requestId() {
        return requestId;
    }

    /** @return the W3C trace id, empty when trace context is off */
    public Optional<String> traceId() {
        return Optional.ofNullable(traceId);
    }

    /** @return the client address, resolved through the trusted proxies (the socket peer for a refused request) */
    public InetAddress client() {
        return client;
    }

    /** @return the method as the client sent it (raw for a request refused for its method) */
    public String method() {
        return method;
    }

    /** @return the raw path the client sent, percent-encoded, without the query */
    public String path() {
        return path;
    }

    /**
     * @return the raw query when the log includes it, with the value of every parameter named like a credential
     *     replaced by {@value #REDACTED}; empty when excluded or absent
     */
    public Optional<String> query() {
        if (rawQuery == null) {
            return Optional.empty();
        }
        StringBuilder kept = new StringBuilder(rawQuery.length());
        for (QueryParameters.Pair pair : QueryParameters.parse(rawQuery)) {
            kept.append(kept.length() == 0 ? "" : "&");
            if (redactedParameters.contains(pair.name().toLowerCase(Locale.ROOT))) {
                int equals = pair.raw().indexOf('=');
                kept.append(equals < 0 ? pair.raw() : pair.raw().substring(0, equals)).append('=').append(REDACTED);
            } else {
                kept.append(pair.raw());
            }
        }
        return Optional.of(kept.toString());
    }

    /** @return the matched route's id, empty when no route matched */
    public Optional<String> routeId() {
        return Optional.ofNullable(routeId);
    }

    /** @return the base URI of the upstream instance called, empty when none was */
    public Optional<URI> upstream() {
        return Optional.ofNullable(upstream);
    }

    /** @return the status sent (or the application's), 0 when no response head was sent */
    public int status() {
        return status;
    }

    /** @return request body bytes the gateway read, -1 when the application read the body */
    public long bytesIn() {
        return bytesIn;
    }

    /** @return response body bytes the gateway wrote, -1 when the application wrote the response */
    public long bytesOut() {
        return bytesOut;
    }

    /** @return from the start of the exchange to its end */
    public Duration duration() {
        return Duration.ofNanos(durationNanos);
    }

    /** @return from sending the request upstream to the upstream's response headers, empty when none arrived */
    public Optional<Duration> upstreamHeaders() {
        return upstreamHeadersNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(upstreamHeadersNanos));
    }

    /** @return the name of the pipeline stage that answered the request itself (e.g. {@code RateLimiting}), if one did */
    public Optional<String> stage() {
        return Optional.ofNullable(stage);
    }

    /** @return the authenticated subject, when the log includes it and there is one */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** @return how the exchange ended */
    public Outcome outcome() {
        return outcome;
    }

    @Override
    public String toString() {
        return "AccessLogEntry[" + requestId + ' ' + status + ' ' + outcome.label() + ']';
    }

    /** Collects an entry's values on the request thread. Not thread-safe. */
    static final class Builder {
        private long startMillis;
        private String requestId;
        private String traceId;
        private InetAddress client;
        private String method;
        private String path;
        private String rawQuery;
        private Set<String> redactedParameters = Set.of();
        private String routeId;
        private URI upstream;
        private int status;
        private long bytesIn;
        private long bytesOut;
        private long durationNanos;
        private long upstreamHeadersNanos = -1;
        private String stage;
        private String subject;
        private Outcome outcome = Outcome.OK;

        private Builder() {
        }

        Builder start(long epochMillis, long durationNanos) {
            this.startMillis = epochMillis;
            this.durationNanos = durationNanos;
            return this;
        }

        Builder ids(String requestId, String traceId) {
            this.requestId = requestId;
            this.traceId = traceId;
            return this;
        }

        Builder request(InetAddress client, String method, String path) {
            this.client = client;
            this.method = method;
            this.path = path;
            return this;
        }

        Builder query(String rawQuery, Set<String> redactedParameters) {
            this.rawQuery = rawQuery;
            this.redactedParameters = redactedParameters;
            return this;
        }

        Builder route(String routeId, URI upstream, long upstreamHeadersNanos) {
            this.routeId = routeId;
            this.upstream = upstream;
            this.upstreamHeadersNanos = upstreamHeadersNanos;
            return this;
        }

        Builder response(int status, long bytesIn, long bytesOut, Outcome outcome) {
            this.status = status;
            this.bytesIn = bytesIn;
            this.bytesOut = bytesOut;
            this.outcome = outcome;
            return this;
        }

        Builder who(String stage, String subject) {
            this.stage = stage;
            this.subject = subject;
            return this;
        }

        AccessLogEntry build() {
            return new AccessLogEntry(this);
        }
    }
}
