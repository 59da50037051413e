package dev.portcullis.test.internal;

import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.container.SlowClientLimits;
import dev.portcullis.servlet.container.TomcatProblemErrorValve;
import dev.portcullis.servlet.container.TomcatSlowClientLimits;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;

/**
 * Starts embedded Tomcat 11 as the README advises for production: the NIO connector on {@code 127.0.0.1} and a free
 * port, {@code continueResponseTiming=onRead} (no {@code 100 Continue} before the gateway decides), bounded by
 * {@link TomcatSlowClientLimits}; container refusals answered by {@link TomcatProblemErrorValve}; the filter
 * registered with {@link GatewayFilter#register} from a container initializer, in front of the application servlet
 * mapped to {@code /*} (Tomcat runs filters only for a request some servlet maps). The base directory is a temporary
 * one, deleted on stop. Loaded only when Tomcat is chosen, since it names Tomcat types.
 *
 * <pre>{@code
 * Started started = TomcatLauncher.start(filter, application, SlowClientLimits.defaults());
 * }</pre>
 */
public final class TomcatLauncher {
    private TomcatLauncher() {
    }

    /**
     * @param filter the gateway
     * @param application the servlet behind it, on {@code /*}
     * @param limits the slow-client limits of the connector
     * @return the started server
     * @throws Exception if Tomcat does not start
     */
    public static Started start(GatewayFilter filter, HttpServlet application, SlowClientLimits limits)
            throws Exception {
        TomcatURLStreamHandlerFactory.disable();     // no JVM-wide URL handler: there is no WAR to read
        Path base = Files.createTempDirectory("portcullis-test-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("continueResponseTiming", "onRead");
        TomcatSlowClientLimits.applyTo(connector, limits);
        tomcat.setConnector(connector);
        ((StandardHost) tomcat.getHost()).setErrorReportValveClass(TomcatProblemErrorValve.class.getName());
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "application", application).setAsyncSupported(true);
        context.addServletMapping("/*", "application");
        context.addServletContainerInitializer((classes, servletContext) -> filter.register(servletContext), null);
        Started.Stopper stop = () -> stop(tomcat, base);
        try {
            tomcat.start();
        } catch (Exception e) {
            stop.stop();
            throw e;
        }
        return new Started(connector.getLocalPort(), stop);
    }

    private static void stop(Tomcat tomcat, Path base) throws LifecycleException, IOException {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            try (Stream<Path> files = Files.walk(base)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
