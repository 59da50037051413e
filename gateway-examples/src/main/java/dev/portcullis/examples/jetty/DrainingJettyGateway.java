package dev.portcullis.examples.jetty;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.launcher.LauncherServer;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.container.JettyGatewayDrain;
import dev.portcullis.servlet.container.JettyProblemErrorHandler;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;

/**
 * A gateway in embedded Jetty 12 whose stop (and SIGTERM) drains: the connector stops accepting, a routed request on
 * an open connection gets 503 with {@code Connection: close} and {@code Retry-After}, the exchanges in flight finish
 * for at most the drain timeout, then the connections close and the upstream client with them.
 *
 * <pre>{@code
 * Server server = DrainingJettyGateway.start(routes, 8080);
 * server.join();   // SIGTERM: drained within 30 s, then the JVM exits
 * }</pre>
 */
public final class DrainingJettyGateway {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private DrainingJettyGateway() {
    }

    /**
     * @param routes the gateway's routes
     * @param port the port on 127.0.0.1, 0 for any
     * @return the started server; {@code stop()} drains
     * @throws Exception if Jetty does not start
     */
    public static Server start(RouteTable routes, int port) throws Exception {
        GatewayFilter gateway = GatewayFilter.builder()
                .pipeline(Pipeline.builder().add(Routing.interceptor(routes)).build())
                .drainTimeout(DRAIN_TIMEOUT)                        // the default; Duration.ZERO cuts at once
                .build();
        Server server = new Server();
        server.addConnector(LauncherServer.connector(server, "127.0.0.1", port));
        ServletContextHandler context = new ServletContextHandler();
        JettyExample.mount(context, gateway);
        server.setHandler(context);
        server.setErrorHandler(new JettyProblemErrorHandler());
        JettyGatewayDrain.applyTo(server, gateway, DRAIN_TIMEOUT);  // drain before Jetty closes the connections
        server.setStopAtShutdown(true);                             // SIGTERM stops the server, which drains
        server.start();
        return server;
    }
}
