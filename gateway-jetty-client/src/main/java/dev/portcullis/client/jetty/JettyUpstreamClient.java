package dev.portcullis.client.jetty;

import dev.portcullis.core.client.ConnectionPoolFigures;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.client.UpstreamTls;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.RedirectProtocolHandler;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * An {@link UpstreamClient} on Eclipse Jetty 12's {@link HttpClient}, honouring the whole contract: HTTP/1.1,
 * redirects never followed, no cookie store ({@link HttpCookieStore.Empty}), no content decoders (the upstream's
 * {@code gzip} bytes pass through untouched and no {@code Accept-Encoding} is added), no authentication or redirect
 * protocol handlers, no {@code User-Agent} or {@code Content-Type} of its own. A {@code Host} header in the request
 * is sent as given (no system property needed, unlike the JDK client).
 *
 * <p><b>Timeouts.</b> Jetty's {@code Request.timeout} is a total deadline, which would cut long downloads, so it is
 * not used. Instead:
 * <ul>
 *   <li><em>connect</em>: Jetty's connect timeout is a client setting, so one {@link HttpClient} is kept per distinct
 *       {@link UpstreamRequest#connectTimeout()} (routes rarely have more than a few); all of them share one thread
 *       pool (its own, or the server's given to {@link Builder#executor(Executor)}), scheduler and buffer pool. Each
 *       is started on a short-lived thread of its own the first time its timeout is used, and the requests arriving
 *       meanwhile are sent once it has started: no request thread ever waits for a client to start;</li>
 *   <li><em>response headers</em>: a timer armed when the request is committed aborts the exchange with a
 *       {@link java.net.http.HttpTimeoutException} unless the headers arrived first;</li>
 *   <li><em>idle</em>: {@link UpstreamRequest#idleTimeout()} (the route's) bounds the silence between two reads or
 *       writes during an exchange, {@link Builder#idleTimeout(Duration)} that of a pooled connection between
 *       exchanges (default 60 s); there is no deadline on the body as a whole.</li>
 * </ul>
 * Timeouts fail the exchange with {@link java.net.http.HttpTimeoutException}; every other failure with an
 * {@link java.io.IOException} whose cause is Jetty's (or the request body's) failure.
 *
 * <p><b>TLS.</b> {@code https} upstreams are verified as the {@link UpstreamTls} given to
 * {@link Builder#tls(UpstreamTls)} says, with the same {@link javax.net.ssl.SSLContext} the JDK client would use:
 * by default the JDK's trusted CAs, host name verification on (Jetty's endpoint identification {@code HTTPS}) and
 * SNI sent with the upstream's host name. An upstream that closes the connection while an exchange waits on it (for
 * instance right after a TLS handshake that refused the client) fails that exchange at once with an
 * {@link java.io.IOException} (the gateway's 502), never only at the response timeout.
 *
 * <p>Bodies stream both ways with back-pressure: the request body is pulled from its publisher one buffer per Jetty
 * demand; the response body reads from the connection only what its subscriber requested. Cancelling the future or
 * the response body subscription aborts the request, which closes its connection.
 *
 * <pre>{@code
 * UpstreamClient client = JettyUpstreamClient.builder().maxConnectionsPerDestination(256)
 *     .tls(UpstreamTls.builder().trustStore(Path.of("upstream-ca.pem"), null).build())
 *     .build();
 * GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline).upstreamClient(client).build();
 * }</pre>
 */
public final class JettyUpstreamClient implements UpstreamClient {
    private final Map<Duration, CompletableFuture<HttpClient>> clients = new ConcurrentHashMap<>();
    private final Executor threads;
    private final boolean ownsThreads;
    private final Scheduler scheduler;
    private final ByteBufferPool buffers;
    private final Duration idleTimeout;
    private final int maxConnectionsPerDestination;
    private final int maxRequestsQueuedPerDestination;
    private final UpstreamTls tls;
    private volatile boolean closed;

    private JettyUpstreamClient(Builder builder) {
        this.idleTimeout = builder.idleTimeout;
        this.maxConnectionsPerDestination = builder.maxConnectionsPerDestination;
        this.maxRequestsQueuedPerDestination = builder.maxRequestsQueuedPerDestination;
        this.tls = builder.tls == null ? UpstreamTls.defaults() : builder.tls;
        this.ownsThreads = builder.executor == null;
        this.threads = ownsThreads ? ownPool(builder.maxThreads) : builder.executor;
        this.scheduler = new ScheduledExecutorScheduler("portcullis-jetty-upstream-scheduler", true);
        this.buffers = new ArrayByteBufferPool();
        if (ownsThreads) {
            start(threads);
        }
        start(scheduler);
    }

    /** @return a client with the default settings; close it when done (the filter closes only one it created) */
    public static JettyUpstreamClient create() {
        return builder().build();
    }

    /** @return a builder for a client with other settings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the pool settings and the TLS settings (never a password) */
    @Override
    public String toString() {
        return "JettyUpstreamClient[" + maxConnectionsPerDestination + " connections and "
                + maxRequestsQueuedPerDestination + " queued per destination, idle " + idleTimeout + ", "
                + (ownsThreads ? "own threads" : "shared threads") + ", tls " + tls + "]";
    }

    @Override
    public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("this JettyUpstreamClient is closed"));
        }
        CompletableFuture<HttpClient> client = clients.computeIfAbsent(request.connectTimeout(), this::startClient);
        HttpClient started = client.getNow(null);
        if (started != null) {
            return new JettyExchange(started, request).start();
        }
        CompletableFuture<UpstreamResponse> response = new CompletableFuture<>();
        client.whenComplete((ready, failure) -> {
            if (failure != null) {
                response.completeExceptionally(failure);
            } else if (!response.isDone()) {
                CompletableFuture<UpstreamResponse> exchange = new JettyExchange(ready, request).start();
                response.whenComplete((r, f) -> exchange.cancel(true));
                exchange.whenComplete((r, f) -> complete(response, r, f));
            }
        });
        return response;
    }

    /**
     * Sums the figures of every destination pool for the instance's scheme, host and port (one per distinct connect
     * timeout in use): Jetty's active, idle and pending connections, the limit, and the requests queued for a
     * connection.
     */
    @Override
    public Optional<ConnectionPoolFigures> connectionPool(URI instance) {
        Objects.requireNonNull(instance, "instance");
        ConnectionPoolFigures sum = null;
        for (CompletableFuture<HttpClient> client : clients.values()) {
            HttpClient started = client.getNow(null);
            if (started != null) {
                ConnectionPoolFigures figures = PoolFigures.of(started, instance);
                sum = sum == null ? figures : sum.plus(figures);
            }
        }
        return Optional.of(sum != null ? sum : ConnectionPoolFigures.empty(maxConnectionsPerDestination));
    }

    @Override
    public void close() {
        closed = true;
        clients.values().forEach(client -> client.thenAccept(started -> LifeCycle.stop(started)));
        clients.clear();
        LifeCycle.stop(scheduler);
        if (ownsThreads) {
            LifeCycle.stop(threads);
        }
    }

    private static void complete(CompletableFuture<UpstreamResponse> response, UpstreamResponse value,
            Throwable failure) {
        if (failure != null) {
            response.completeExceptionally(failure);
        } else {
            response.complete(value);
        }
    }

    private static QueuedThreadPool ownPool(int maxThreads) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads);
        pool.setName("portcullis-jetty-upstream");
        pool.setDaemon(true);
        return pool;
    }

    /**
     * Starts the client for one connect timeout on a thread of its own, never on the caller's: starting an
     * {@link HttpClient} waits for a thread of the (possibly shared) pool to run its selector, and the caller is a
     * request thread of that pool holding the map's bin lock, so starting inline deadlocks a burst of first requests
     * once every pool thread is such a caller. Here the caller only records the future and returns.
     */
    private CompletableFuture<HttpClient> startClient(Duration connectTimeout) {
        CompletableFuture<HttpClient> started = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                started.complete(newClient(connectTimeout));
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
        }, "portcullis-jetty-upstream-start");
        starter.setDaemon(true);
        starter.start();
        return started;
    }

    /** Builds and starts the client for one connect timeout; package-private so tests can inspect its wiring. */
    HttpClient newClient(Duration connectTimeout) {
        HttpClient client = new HttpClient();
        client.setExecutor(threads);
        client.addBean(threads, false);
        client.setScheduler(scheduler);
        client.setByteBufferPool(buffers);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setIdleTimeout(idleTimeout.toMillis());
        client.setMaxConnectionsPerDestination(maxConnectionsPerDestination);
        client.setMaxRequestsQueuedPerDestination(maxRequestsQueuedPerDestination);
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.setDefaultRequestContentType(null);
        client.setUseInputDirectByteBuffers(false);
        client.setSslContextFactory(sslContextFactory(tls));
        client.addBean(new ClosedConnections());
        start(client);
        client.getContentDecoderFactories().clear();
        client.getProtocolHandlers().remove(RedirectProtocolHandler.NAME);
        client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
        return client;
    }

    /** One per {@link HttpClient}, since each client stops its own; they share the one {@code SSLContext}. */
    private static SslContextFactory.Client sslContextFactory(UpstreamTls tls) {
        SslContextFactory.Client factory = new SslContextFactory.Client();
        factory.setSslContext(tls.sslContext());
        factory.setEndpointIdentificationAlgorithm(tls.hostnameVerification() ? "HTTPS" : null);
        factory.setSNIProvider(new SniHostNames());
        return factory;
    }

    private static void start(Object component) {
        try {
            LifeCycle.start(component);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the Jetty upstream client: " + e.getMessage(), e);
        }
    }

    /** Collects the client's settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private Duration idleTimeout = Duration.ofSeconds(60);
        private int maxConnectionsPerDestination = 256;
        private int maxRequestsQueuedPerDestination = 1024;
        private int maxThreads = 200;
        private Executor executor;
        private UpstreamTls tls;

        private Builder() {
        }

        /**
         * @param tls how to verify {@code https} upstreams and which client certificate to present; default
         *     {@link UpstreamTls#defaults()}
         * @return this builder
         */
        public Builder tls(UpstreamTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * @param timeout how long a pooled upstream connection may stay idle between exchanges, default 60 s (during
         *     an exchange the request's own idle timeout applies)
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "idleTimeout");
            return this;
        }

        /** @param max pooled connections per upstream instance, default 256 @return this builder */
        public Builder maxConnectionsPerDestination(int max) {
            this.maxConnectionsPerDestination = max;
            return this;
        }

        /**
         * @param max requests that may wait for a pooled connection to one upstream instance, default 1024; a request
         *     beyond it fails with {@link dev.portcullis.core.client.UpstreamCapacityExceededException}, which the
         *     gateway answers {@code 503} overloaded with {@code Retry-After}, never 502
         * @return this builder
         */
        public Builder maxRequestsQueuedPerDestination(int max) {
            this.maxRequestsQueuedPerDestination = max;
            return this;
        }

        /** @param max the client's thread pool size, default 200 @return this builder */
        public Builder maxThreads(int max) {
            this.maxThreads = max;
            return this;
        }

        /**
         * Runs the client's I/O and callbacks on an executor the caller owns instead of a pool of its own, typically
         * the embedding Jetty server's thread pool: the upstream response is then read and written to the client on
         * the same pool, with no second set of threads competing for the cores (Jetty's own proxy servlet does the
         * same). The executor must be started before the first request and is not stopped by {@link #close()};
         * {@link #maxThreads(int)} is then ignored.
         *
         * <pre>{@code
         * QueuedThreadPool pool = new QueuedThreadPool();
         * Server server = new Server(pool);
         * UpstreamClient client = JettyUpstreamClient.builder().executor(pool).build();
         * }</pre>
         *
         * @param executor the executor to share
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * @return the client, started
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public JettyUpstreamClient build() {
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout: must be more than 0, was " + idleTimeout);
            }
            if (maxConnectionsPerDestination < 1) {
                throw new IllegalArgumentException("maxConnectionsPerDestination: must be at least 1, was "
                        + maxConnectionsPerDestination);
            }
            if (maxRequestsQueuedPerDestination < 1) {
                throw new IllegalArgumentException("maxRequestsQueuedPerDestination: must be at least 1, was "
                        + maxRequestsQueuedPerDestination);
            }
            if (maxThreads < 8) {
                throw new IllegalArgumentException("maxThreads: must be at least 8, was " + maxThreads);
            }
            return new JettyUpstreamClient(this);
        }
    }
}
