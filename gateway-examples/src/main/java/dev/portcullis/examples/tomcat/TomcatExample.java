package dev.portcullis.examples.tomcat;

import dev.portcullis.examples.demo.DemoMonitoring;
import dev.portcullis.examples.demo.HelloServlet;
import dev.portcullis.examples.demo.Launch;
import dev.portcullis.examples.demo.RunningApp;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.container.SlowClientLimits;
import dev.portcullis.servlet.container.TomcatProblemErrorValve;
import dev.portcullis.servlet.container.TomcatSlowClientLimits;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

/**
 * Portcullis in front of a servlet application on embedded Tomcat 11, with a demo upstream in the same process.
 * {@code /hello} is the application's servlet; {@code /api/**} is proxied to the upstream (see
 * {@link dev.portcullis.examples.demo.DemoGateway}); the admin view with the Prometheus scrape is on {@code /admin},
 * in a context of its own ({@link DemoMonitoring}).
 *
 * <p>The part to copy is the {@code ServletContainerInitializer} that calls
 * {@link GatewayFilter#register(jakarta.servlet.ServletContext)} while the context starts: it adds the filter on
 * {@code /*} with async support for {@code REQUEST} and {@code ASYNC} dispatches, ahead of other filters. Two
 * Tomcat rules matter: the servlets must be async supported too, and a default servlet must be mapped to {@code /},
 * because Tomcat answers 404 without running any filter when no servlet matches the path.
 *
 * <pre>{@code
 * try (RunningApp app = TomcatExample.start(0)) {         // 0: any free port on 127.0.0.1
 *     URI hello = app.uri("/hello");
 * }
 * }</pre>
 *
 * Run it with {@code java ... dev.portcullis.examples.tomcat.TomcatExample [port]} (default 8080).
 */
public final class TomcatExample {
    private TomcatExample() {
    }

    /**
     * @param args an optional port, default 8080
     * @throws Exception if the app does not start
     */
    public static void main(String[] args) throws Exception {
        Launch.serve(args, "embedded Tomcat 11", TomcatExample::start);
    }

    /**
     * Starts the demo upstream, then Tomcat on {@code 127.0.0.1:port} with the gateway in front of the app.
     *
     * @param port the port, 0 for any free one
     * @return the running app; closing it stops Tomcat (which destroys the filter), then the upstream
     * @throws Exception if either fails to start
     */
    public static RunningApp start(int port) throws Exception {
        return RunningApp.withDemoUpstream(upstream -> {
            File base = Files.createTempDirectory("portcullis-tomcat").toFile();
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(base.getAbsolutePath());
            Connector connector = new Connector();
            connector.setPort(port);
            connector.setProperty("address", "127.0.0.1");
            TomcatSlowClientLimits.applyTo(connector, SlowClientLimits.defaults());
            tomcat.setConnector(connector);
            ((StandardHost) tomcat.getHost()).setErrorReportValveClass(TomcatProblemErrorValve.class.getName());
            Context context = tomcat.addContext("", base.getAbsolutePath());
            Tomcat.addServlet(context, "hello", new HelloServlet()).setAsyncSupported(true);
            context.addServletMappingDecoded("/hello", "hello");
            // Tomcat runs filters only for a request that maps to some servlet: without a default servlet on "/",
            // /api/** would be a 404 before the gateway saw it.
            Tomcat.addServlet(context, "default", new DefaultServlet()).setAsyncSupported(true);
            context.addServletMappingDecoded("/", "default");
            DemoMonitoring monitoring = DemoMonitoring.of(upstream);
            GatewayFilter gateway = monitoring.filter();
            context.addServletContainerInitializer((classes, servletContext) -> gateway.register(servletContext), null);
            // the admin view in a context of its own: the gateway filter never runs in front of it
            Context admin = tomcat.addContext(DemoMonitoring.ADMIN_PATH, base.getAbsolutePath());
            Tomcat.addServlet(admin, "admin", monitoring.admin());
            admin.addServletMappingDecoded("/*", "admin");
            try {
                tomcat.start();
            } catch (LifecycleException | RuntimeException e) {
                stop(tomcat, base.toPath());
                throw e;
            }
            return new RunningApp(connector.getLocalPort(), () -> stop(tomcat, base.toPath()));
        });
    }

    private static void stop(Tomcat tomcat, Path baseDir) throws LifecycleException, IOException {
        tomcat.stop();
        tomcat.destroy();
        try (Stream<Path> files = Files.walk(baseDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
