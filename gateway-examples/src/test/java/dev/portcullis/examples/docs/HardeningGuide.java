package dev.portcullis.examples.docs;

import dev.portcullis.servlet.container.JettyProblemErrorHandler;
import dev.portcullis.servlet.container.JettySlowClientLimits;
import dev.portcullis.servlet.container.SlowClientLimits;
import dev.portcullis.servlet.container.TomcatProblemErrorValve;
import dev.portcullis.servlet.container.TomcatSlowClientLimits;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;

/** The fragments of docs/hardening.md, compiled; the examples, the launcher and the test kit run the same calls. */
final class HardeningGuide {
    private HardeningGuide() {
    }

    static void errorPages(Server server, Tomcat tomcat) {
        // tag::error-pages[]
        // Jetty 12
        server.setErrorHandler(new JettyProblemErrorHandler());
        // Tomcat 11, before tomcat.start()
        ((StandardHost) tomcat.getHost()).setErrorReportValveClass(TomcatProblemErrorValve.class.getName());
        // end::error-pages[]
    }

    static void slowClients(Server server, Connector connector) {
        // tag::slow-clients[]
        SlowClientLimits limits = SlowClientLimits.defaults();          // or .withRequestHeadTimeout(Duration.ofSeconds(5)) ...
        // Jetty 12: after adding the connectors, before server.start()
        JettySlowClientLimits.applyTo(server, limits);
        // Tomcat 11: before tomcat.start()
        TomcatSlowClientLimits.applyTo(connector, limits);
        // end::slow-clients[]
    }
}
