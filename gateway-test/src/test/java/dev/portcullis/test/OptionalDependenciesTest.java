package dev.portcullis.test;

import static dev.portcullis.test.ProblemAssert.assertThatProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Pipeline;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.container.SlowClientLimits;
import dev.portcullis.test.jwt.JwksServer;
import dev.portcullis.test.jwt.Jwt;
import dev.portcullis.test.jwt.SigningKey;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The kit's optional dependencies are optional: each check runs in a class loader whose classpath is this module's
 * test classpath without some of them, as a user's would be. Without Jetty the gateway runs on Tomcat; without
 * Nimbus everything but the JWT helpers works, and those name the artifact to add.
 */
class OptionalDependenciesTest {
    private static final String JETTY = File.separator + "org" + File.separator + "eclipse" + File.separator + "jetty";
    private static final String TOMCAT = File.separator + "org" + File.separator + "apache" + File.separator + "tomcat";
    private static final String NIMBUS = File.separator + "com" + File.separator + "nimbusds";

    private static void runWithout(Class<? extends Callable<Void>> check, String... left) throws Exception {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> kept = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (List.of(left).stream().noneMatch(entry::contains)) {
                kept.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader isolated = new URLClassLoader(kept.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> loaded = isolated.loadClass(check.getName());
            assertEquals(isolated, loaded.getClassLoader(), "the check runs in the isolated loader");
            ((Callable<?>) loaded.getConstructor().newInstance()).call();
        }
    }

    @Test
    void withTomcatAloneTheGatewayRunsOnTomcatAndJettyNamesItsArtifact() throws Exception {
        runWithout(TomcatAlone.class, JETTY, NIMBUS);
    }

    @Test
    void withoutAnyContainerTheExtensionNamesBothArtifacts() throws Exception {
        runWithout(NoContainer.class, JETTY, TOMCAT, NIMBUS);
    }

    /** Run in a loader without Jetty and Nimbus. */
    public static final class TomcatAlone implements Callable<Void> {
        @Override
        public Void call() throws Exception {
            assertFalse(Container.JETTY.isAvailable());
            assertEquals(Container.TOMCAT, Container.preferred());
            GatewayExtension gateway = GatewayExtension.of(() -> Pipeline.builder().build());
            try {
                assertThatProblem(gateway.get("/anything")).hasStatus(404).hasRequestId();
                assertEquals(Container.TOMCAT, gateway.running().container());
            } finally {
                gateway.stop();
            }
            IllegalStateException jetty = assertThrows(IllegalStateException.class, () -> Container.JETTY.start(
                    GatewayFilter.builder().pipeline(Pipeline.builder().build()).build(),
                    new jakarta.servlet.http.HttpServlet() {
                        private static final long serialVersionUID = 1L;
                    }, SlowClientLimits.defaults()));
            assertTrue(jetty.getMessage().contains("org.eclipse.jetty.ee10:jetty-ee10-servlet"), jetty.getMessage());

            SigningKey key = SigningKey.rs256("no-nimbus");
            IllegalStateException sign = assertThrows(IllegalStateException.class,
                    () -> Jwt.builder().subject("alice").signWith(key));
            IllegalStateException publish = assertThrows(IllegalStateException.class,
                    () -> JwksServer.publishing(key));
            for (IllegalStateException missing : List.of(sign, publish)) {
                assertTrue(missing.getMessage().startsWith("The JWT helpers of dev.portcullis.test.jwt need "
                        + "com.nimbusds:nimbus-jose-jwt"), missing.getMessage());
            }
            return null;
        }
    }

    /** Run in a loader without Jetty, Tomcat and Nimbus. */
    public static final class NoContainer implements Callable<Void> {
        @Override
        public Void call() {
            IllegalStateException none = assertThrows(IllegalStateException.class,
                    () -> GatewayExtension.of(() -> Pipeline.builder().build()).running());
            assertEquals("no servlet container on the test classpath: add org.eclipse.jetty.ee10:jetty-ee10-servlet"
                    + " or org.apache.tomcat.embed:tomcat-embed-core with <scope>test</scope>", none.getMessage());
            return null;
        }
    }
}
