package dev.portcullis.servlet.it;

import dev.portcullis.servlet.GatewayFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import dev.portcullis.servlet.container.JettyGatewayDrain;
import dev.portcullis.servlet.container.JettyProblemErrorHandler;
import dev.portcullis.servlet.container.JettySlowClientLimits;
import dev.portcullis.servlet.container.SlowClientLimits;
import dev.portcullis.servlet.container.TomcatSlowClientLimits;
import dev.portcullis.servlet.container.TomcatProblemErrorValve;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The servlet containers every integration test runs in: embedded Jetty 12 (ee10) and Tomcat 11, each on
 * {@code 127.0.0.1} and an ephemeral port, with a filter in front of an application servlet of the test's own. The
 * filter is registered the way {@code GatewayFilter} needs it: async supported, {@code REQUEST} and {@code ASYNC}
 * dispatches, on {@code /*} (in Tomcat through {@link GatewayFilter#register(jakarta.servlet.ServletContext)}, from a
 * container initializer); the servlet is async supported and mapped to {@code /*}.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
 * void unroutedRequestReachesTheApplication(ServletContainer container) throws Exception {
 *     try (RunningServer server = container.start(filter, new AppServlet())) {
 *         HttpResponse<String> response = Http.get(server.uri("/hello"));
 *         assertEquals(200, response.statusCode());
 *     }
 * }
 * }</pre>
 */
public enum ServletContainer {
    /** Eclipse Jetty 12, ee10 {@link ServletContextHandler}. */
    JETTY {
        @Override
        RunningServer launch(Filter filter, HttpServlet app, Optional<SlowClientLimits> limits,
                             Optional<Duration> gracefulStop) throws Exception {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            FilterHolder filterHolder = new FilterHolder(filter);
            filterHolder.setAsyncSupported(true);
            context.addFilter(filterHolder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            ServletHolder servletHolder = new ServletHolder(app);
            servletHolder.setAsyncSupported(true);
            context.addServlet(servletHolder, "/*");
            server.setHandler(context);
            gracefulStop.ifPresent(timeout -> JettyGatewayDrain.applyTo(server, (GatewayFilter) filter, timeout));
            server.setErrorHandler(new JettyProblemErrorHandler());
            limits.ifPresent(slow -> JettySlowClientLimits.applyTo(server, slow));
            server.start();
            return new RunningServer(this, connector.getLocalPort(), server::stop);
        }
    },
    /** Apache Tomcat 11, embedded. */
    TOMCAT {
        @Override
        RunningServer launch(Filter filter, HttpServlet app, Optional<SlowClientLimits> limits,
                             Optional<Duration> gracefulStop) throws Exception {
            File base = Files.createTempDirectory("portcullis-tomcat").toFile();
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(base.getAbsolutePath());
            Connector connector = new Connector();
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            connector.setAllowTrace(true); // let TRACE reach the filter, which decides
            limits.ifPresent(slow -> TomcatSlowClientLimits.applyTo(connector, slow));
            tomcat.setConnector(connector);
            ((StandardHost) tomcat.getHost()).setErrorReportValveClass(TomcatProblemErrorValve.class.getName());
            Context context = tomcat.addContext("", base.getAbsolutePath());
            Wrapper wrapper = Tomcat.addServlet(context, "app", app);
            wrapper.setAsyncSupported(true);
            context.addServletMappingDecoded("/*", "app");
            if (filter instanceof GatewayFilter gateway) {
                context.addServletContainerInitializer((classes, servletContext) -> gateway.register(servletContext),
                        null);
            } else {
                org.apache.tomcat.util.descriptor.web.FilterDef def = new org.apache.tomcat.util.descriptor.web.FilterDef();
                def.setFilterName("filter");
                def.setFilter(filter);
                def.setAsyncSupported("true");
                context.addFilterDef(def);
                org.apache.tomcat.util.descriptor.web.FilterMap map = new org.apache.tomcat.util.descriptor.web.FilterMap();
                map.setFilterName("filter");
                map.addURLPattern("/*");
                map.setDispatcher(DispatcherType.REQUEST.name());
                map.setDispatcher(DispatcherType.ASYNC.name());
                context.addFilterMap(map);
            }
            tomcat.start();
            return new RunningServer(this, connector.getLocalPort(), () -> {
                tomcat.stop();
                tomcat.destroy();
            });
        }
    };

    /** Keeps Tomcat's java.util.logging quiet; held strongly so the setting sticks. */
    private static final java.util.logging.Logger TOMCAT_LOG = quiet("org.apache");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /**
     * Starts the container.
     *
     * @param filter the filter in front of the application, usually a {@code GatewayFilter}
     * @param app the application servlet, mapped to {@code /*}
     * @return the running server; close it at the end of the test
     * @throws Exception if the container does not start
     */
    public RunningServer start(Filter filter, HttpServlet app) throws Exception {
        return launch(filter, app, Optional.empty(), Optional.empty());
    }

    /**
     * Starts the container so that stopping it lets the exchanges in flight finish: Jetty with
     * {@link JettyGatewayDrain} (without it Jetty closes its connections before it destroys the filter); Tomcat as
     * {@link #start(Filter, HttpServlet)}, since it only pauses its connector while it destroys the filter.
     *
     * @param filter the gateway filter in front of the application
     * @param app the application servlet, mapped to {@code /*}
     * @param stopTimeout the filter's drain timeout, which Jetty's stop waits for
     * @return the running server; close it at the end of the test
     * @throws Exception if the container does not start
     */
    public RunningServer startGraceful(GatewayFilter filter, HttpServlet app, Duration stopTimeout) throws Exception {
        return launch(filter, app, Optional.empty(), Optional.of(stopTimeout));
    }

    /**
     * Starts the container with its connector bounded by {@link JettySlowClientLimits} or
     * {@link TomcatSlowClientLimits}.
     *
     * @param filter the filter in front of the application
     * @param app the application servlet, mapped to {@code /*}
     * @param limits the slow-client limits to apply to the connector
     * @return the running server; close it at the end of the test
     * @throws Exception if the container does not start
     */
    public RunningServer start(Filter filter, HttpServlet app, SlowClientLimits limits) throws Exception {
        return launch(filter, app, Optional.of(limits), Optional.empty());
    }

    abstract RunningServer launch(Filter filter, HttpServlet app, Optional<SlowClientLimits> limits,
                                  Optional<Duration> gracefulStop) throws Exception;

    /** @return every container, for {@code @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")} */
    public static java.util.stream.Stream<ServletContainer> all() {
        return java.util.stream.Stream.of(values());
    }
}
