package dev.portcullis.examples.jetty;

import dev.portcullis.examples.demo.DemoGateway;
import dev.portcullis.examples.demo.DemoMonitoring;
import dev.portcullis.examples.demo.HelloServlet;
import dev.portcullis.examples.demo.Launch;
import dev.portcullis.examples.demo.RunningApp;
import dev.portcullis.servlet.container.JettyProblemErrorHandler;
import dev.portcullis.servlet.container.JettySlowClientLimits;
import dev.portcullis.servlet.container.SlowClientLimits;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * Portcullis in front of a servlet application on embedded Jetty 12 (ee10), with a demo upstream in the same
 * process. {@code /hello} is the application's servlet; {@code /api/**} is proxied to the upstream (see
 * {@link DemoGateway} for the whole pipeline). The admin view with the Prometheus scrape is mounted in a context of its
 * own on {@code /admin} ({@link DemoMonitoring}), so the gateway filter never runs in front of it.
 *
 * <p>The part to copy is {@link #mount}: the filter goes in a {@link FilterHolder} with async support, mapped to
 * {@code /*} for {@code REQUEST} and {@code ASYNC} dispatches, so waiting on an upstream never holds a Jetty thread.
 * The application's servlets are async supported too: when a stage answers later (a remote rate-limit store, a
 * JWKS fetch), the gateway resumes the request on an {@code ASYNC} dispatch, which the container allows only if
 * every filter and the servlet on the way support it.
 *
 * <pre>{@code
 * try (RunningApp app = JettyExample.start(0)) {          // 0: any free port on 127.0.0.1
 *     URI hello = app.uri("/hello");
 * }
 * }</pre>
 *
 * Run it with {@code java ... dev.portcullis.examples.jetty.JettyExample [port]} (default 8080).
 */
public final class JettyExample {
    private JettyExample() {
    }

    /**
     * @param args an optional port, default 8080
     * @throws Exception if the app does not start
     */
    public static void main(String[] args) throws Exception {
        Launch.serve(args, "embedded Jetty 12", JettyExample::start);
    }

    /**
     * Starts the demo upstream, then Jetty on {@code 127.0.0.1:port} with the gateway in front of the app.
     *
     * @param port the port, 0 for any free one
     * @return the running app; closing it stops Jetty, then the upstream
     * @throws Exception if either fails to start
     */
    public static RunningApp start(int port) throws Exception {
        return RunningApp.withDemoUpstream(upstream -> {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(port);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            ServletHolder hello = new ServletHolder(new HelloServlet());
            hello.setAsyncSupported(true);
            context.addServlet(hello, "/hello");
            DemoMonitoring monitoring = DemoMonitoring.of(upstream);
            mount(context, monitoring.filter());
            ServletContextHandler admin = new ServletContextHandler();    // its own context: no gateway filter
            admin.setContextPath(DemoMonitoring.ADMIN_PATH);
            admin.addServlet(new ServletHolder(monitoring.admin()), "/*");
            server.setHandler(new ContextHandlerCollection(context, admin));
            server.setErrorHandler(new JettyProblemErrorHandler());
            JettySlowClientLimits.applyTo(server, SlowClientLimits.defaults());
            try {
                server.start();
            } catch (Exception | Error e) {
                server.stop();
                throw e;
            }
            return new RunningApp(connector.getLocalPort(), server::stop);
        });
    }

    /**
     * Mounts a gateway filter the way it must be mounted in Jetty: async supported, {@code /*}, {@code REQUEST}
     * and {@code ASYNC} dispatches.
     *
     * @param context the servlet context handler
     * @param gateway the filter, usually a {@code GatewayFilter}
     */
    public static void mount(ServletContextHandler context, Filter gateway) {
        FilterHolder holder = new FilterHolder(gateway);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    }
}
