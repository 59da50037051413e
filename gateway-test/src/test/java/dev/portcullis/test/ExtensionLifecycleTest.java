package dev.portcullis.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Pipeline;
import dev.portcullis.test.internal.BoundedHttp;
import dev.portcullis.test.jwt.JwksServer;
import dev.portcullis.test.jwt.SigningKey;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * When the kit's extensions start and stop, checked by running fixture classes through the JUnit launcher: static
 * fields live for their class and its nested classes, instance fields for one test.
 */
class ExtensionLifecycleTest {
    /** What the fixtures saw, in order. */
    static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    private static void runFixture(Class<?> fixture) {
        SEEN.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(fixture)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertTrue(summary.getFailures().isEmpty(), () -> summary.getFailures().stream()
                .map(failure -> failure.getTestIdentifier().getDisplayName() + ": " + failure.getException())
                .toList().toString());
        assertTrue(summary.getTestsSucceededCount() > 0, "the fixture ran");
    }

    private static void assertStopped(RunningGateway gateway) throws Exception {
        Ports.assertNotListening(gateway.port());
    }

    @Test
    void aStaticGatewayServesEveryTestOfItsClassAndItsNestedClassesThenStops() throws Exception {
        runFixture(ClassScoped.class);

        assertEquals(3, SEEN.size(), SEEN.toString());
        assertSame(SEEN.get(0), SEEN.get(1));
        assertSame(SEEN.get(0), SEEN.get(2));
        assertStopped((RunningGateway) SEEN.get(0));
    }

    @Test
    void anInstanceGatewayAndJwksServerServeOneTestThenStop() throws Exception {
        runFixture(TestScoped.class);

        assertEquals(4, SEEN.size(), SEEN.toString());
        assertNotSame(SEEN.get(0), SEEN.get(2));
        assertStopped((RunningGateway) SEEN.get(0));
        assertStopped((RunningGateway) SEEN.get(2));
        Ports.assertNotListening((Integer) SEEN.get(1));
    }

    @Test
    void aStaticUpstreamForgetsEachTestsRequestsAndStopsAfterItsClass() throws Exception {
        runFixture(UpstreamScoped.class);

        assertEquals(List.of(1, 1), SEEN.subList(1, 3), "each test saw only its own request");
        Ports.assertNotListening((Integer) SEEN.get(0));
    }

    /** Fixture: a class-wide gateway, used by two tests and a nested class. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClassScoped {
        @RegisterExtension
        static final GatewayExtension GATEWAY = GatewayExtension.of(() -> Pipeline.builder().build());

        @Test
        @Order(1)
        void first() {
            SEEN.add(GATEWAY.running());
        }

        @Test
        @Order(2)
        void second() {
            SEEN.add(GATEWAY.running());
        }

        /** Runs after the outer class's tests, before its end. */
        @Nested
        class Inner {
            @Test
            void third() {
                SEEN.add(GATEWAY.running());
            }
        }
    }

    /** Fixture: a gateway and a JWKS server per test. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class TestScoped {
        @RegisterExtension
        final GatewayExtension gateway = GatewayExtension.of(() -> Pipeline.builder().build());
        @RegisterExtension
        final JwksServer jwks = JwksServer.publishing(SigningKey.es256("key"));

        @Test
        @Order(1)
        void first() {
            SEEN.add(gateway.running());
            SEEN.add(jwks.uri().getPort());
        }

        @Test
        @Order(2)
        void second() {
            SEEN.add(gateway.running());
            SEEN.add(jwks.uri().getPort());
        }
    }

    /** Fixture: a class-wide upstream, called once by each test. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class UpstreamScoped {
        @RegisterExtension
        static final RecordingUpstream UPSTREAM = RecordingUpstream.create();

        @Test
        @Order(1)
        void first() throws Exception {
            SEEN.add(UPSTREAM.port());
            call();
        }

        @Test
        @Order(2)
        void second() throws Exception {
            call();
        }

        private static void call() throws Exception {
            BoundedHttp.send(HttpRequest.newBuilder(UPSTREAM.uri("/x")).build());
            SEEN.add(UPSTREAM.requestCount());
        }
    }
}
