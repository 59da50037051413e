package dev.portcullis.test;

import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.container.SlowClientLimits;
import dev.portcullis.test.internal.JettyLauncher;
import dev.portcullis.test.internal.OptionalDependency;
import dev.portcullis.test.internal.Started;
import dev.portcullis.test.internal.TomcatLauncher;
import jakarta.servlet.http.HttpServlet;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The embedded servlet containers a test gateway runs in. Both are optional dependencies of the kit: add the one your
 * application runs in, with test scope ({@code org.eclipse.jetty.ee10:jetty-ee10-servlet} for {@link #JETTY},
 * {@code org.apache.tomcat.embed:tomcat-embed-core} for {@link #TOMCAT}), or both to test in both. A container
 * started here is set up the way the standalone launcher and the README set up a production one: on
 * {@code 127.0.0.1} and a free port, the filter async supported for {@code REQUEST} and {@code ASYNC} dispatches,
 * container refusals (a bad request line, an oversized head) answered as {@code application/problem+json}, and the
 * connector bounded by {@link SlowClientLimits}.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(Container.class)                      // or @MethodSource("dev.portcullis.test.Container#available")
 * void unknownTenantsGetA403(Container container) throws Exception {
 *     assertThatProblem(GATEWAY.in(container).get("/api/orders", "X-Tenant", "initech")).hasStatus(403);
 * }
 * }</pre>
 */
public enum Container {
    /** Eclipse Jetty 12 with an ee10 servlet context; the default when it is on the classpath. */
    JETTY("Jetty 12", "org.eclipse.jetty.ee10.servlet.ServletContextHandler",
            "org.eclipse.jetty.ee10:jetty-ee10-servlet") {
        @Override
        Started launch(GatewayFilter filter, HttpServlet application, SlowClientLimits limits) throws Exception {
            return JettyLauncher.start(filter, application, limits);
        }
    },
    /** Apache Tomcat 11, embedded. */
    TOMCAT("Tomcat 11", "org.apache.catalina.startup.Tomcat", "org.apache.tomcat.embed:tomcat-embed-core") {
        @Override
        Started launch(GatewayFilter filter, HttpServlet application, SlowClientLimits limits) throws Exception {
            return TomcatLauncher.start(filter, application, limits);
        }
    };

    private final String title;
    private final String probe;
    private final String artifact;

    Container(String title, String probe, String artifact) {
        this.title = title;
        this.probe = probe;
        this.artifact = artifact;
    }

    /** @return whether this container's classes are on the classpath */
    public boolean isAvailable() {
        return OptionalDependency.present(probe);
    }

    /** @return the containers on the classpath, Jetty first: for {@code @MethodSource} */
    public static Stream<Container> available() {
        return Arrays.stream(values()).filter(Container::isAvailable);
    }

    /**
     * @return {@link #JETTY} when it is on the classpath, else {@link #TOMCAT}
     * @throws IllegalStateException naming both artifacts when neither is
     */
    public static Container preferred() {
        return available().findFirst().orElseThrow(() -> new IllegalStateException(
                "no servlet container on the test classpath: add " + JETTY.artifact + " or " + TOMCAT.artifact
                        + " with <scope>test</scope>"));
    }

    /**
     * Starts this container with the gateway in front of an application. Most tests let {@link GatewayExtension}
     * do this and stop it.
     *
     * @param filter the gateway; the container calls its {@code destroy()} when it stops
     * @param application the application behind the gateway, mapped to {@code /*}
     * @param limits the connector's slow-client limits
     * @return the running gateway; close it to stop the container
     * @throws IllegalStateException naming the artifact to add when this container is not on the classpath
     * @throws Exception if the container does not start
     */
    public RunningGateway start(GatewayFilter filter, HttpServlet application, SlowClientLimits limits)
            throws Exception {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(limits, "limits");
        OptionalDependency.require(probe, artifact, "Container." + name() + " (" + title + ") and its tests");
        Started started = launch(filter, application, limits);
        return new RunningGateway(this, started.port(), filter, started.stopper());
    }

    abstract Started launch(GatewayFilter filter, HttpServlet application, SlowClientLimits limits) throws Exception;

    @Override
    public String toString() {
        return title;
    }
}
