package dev.portcullis.launcher;

import dev.portcullis.core.Gateway;
import dev.portcullis.micrometer.GatewayMetrics;
import dev.portcullis.servlet.admin.AdminServlet;
import dev.portcullis.servlet.container.JettyProblemErrorHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The launcher's {@code --admin-port}: the gateway's metrics in a Prometheus registry, and a second, small Jetty
 * server on {@code 127.0.0.1} serving the {@link AdminServlet} to loopback callers only, with the scrape as its
 * {@code /metrics}. It has its own port and threads, so no gateway stage, drain or flood on the main port ever stands
 * in front of it; {@code /ready} answers 503 once the main server drains.
 *
 * <pre>{@code
 * LauncherAdmin admin = new LauncherAdmin();
 * GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline).listener(admin.metrics()).build();
 * Server adminServer = admin.start(filter.gateway(), 9901, () -> true);
 * }</pre>
 */
final class LauncherAdmin {
    private static final int THREADS = 8;
    /** The media type of Prometheus' text exposition format, version 0.0.4. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GatewayMetrics metrics = GatewayMetrics.builder(registry).build();

    /** @return the listener to give the gateway */
    GatewayMetrics metrics() {
        return metrics;
    }

    /**
     * @param gateway the built gateway, whose rate limits and client pool are bound now
     * @param port the admin port on 127.0.0.1, 0 for any
     * @param ready whether the gateway takes traffic
     * @return the started admin server; stop it after the main server
     * @throws Exception if it does not start (the port is taken, ...)
     */
    Server start(Gateway gateway, int port, BooleanSupplier ready) throws Exception {
        metrics.bindTo(gateway);
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 2);
        threads.setName("portcullis-admin");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(AdminServlet.builder(gateway)
                .allowFrom("127.0.0.0/8", "::1/128")
                .readiness(ready)
                .endpoint("metrics", PROMETHEUS_TEXT, registry::scrape)
                .build()), "/*");
        server.setHandler(context);
        server.setErrorHandler(new JettyProblemErrorHandler());
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return server;
    }
}
