package dev.portcullis.core;

import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.ExchangeTracer;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.Problem;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.accesslog.AccessLog;
import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamClientProvider;
import dev.portcullis.core.internal.MethodGuard;
import dev.portcullis.core.internal.PathGuard;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.internal.proxy.ProxyRules;
import dev.portcullis.core.internal.proxy.ReverseProxy;
import dev.portcullis.core.internal.proxy.UpstreamFailures;
import dev.portcullis.core.internal.resilience.GroupStates;
import dev.portcullis.core.internal.resilience.SchedulerTimer;
import dev.portcullis.core.internal.trace.TraceContexts;
import dev.portcullis.core.logging.RequestMdc;
import dev.portcullis.core.trace.TracePolicy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The container-neutral gateway: admission control, request intake (request id, method, framing and path guards,
 * header hygiene, trusted proxies), the pipeline, the reverse proxy, problem documents and exchange events. A
 * container adapter (the servlet {@code GatewayFilter}) turns each request into an {@link IncomingRequest}, calls
 * {@link #open} and drives the returned {@link Exchange}; it never sees the engine's parts. Thread-safe. Its settings
 * form one immutable configuration that {@link #reload} replaces at run time, atomically: each exchange runs on the
 * configuration that was current when it opened.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.builder()
 *     .pipeline(Pipeline.builder().add(Routing.interceptor(routes)).build())
 *     .trustedProxies("10.0.0.0/8")
 *     .build();
 * Exchange exchange = gateway.open(incoming);   // then exchange.refusal() or exchange.run()
 * }</pre>
 *
 * <p>Without {@link Settings#upstreamClient(UpstreamClient)} the gateway creates its client from the
 * highest-priority {@link UpstreamClientProvider} on the classpath ({@code gateway-jetty-client} registers one for
 * the Jetty client), else {@link JdkUpstreamClient#create()}; {@link #close()} closes only a client it created.
 */
public final class Gateway implements AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final Problem OVERLOADED = UpstreamFailures.overloaded(
            "The gateway has as many requests in flight as it admits; retry after the Retry-After delay.");
    private static final HttpHeaders RETRY_AFTER = HttpHeaders.builder()
            .set("Retry-After", UpstreamFailures.RETRY_AFTER_SECONDS).build();

    private final Object reloading = new Object();
    /** Schedules health checks, ejection ends and retry backoffs for every configuration; stopped by close. */
    private final SchedulerTimer timer = new SchedulerTimer();
    /**
     * The upstream groups' resilience state, shared by the configurations that share its client, so a reload keeps
     * the state of the groups it leaves unchanged; replaced with the client. Guarded by {@link #reloading}.
     */
    private GroupStates groupStates;
    private volatile Snapshot current;
    private Duration drainTimeout;
    private boolean closed;

    private Gateway(Settings<?> b, TrustedProxies trusted, UpstreamClient client, boolean ownsClient) {
        this.current = snapshot(b, trusted, client, ownsClient, null);
        this.drainTimeout = b.drainTimeout;
    }

    private Snapshot snapshot(Settings<?> b, TrustedProxies trusted, UpstreamClient client,
                                     boolean ownsClient, Snapshot older) {
        boolean rfc7239 = b.forwardedHeaders == ForwardedHeaders.FORWARDED;
        ExchangeListener listener = b.listeners.isEmpty() ? ExchangeListener.NONE
                : ExchangeListener.all(b.listeners.toArray(ExchangeListener[]::new));
        Intake intake = new Intake(trusted, rfc7239, new PathGuard(b.allowEncodedSlash),
                new MethodGuard(b.allowTrace), b.requestIdHeader, TraceContexts.of(b.tracePolicy, trusted),
                listener != ExchangeListener.NONE, b.tracer);
        if (older == null || older.client() != client) {
            groupStates = new GroupStates(timer, client);
        }
        ReverseProxy proxy = new ReverseProxy(client, trusted, new ProxyRules(b.viaPseudonym, b.requestIdHeader,
                rfc7239, b.allowUnderscoreHeaders, b.maxUpstreamResponseHeadBytes), groupStates,
                Routing.routes(b.pipeline), listener, timer);
        return new Snapshot(b.pipeline, listener, intake, proxy, b.requestIdHeader, b.maxInFlight, client, ownsClient,
                b.accessLog, older);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Admits and reads a request, on the configuration current now: the exchange keeps it to its end, whatever
     * {@link #reload} does meanwhile. Over the {@linkplain Settings#maxInFlight(int) in-flight cap} the exchange is
     * refused at once with 503 {@code overloaded} and {@code Retry-After}, before any stage; a request intake refuses
     * gets its 400/405/501 problem. Either way the adapter writes {@link Exchange#refusal()} and then
     * {@linkplain Exchange#end ends} the exchange.
     *
     * @param incoming the request as the container read it
     * @return the exchange
     */
    public Exchange open(IncomingRequest incoming) {
        long start = System.nanoTime();
        Snapshot snapshot = current;
        Snapshot.Entry entry = snapshot.enter();
        while (entry == Snapshot.Entry.RETIRED) {
            snapshot = current;
            entry = snapshot.enter();
        }
        boolean admitted = entry == Snapshot.Entry.ADMITTED;
        Intake.Result read;
        if (!admitted) {
            InetAddress peer = Intake.peerOf(incoming);
            read = Intake.Result.refused(RequestIds.choose(null, false), peer, OVERLOADED, RETRY_AFTER,
                    snapshot.intake().traceOf(incoming, peer));
        } else {
            try {
                read = snapshot.intake().read(incoming);
            } catch (RuntimeException e) {
                String id = RequestIds.choose(null, false);
                try (MDC.MDCCloseable scope = MDC.putCloseable(RequestMdc.REQUEST_ID, id)) {
                    LOG.error("request {} failed before the pipeline", id, e);
                }
                read = Intake.Result.refused(id, Intake.peerOf(incoming), Exchange.internalError(),
                        HttpHeaders.empty(), null);
            }
        }
        Exchange exchange = new Exchange(snapshot, read, incoming, start, admitted);
        exchange.announce();
        return exchange;
    }

    /**
     * Swaps in a new configuration: every setting of {@code next} (pipeline, trusted proxies, path and method guards,
     * forwarded-header family, request-id header, {@code Via} pseudonym, response-head cap, listeners, in-flight cap,
     * upstream client). {@code next} is validated first; when it is wrong, nothing changes. The swap is atomic: an
     * exchange {@linkplain #open opened} before it runs on the previous configuration to its end, one opened after
     * it on the new one. The in-flight count carries over, checked against the new cap.
     *
     * <p>The upstream client: when {@code next} names none, or the one in use, the current client carries over with
     * its connection pools (and is still closed by {@link #close()} if this gateway created it). When it names
     * another, that one is used from now on and belongs to the caller; the previous one is closed once the exchanges
     * on it have ended, if this gateway created it. Reloads are serialized with each other; {@code open} never waits
     * for one.
     *
     * <pre>{@code
     * gateway.reload(Gateway.builder().pipeline(nextPipeline).trustedProxies("10.0.0.0/8"))
     *     .thenRun(retiredRedisStore::close);   // what only the previous configuration used
     * }</pre>
     *
     * @param next the new settings, e.g. a {@link Builder} (or a servlet filter's builder); read during this call
     *     only
     * @return completes (on a thread of its own) when every exchange opened on the replaced configuration, or on
     *     any configuration before it, has ended, after closing the client this gateway created for them if it no
     *     longer serves; so the caller may close what only the replaced configurations used
     * @throws IllegalArgumentException naming the setting that is missing or wrong; the current configuration keeps
     *     serving
     * @throws IllegalStateException once the gateway is closed
     */
    public CompletionStage<Void> reload(Settings<?> next) {
        TrustedProxies trusted = Objects.requireNonNull(next, "next").validate();
        synchronized (reloading) {
            if (closed) {
                throw new IllegalStateException("the gateway is closed; it cannot be reloaded");
            }
            Snapshot replaced = current;
            UpstreamClient named = next.upstreamClient;
            boolean carriesClient = named == null || named == replaced.client();
            current = carriesClient ? snapshot(next, trusted, replaced.client(), replaced.ownsClient(), replaced)
                    : snapshot(next, trusted, named, false, replaced);
            replaced.retire(!carriesClient && replaced.ownsClient(), replaced.accessLog() != next.accessLog);
            drainTimeout = next.drainTimeout;
            return replaced.drained();
        }
    }

    /**
     * @return whether {@link #close()} has begun: routed requests are answered 503 from then on, so a readiness
     *     probe should report this instance down
     */
    public boolean closing() {
        return current.closing();
    }

    /** @return the header that carries the request id in both directions, in the current configuration */
    public String requestIdHeader() {
        return current.requestIdHeader();
    }

    /** @return the client proxied requests go through, in the current configuration */
    public UpstreamClient upstreamClient() {
        return current.client();
    }

    /** @return the current pipeline's stages in order, e.g. {@code "Routing -> Authentication"} */
    public String describe() {
        return current.pipeline().describe();
    }

    /**
     * A read-only view for an admin listing or metrics: the stages in order, and through
     * {@link dev.portcullis.api.routing.Routing#routes(Pipeline)} the routes. Nothing here changes the gateway; after
     * a reload it returns the new pipeline.
     *
     * @return the pipeline new exchanges run
     */
    public Pipeline pipeline() {
        return current.pipeline();
    }

    /**
     * Drains and closes the gateway; the exchanges in flight run on while new routed requests are turned away, for
     * at most the {@linkplain Settings#drainTimeout(Duration) drain timeout}:
     * <ol>
     *   <li>from this call on, a request the pipeline routes is answered at once with 503
     *       {@code service-unavailable}, {@code Retry-After} and {@code Connection: close}, without an upstream call
     *       (a request for the application still passes to it);</li>
     *   <li>once every exchange opened before this call has ended, the upstream health checks stop, the upstream
     *       client is closed if this gateway created it (a client given to the builder or to {@link #reload} is left
     *       open) and the access log is closed: the same retirement a {@linkplain #reload reload} gives a replaced
     *       configuration;</li>
     *   <li>if they have not all ended by the deadline, the health checks stop and the client this gateway created
     *       is closed at once, which cuts the upstream exchanges still running (a given client is the caller's to
     *       close: closing it cuts them).</li>
     * </ol>
     * The resilience timer stops last. The call returns once drained, or at the deadline; later calls return at
     * once. An interrupt ends the wait as the deadline would.
     */
    @Override
    public void close() {
        Snapshot last;
        Duration deadline;
        synchronized (reloading) {
            if (closed) {
                return;
            }
            closed = true;
            last = current;
            deadline = drainTimeout;
            current = last.successorWhileClosing();
            last.retire(last.ownsClient(), true);
        }
        try {
            if (!awaitDrained(last.drained(), deadline)) {
                LOG.warn("exchanges were still in flight {} ms after the gateway began to close; cutting them",
                        deadline.toMillis());
                last.proxy().close();
                if (last.ownsClient()) {
                    last.client().close();
                }
            }
        } finally {
            timer.close();
        }
    }

    /** @return whether {@code drained} completed within {@code deadline}; an interrupt ends the wait as a no */
    private static boolean awaitDrained(CompletionStage<Void> drained, Duration deadline) {
        try {
            drained.toCompletableFuture().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("draining failed", e.getCause()); // never: a drain completes normally
        }
    }

    /**
     * @param providers the candidates, in {@link ServiceLoader} order
     * @return a new client from the highest-priority provider (the first of equals), else the JDK client
     */
    static UpstreamClient defaultClient(Iterable<UpstreamClientProvider> providers) {
        return StreamSupport.stream(providers.spliterator(), false)
                .reduce((best, next) -> next.priority() > best.priority() ? next : best)
                .map(UpstreamClientProvider::create)
                .orElseGet(JdkUpstreamClient::create);
    }

    /** Builds a {@link Gateway}. Not thread-safe. */
    public static final class Builder extends Settings<Builder> {
        private Builder() {
        }

        /**
         * @return the gateway
         * @throws IllegalArgumentException naming the setting that is missing or wrong
         */
        public Gateway build() {
            return buildGateway();
        }
    }

    /**
     * The gateway's settings, shared by every builder that ends in a gateway (this class's {@link Builder}, the
     * servlet filter's). {@link #buildGateway()} validates them.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class Settings<B extends Settings<B>> {
        /** The default {@link #drainTimeout(Duration) drain timeout}, in seconds. */
        public static final int DEFAULT_DRAIN_SECONDS = 30;
        private static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(DEFAULT_DRAIN_SECONDS);
        private Pipeline pipeline;
        private final List<String> trustedProxies = new ArrayList<>();
        private UpstreamClient upstreamClient;
        private String requestIdHeader = "X-Request-Id";
        private String viaPseudonym = "portcullis";
        private boolean allowEncodedSlash;
        private boolean allowTrace;
        private boolean allowUnderscoreHeaders;
        private int maxUpstreamResponseHeadBytes = 7 * 1024;
        private ForwardedHeaders forwardedHeaders = ForwardedHeaders.X_FORWARDED;
        private int maxInFlight = defaultMaxInFlight();
        private final List<ExchangeListener> listeners = new ArrayList<>();
        private AccessLog accessLog;
        private TracePolicy tracePolicy = TracePolicy.trust();
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
        private ExchangeTracer tracer;

        /** Settings with the defaults documented on each setter. */
        protected Settings() {
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** @param pipeline the interceptors, in order (required) @return this builder */
        public B pipeline(Pipeline pipeline) {
            this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
            return self();
        }

        /**
         * @param cidrs IPv4 or IPv6 blocks, e.g. {@code 10.0.0.0/8}, {@code ::1/128}; default: trust nobody
         * @return this builder
         */
        public B trustedProxies(String... cidrs) {
            trustedProxies.addAll(List.of(Objects.requireNonNull(cidrs, "cidrs")));
            return self();
        }

        /**
         * @param client sends proxied requests; the caller keeps ownership and closes it after the gateway is closed.
         *     Default: a client from the highest-priority {@link UpstreamClientProvider} on the classpath (the Jetty
         *     client with {@code gateway-jetty-client}), else {@link JdkUpstreamClient#create()}, closed with the
         *     gateway
         * @return this builder
         */
        public B upstreamClient(UpstreamClient client) {
            this.upstreamClient = Objects.requireNonNull(client, "upstreamClient");
            return self();
        }

        /** @param header the request id header, default {@code X-Request-Id} @return this builder */
        public B requestIdHeader(String header) {
            this.requestIdHeader = Objects.requireNonNull(header, "requestIdHeader");
            return self();
        }

        /** @param pseudonym this gateway's name in {@code Via}, default {@code portcullis} @return this builder */
        public B viaPseudonym(String pseudonym) {
            this.viaPseudonym = Objects.requireNonNull(pseudonym, "viaPseudonym");
            return self();
        }

        /**
         * @param family the forwarding headers the trusted proxies write, default
         *     {@link ForwardedHeaders#X_FORWARDED}; the other family is ignored and replaced before forwarding
         * @return this builder
         */
        public B forwardedHeaders(ForwardedHeaders family) {
            this.forwardedHeaders = Objects.requireNonNull(family, "forwardedHeaders");
            return self();
        }

        /**
         * @param allow whether {@code %2F} and {@code %5C} may appear in paths; default false (400)
         * @return this builder
         */
        public B allowEncodedSlash(boolean allow) {
            this.allowEncodedSlash = allow;
            return self();
        }

        /**
         * Caps the exchanges in flight at once (from the container's dispatch until the response is complete or
         * the client is gone). A request beyond the cap gets {@code 503} problem {@link
         * dev.portcullis.api.ProblemTypes#OVERLOADED overloaded} with {@code Retry-After: 1} at once: no pipeline,
         * no upstream call. Default: the JVM's max heap / 64 KiB, clamped to [64, 10,000] (2,048 at
         * {@code -Xmx128m}).
         *
         * @param max the cap, at least 1
         * @return this builder
         */
        public B maxInFlight(int max) {
            this.maxInFlight = max;
            return self();
        }

        /**
         * @param allow whether {@code TRACE} is forwarded; default false (405 problem), since a traced request echoes
         *     the client's headers, credentials included, back from the upstream
         * @return this builder
         */
        public B allowTrace(boolean allow) {
            this.allowTrace = allow;
            return self();
        }

        /**
         * @param allow whether request header names holding {@code _} are forwarded; default false: they are
         *     dropped, as by nginx's {@code underscores_in_headers off}, because many upstreams read {@code _} as
         *     {@code -} and would see a twin of a header the gateway controls
         * @return this builder
         */
        public B allowUnderscoreHeaders(boolean allow) {
            this.allowUnderscoreHeaders = allow;
            return self();
        }

        /**
         * @param bytes the largest upstream response head (status line and header lines) relayed; a larger one is
         *     answered {@code 502}. Default 7 KiB, which leaves room for the headers the container adds within its
         *     own 8 KiB response-head buffer (Jetty and Tomcat alike)
         * @return this builder
         */
        public B maxUpstreamResponseHeadBytes(int bytes) {
            this.maxUpstreamResponseHeadBytes = bytes;
            return self();
        }

        /**
         * @param listener hears every exchange's events (access log, metrics, traces); repeatable, called in the
         *     order added; a listener that throws is logged and never fails a request
         * @return this builder
         */
        public B listener(ExchangeListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return self();
        }

        /**
         * @param log writes one access log entry per exchange, off the request path; the gateway closes it. Default:
         *     none. It hears the exchanges after the {@linkplain #listener listeners} added before it
         * @return this builder
         * @throws IllegalStateException when an access log is already set
         */
        public B accessLog(AccessLog log) {
            Objects.requireNonNull(log, "accessLog");
            if (accessLog != null) {
                throw new IllegalStateException("accessLog: already set");
            }
            accessLog = log;
            listeners.add(log);
            return self();
        }

        /**
         * @param policy what to do with a caller's W3C {@code traceparent}: continue, restart or ignore it, or no
         *     trace context at all; default {@link TracePolicy#trust()}: continued from the trusted proxies only
         * @return this builder
         */
        public B traceContext(TracePolicy policy) {
            this.tracePolicy = Objects.requireNonNull(policy, "traceContext");
            return self();
        }

        /**
         * How long {@link Gateway#close()} (and so a servlet filter's {@code destroy()}) lets the exchanges in flight
         * finish before it cuts them; meanwhile new routed requests get 503 with {@code Connection: close}. Default
         * {@value #DEFAULT_DRAIN_SECONDS} s: long enough for ordinary calls and most downloads, and the grace period
         * Kubernetes gives a pod between SIGTERM and SIGKILL, so a drain is never cut by the orchestrator first.
         * {@link Duration#ZERO} cuts them at once. A {@linkplain Gateway#reload reload} replaces it too.
         *
         * @param timeout the longest drain, not negative
         * @return this builder
         */
        public B drainTimeout(Duration timeout) {
            this.drainTimeout = Objects.requireNonNull(timeout, "drainTimeout");
            return self();
        }

        /**
         * @param tracer opens a span per exchange (an OpenTelemetry server span, say) whose ids become the exchange's
         *     trace context, and a span per upstream try whose id the upstream receives in {@code traceparent};
         *     default: none, the {@linkplain #traceContext trace policy} makes the ids. Needs trace context: not with
         *     {@link TracePolicy#off()}
         * @return this builder
         */
        public B tracer(ExchangeTracer tracer) {
            this.tracer = Objects.requireNonNull(tracer, "tracer");
            return self();
        }

        /**
         * @return the gateway
         * @throws IllegalArgumentException naming the setting that is missing or wrong
         */
        protected final Gateway buildGateway() {
            return buildGateway(ServiceLoader.load(UpstreamClientProvider.class, Gateway.class.getClassLoader()));
        }

        /**
         * @param providers where the default client comes from when none is set
         * @return the gateway
         * @throws IllegalArgumentException naming the setting that is missing or wrong
         */
        final Gateway buildGateway(Iterable<UpstreamClientProvider> providers) {
            TrustedProxies trusted = validate();
            if (upstreamClient != null) {
                return new Gateway(this, trusted, upstreamClient, false);
            }
            return new Gateway(this, trusted, defaultClient(providers), true);
        }

        /**
         * @return the trusted proxies, parsed
         * @throws IllegalArgumentException naming the setting that is missing or wrong
         */
        private TrustedProxies validate() {
            if (pipeline == null) {
                throw new IllegalArgumentException("pipeline: required, set it with .pipeline(...)");
            }
            if (!HttpHeaders.isToken(requestIdHeader)) {
                throw new IllegalArgumentException("requestIdHeader: not a header name: " + requestIdHeader);
            }
            if (!HttpHeaders.isToken(viaPseudonym)) {
                throw new IllegalArgumentException("viaPseudonym: not a token: " + viaPseudonym);
            }
            if (maxUpstreamResponseHeadBytes < 256) {
                throw new IllegalArgumentException("maxUpstreamResponseHeadBytes: must be at least 256, was "
                        + maxUpstreamResponseHeadBytes);
            }
            if (drainTimeout.isNegative()) {
                throw new IllegalArgumentException("drainTimeout: must not be negative, was " + drainTimeout);
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight: must be at least 1, was " + maxInFlight);
            }
            if (tracer != null && tracePolicy.mode() == TracePolicy.Mode.OFF) {
                throw new IllegalArgumentException("tracer: needs trace context, which traceContext(TracePolicy.off())"
                        + " switches off; keep a trust, restart or ignore policy");
            }
            return TrustedProxies.of(trustedProxies);
        }

        private static int defaultMaxInFlight() {
            long byHeap = Runtime.getRuntime().maxMemory() / (64 * 1024);
            return (int) Math.max(64, Math.min(10_000, byHeap));
        }
    }
}
