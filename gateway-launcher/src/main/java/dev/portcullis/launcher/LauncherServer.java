package dev.portcullis.launcher;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.config.ConfigReloader;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamTls;
import dev.portcullis.ratelimit.BucketStore;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RedisBucketStore;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.container.JettyGatewayDrain;
import dev.portcullis.servlet.container.JettyProblemErrorHandler;
import dev.portcullis.servlet.container.JettySlowClientLimits;
import dev.portcullis.servlet.container.SlowClientLimits;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The launcher's server: embedded Jetty 12 with an ee10 {@link ServletContextHandler}, the {@link GatewayFilter}
 * (async supported, {@code REQUEST} and {@code ASYNC} dispatches) routing with the options' routes, and a
 * {@link NotFoundServlet} behind it. With {@code --rate-limit}, a {@link PolicyRateLimiter} follows routing in the
 * pipeline, so unrouted requests are limited too; its buckets live in a {@link LocalBucketStore}, or with
 * {@code --redis} in a {@link RedisBucketStore}, closed when the server stops. With {@code --config} the filter is
 * built from the file instead ({@link LauncherConfig}); the parts the file made (its client, stores) are closed with
 * the launcher's client. With {@code --admin-port} the gateway keeps metrics and a second, small server on
 * 127.0.0.1 serves the admin view and the Prometheus scrape ({@link LauncherAdmin}). The Jetty upstream client runs on
 * the server's thread pool (one pool, as in
 * Jetty's own proxy servlet: fewer threads competing for the cores, measured in the Performance section of README.md). Jetty adds no {@code Server} or {@code Date} header of its own, so the upstream's
 * pass through alone. Closing it (or SIGTERM, through Jetty's shutdown hook) stops Jetty gracefully
 * ({@link JettyGatewayDrain}): the connector stops accepting, the gateway drains (a routed request that still arrives
 * on an open connection gets 503 with {@code Connection: close}, the exchanges in flight finish) for at most
 * {@link LauncherOptions#drainTimeout()}, then Jetty closes the connections, which cuts what is left (the gateway
 * cannot: the client is the launcher's), destroys the filter, and the launcher closes the client it gave the filter,
 * while the thread pool still runs.
 *
 * <pre>{@code
 * try (LauncherServer server = LauncherServer.start(LauncherOptions.parse("--port", "0", "--route", "/=http://127.0.0.1:9001"))) {
 *     System.out.println(server.port());
 * }
 * }</pre>
 */
public final class LauncherServer implements AutoCloseable {
    /** Request threads idle this long retire, so the pool shrinks back to its minimum soon after a flood. */
    private static final int IDLE_THREAD_MILLIS = 10_000;
    /**
     * How many idle threads may retire per idle period: Jetty spaces retirements evenly over the period, so with
     * more than the pool's 200 threads a pool grown by a flood is back to its minimum one period after it went idle
     * (Jetty's default of 1 takes minutes, 64 still took 30 s after a 10,000-connection flood).
     */
    private static final int MAX_THREADS_RETIRED_AT_ONCE = 256;
    /**
     * The listen backlog: a burst of connections waits here instead of being dropped by the kernel (the JDK's
     * default backlog of 50 turned a 10,000-connection burst into SYN retries of up to a minute); the kernel caps
     * it at {@code net.core.somaxconn}.
     */
    private static final int ACCEPT_QUEUE = 4096;

    private final Server server;
    private final ServerConnector connector;
    private final GatewayFilter gateway;
    private final Optional<Server> admin;

    private LauncherServer(Server server, ServerConnector connector, GatewayFilter gateway, Optional<Server> admin) {
        this.server = server;
        this.connector = connector;
        this.gateway = gateway;
        this.admin = admin;
    }

    /**
     * @param options the parsed command line
     * @return the started server
     * @throws UsageException if a {@code --trusted-proxy} block is malformed, or an {@code --upstream-*} TLS file
     *     cannot be read or its password variable is unset
     * @throws Exception if Jetty does not start (the port is taken, ...)
     */
    public static LauncherServer start(LauncherOptions options) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("portcullis");
        threads.setIdleTimeout(IDLE_THREAD_MILLIS);
        threads.setMaxEvictCount(MAX_THREADS_RETIRED_AT_ONCE);
        Optional<GatewayConfig> config = options.config().isPresent()
                ? Optional.of(LauncherConfig.load(options.config().get(), threads)) : Optional.empty();
        Optional<BucketStore> store = options.rateLimit().map(policy -> store(options.redis()));
        UpstreamTls tls = options.upstreamTls().toUpstreamTls(System::getenv).orElseGet(UpstreamTls::defaults);
        UpstreamClient client = config.map(GatewayConfig::hasUpstreamClient).orElse(false) ? null
                : options.client().create(threads, tls);
        Optional<LauncherAdmin> admin = options.adminPort().map(port -> new LauncherAdmin());
        GatewayFilter gateway = config.isPresent() ? LauncherConfig.filter(config.get(), client, admin,
                options.drainTimeout())
                : filter(options, client, store, admin);
        Optional<ConfigReloader> reloader = config.map(loaded ->
                LauncherConfig.watch(loaded, threads, gateway, client, admin, options.drainTimeout()));
        Server server = new Server(threads);
        store.ifPresent(buckets -> server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(LifeCycle event) {
                close(buckets);
            }
        }));
        ServerConnector connector = connector(server, options.host(), options.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(LifeCycle event) {
                reloader.ifPresent(ConfigReloader::close);
                if (client != null) {
                    client.close();
                }
            }
        });
        FilterHolder holder = new FilterHolder(gateway);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        ServletHolder fallback = new ServletHolder(new NotFoundServlet());
        fallback.setAsyncSupported(true);
        context.addServlet(fallback, "/*");
        server.setHandler(context);
        JettyGatewayDrain.applyTo(server, gateway, options.drainTimeout());
        server.setErrorHandler(new JettyProblemErrorHandler());
        JettySlowClientLimits.applyTo(server, SlowClientLimits.defaults());
        server.setStopAtShutdown(true);
        try {
            server.start();
            return new LauncherServer(server, connector, gateway, admin.isEmpty() ? Optional.empty()
                    : Optional.of(startAdmin(admin.get(), gateway, options.adminPort().orElseThrow(), server)));
        } catch (Exception e) {
            server.stop();
            throw e;
        }
    }

    /** Starts the admin server, which stops once the main server has stopped (so {@code /ready} says DOWN meanwhile). */
    private static Server startAdmin(LauncherAdmin admin, GatewayFilter gateway, int port, Server main)
            throws Exception {
        Server adminServer = admin.start(gateway.gateway(), port, () -> !gateway.gateway().closing());
        main.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(LifeCycle event) {
                LifeCycle.stop(adminServer);
            }
        });
        return adminServer;
    }

    /**
     * The launcher's HTTP/1.1 connector, also used by the benchmark baseline so both run on equal terms: no
     * {@code Server} or {@code Date} header of Jetty's own.
     *
     * @param server the server it belongs to
     * @param host the address to bind
     * @param port the port, 0 for any
     * @return the connector, not yet added to the server
     */
    public static ServerConnector connector(Server server, String host, int port) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        return connector;
    }

    private static GatewayFilter filter(LauncherOptions options, UpstreamClient client, Optional<BucketStore> store,
                                        Optional<LauncherAdmin> admin) throws UsageException {
        Pipeline.Builder pipeline = Pipeline.builder().add(Routing.interceptor(RouteTable.of(options.routes())));
        store.ifPresent(buckets -> pipeline.add(RateLimiting.interceptor(PolicyRateLimiter.builder(buckets)
                .defaultPolicy(options.rateLimit().orElseThrow()).build())));
        try {
            GatewayFilter.Builder filter = GatewayFilter.builder().pipeline(pipeline.build()).upstreamClient(client)
                    .drainTimeout(options.drainTimeout())
                    .trustedProxies(options.trustedProxies().toArray(String[]::new));
            admin.ifPresent(metrics -> filter.listener(metrics.metrics()));
            return filter.build();
        } catch (IllegalArgumentException e) {
            client.close();
            store.ifPresent(LauncherServer::close);
            throw new UsageException("--trusted-proxy", e.getMessage());
        }
    }

    private static BucketStore store(Optional<String> redis) {
        return redis.<BucketStore>map(uri -> RedisBucketStore.builder(uri).build())
                .orElseGet(() -> LocalBucketStore.builder().build());
    }

    private static void close(BucketStore store) {
        if (store instanceof RedisBucketStore redis) {
            redis.close();
        }
    }

    /** @return the port the server listens on (the real one when the options asked for 0) */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return the admin port on 127.0.0.1 (the real one when the options asked for 0), if there is one */
    public Optional<Integer> adminPort() {
        return admin.map(adminServer -> ((ServerConnector) adminServer.getConnectors()[0]).getLocalPort());
    }

    /** @return the gateway's stages in order, as it logs them at startup */
    public String describe() {
        return gateway.gateway().describe();
    }

    /** Blocks until the server stops. @throws InterruptedException if interrupted while waiting */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
