package dev.portcullis.core.accesslog;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.TraceContext;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Routing;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one entry per exchange, written through SLF4J under the logger {@value #LOGGER_NAME} at INFO when
 * the exchange ends, also when it was aborted (outcome {@code client-abort} or {@code upstream-failed}). It is an
 * {@link ExchangeListener} that hears only {@link ExchangeEvent.Ended}; give it to the gateway with
 * {@code accessLog(...)}, which closes it with the gateway.
 *
 * <p>Nothing on the request path waits for the logging backend, which may write synchronously: the request thread
 * decides whether to write the exchange ({@link AccessLogSampling}, the logger's level), captures an
 * {@link AccessLogEntry} without formatting it, and offers it to a bounded queue (default 8,192 entries). One daemon
 * thread, started when the log is built, formats the entries ({@link AccessLogFormat}) and logs them, each with its
 * request's MDC entries ({@link dev.portcullis.core.logging.RequestMdc}). When the queue is full an entry is
 * dropped and counted ({@link #dropped()}), and the writer warns how many under this class's logger.
 * {@link #close()} writes what is queued (waiting at most 5 s) and stops the thread.
 *
 * <p>What an entry holds: start time, request id, trace id, client address (resolved through the trusted proxies),
 * method, raw path (the query only with {@link Builder#includeQuery(boolean)}, credentials redacted), route id,
 * upstream instance, status, bytes in and out, duration, time to the upstream's response headers, the stage that
 * answered (e.g. {@code RateLimiting} for a 429), the authenticated subject (only with
 * {@link Builder#includeSubject(boolean)}), and the outcome.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.builder().pipeline(pipeline)
 *     .accessLog(AccessLog.builder()
 *         .format(AccessLogFormat.json())
 *         .sampling(AccessLogSampling.rate(0.1))      // 10 % of successes, every failure
 *         .build())
 *     .build();                                        // gateway.close() closes the access log
 * }</pre>
 *
 * <p>Thread-safe. One access log serves one gateway.
 */
public final class AccessLog implements ExchangeListener, AutoCloseable {
    /** The name of the logger entries are written to, unless {@link Builder#logger} names another. */
    public static final String LOGGER_NAME = "dev.portcullis.access";
    /** The query parameters whose values are always redacted (compared ignoring case). */
    public static final Set<String> CREDENTIAL_PARAMETERS = Set.of("access_token", "id_token", "refresh_token",
            "token", "api_key", "apikey", "key", "password", "passwd", "secret", "client_secret", "code",
            "signature", "sig", "x-amz-signature", "x-amz-credential", "x-amz-security-token", "auth",
            "authorization", "session", "sessionid", "jsessionid");

    private final Logger log;
    private final AccessLogSampling sampling;
    private final Set<String> redacted;
    private final boolean includeQuery;
    private final boolean includeSubject;
    private final Clock clock;
    private final EntryWriter writer;
    private final String description;

    private AccessLog(Builder b) {
        this.log = b.log;
        this.sampling = b.sampling;
        this.redacted = Set.copyOf(b.redacted);
        this.includeQuery = b.includeQuery;
        this.includeSubject = b.includeSubject;
        this.clock = b.clock;
        this.writer = new EntryWriter(b.queueCapacity, b.log, b.format);
        this.description = "AccessLog[" + b.format + " to " + b.log.getName() + ", " + b.sampling
                + (b.includeQuery ? ", query redacting " + b.redacted : ", no query")
                + (b.includeSubject ? ", subject" : "") + ", queue " + b.queueCapacity + "]";
    }

    /** @return a builder with the defaults: text format, every exchange, no query, no subject */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onEvent(ExchangeEvent event) {
        if (event instanceof ExchangeEvent.Ended ended && log.isInfoEnabled()) {
            AccessLogEntry.Outcome outcome = outcome(ended);
            boolean failure = ended.status() >= 500 || outcome == AccessLogEntry.Outcome.CLIENT_ABORT
                    || outcome == AccessLogEntry.Outcome.UPSTREAM_FAILED;
            if (samplingOf(ended.request()).keeps(failure)) {
                writer.offer(entry(ended, outcome));
            }
        }
    }

    /** @return the entries dropped so far because the queue was full or the log closed */
    public long dropped() {
        return writer.dropped();
    }

    /** @return the settings: format, logger, sampling, query and subject, queue capacity */
    @Override
    public String toString() {
        return description;
    }

    /** Writes the entries still queued (waiting at most 5 s) and stops the writer thread; idempotent. */
    @Override
    public void close() {
        writer.close();
    }

    /** @return whether the writer thread has stopped (after {@link #close()}) */
    boolean stopped() {
        return writer.stopped();
    }

    private AccessLogSampling samplingOf(Optional<GatewayRequest> request) {
        return request.isEmpty() ? sampling : Routing.metadata(request.get(), AccessLogSampling.ROUTE).orElse(sampling);
    }

    private static AccessLogEntry.Outcome outcome(ExchangeEvent.Ended ended) {
        switch (ended.outcome()) {
            case APPLICATION:
                return AccessLogEntry.Outcome.APPLICATION;
            case CLIENT_GONE:
                return AccessLogEntry.Outcome.CLIENT_ABORT;
            case UPSTREAM_FAILED:
                return AccessLogEntry.Outcome.UPSTREAM_FAILED;
            default:
                return ended.upstreamFailed().isPresent() ? AccessLogEntry.Outcome.UPSTREAM_FAILED
                        : AccessLogEntry.Outcome.OK;
        }
    }

    private AccessLogEntry entry(ExchangeEvent.Ended ended, AccessLogEntry.Outcome outcome) {
        ExchangeEvent.Started started = ended.started();
        GatewayRequest request = ended.request().orElse(null);
        Optional<RouteMatch> match = request == null ? Optional.empty() : request.attribute(Routing.MATCH);
        long durationNanos = ended.duration().toNanos();
        return AccessLogEntry.builder()
                .start(clock.millis() - durationNanos / 1_000_000, durationNanos)
                .ids(ended.requestId(), started.trace().map(TraceContext::traceId).orElse(null))
                .request(request == null ? started.peer() : request.clientAddress(), started.method(),
                        started.rawPath())
                .query(includeQuery && request != null ? request.rawQuery().orElse(null) : null, redacted)
                .route(match.isPresent() ? match.get().route().id()
                                : ended.upstreamCalled().map(ExchangeEvent.UpstreamCalled::routeId).orElse(null),
                        ended.upstreamCalled().map(ExchangeEvent.UpstreamCalled::instance).orElse(null),
                        ended.upstreamAnswered().map(answered -> answered.timeToHeaders().toNanos()).orElse(-1L))
                .response(ended.status(), ended.bytesIn(), ended.bytesOut(), outcome)
                .who(ended.answeredBy().map(ExchangeEvent.StageAnswered::stage).orElse(null),
                        includeSubject && request != null
                                ? request.attribute(GatewayPrincipal.ATTRIBUTE).map(GatewayPrincipal::name).orElse(null)
                                : null)
                .build();
    }

    /** Collects an {@link AccessLog}'s settings; {@link #build()} starts its writer thread. Not thread-safe. */
    public static final class Builder {
        private AccessLogFormat format = AccessLogFormat.text();
        private AccessLogSampling sampling = AccessLogSampling.all();
        private boolean includeQuery;
        private boolean includeSubject;
        private final Set<String> redacted = new TreeSet<>(CREDENTIAL_PARAMETERS);
        private int queueCapacity = 8_192;
        private Logger log = LoggerFactory.getLogger(LOGGER_NAME);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** @param format how an entry is written, default {@link AccessLogFormat#text()} @return this builder */
        public Builder format(AccessLogFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * @param sampling which exchanges are written when their route says nothing ({@link AccessLogSampling#ROUTE});
         *     default {@link AccessLogSampling#all()}
         * @return this builder
         */
        public Builder sampling(AccessLogSampling sampling) {
            this.sampling = Objects.requireNonNull(sampling, "sampling");
            return this;
        }

        /**
         * @param include whether the path is followed by the raw query (as a stage last passed it on, so credentials a
         *     stage consumed are gone), the values of {@link #CREDENTIAL_PARAMETERS} and
         *     {@link #redactQueryParameters redacted names} replaced by {@code REDACTED}; default false
         * @return this builder
         */
        public Builder includeQuery(boolean include) {
            this.includeQuery = include;
            return this;
        }

        /** @param names further query parameters whose values are redacted, ignoring case @return this builder */
        public Builder redactQueryParameters(String... names) {
            for (String name : names) {
                redacted.add(Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * @param include whether the authenticated subject ({@link GatewayPrincipal#name()}) is written; default
         *     false, because it is personal data
         * @return this builder
         */
        public Builder includeSubject(boolean include) {
            this.includeSubject = include;
            return this;
        }

        /** @param capacity entries waiting to be written at most, 1 to 1,000,000, default 8,192 @return this builder */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        /** @param logger where entries are written, at INFO; default the logger {@value #LOGGER_NAME} @return this builder */
        public Builder logger(Logger logger) {
            this.log = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /** @param clock the clock that dates entries, default UTC system time @return this builder */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the access log, its writer thread started
         * @throws IllegalArgumentException naming {@code queueCapacity} when it is out of range
         */
        public AccessLog build() {
            if (queueCapacity < 1 || queueCapacity > 1_000_000) {
                throw new IllegalArgumentException("queueCapacity: must be 1 to 1,000,000, was " + queueCapacity);
            }
            return new AccessLog(this);
        }
    }
}
