package dev.portcullis.test.internal;

import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.container.JettyProblemErrorHandler;
import dev.portcullis.servlet.container.JettySlowClientLimits;
import dev.portcullis.servlet.container.SlowClientLimits;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts embedded Jetty 12 (ee10) the way the standalone launcher does: one HTTP/1.1 connector on {@code 127.0.0.1}
 * and a free port, without a {@code Server} or {@code Date} header of Jetty's own; the filter async supported on
 * {@code /*} for {@code REQUEST} and {@code ASYNC} dispatches in front of the application servlet; container
 * refusals answered by {@link JettyProblemErrorHandler}; the connector bounded by {@link JettySlowClientLimits}.
 * Loaded only when Jetty is chosen, since it names Jetty types.
 *
 * <pre>{@code
 * Started started = JettyLauncher.start(filter, application, SlowClientLimits.defaults());
 * }</pre>
 */
public final class JettyLauncher {
    private JettyLauncher() {
    }

    /**
     * @param filter the gateway
     * @param application the servlet behind it, on {@code /*}
     * @param limits the slow-client limits of the connector
     * @return the started server
     * @throws Exception if Jetty does not start
     */
    public static Started start(GatewayFilter filter, HttpServlet application, SlowClientLimits limits)
            throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder gateway = new FilterHolder(filter);
        gateway.setAsyncSupported(true);
        context.addFilter(gateway, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        ServletHolder app = new ServletHolder(application);
        app.setAsyncSupported(true);
        context.addServlet(app, "/*");
        server.setHandler(context);
        server.setErrorHandler(new JettyProblemErrorHandler());
        JettySlowClientLimits.applyTo(server, limits);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new Started(connector.getLocalPort(), server::stop);
    }
}
