package dev.portcullis.servlet.it.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.UpstreamEvent;
import dev.portcullis.api.routing.Route;
import dev.portcullis.core.resilience.CircuitBreaker;
import dev.portcullis.core.resilience.HealthCheck;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.resilience.Retries;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.Gateways;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resilience that depends on how the upstream client fails, run through the real filter in both containers with
 * each client: a module's subclass runs it with the client that module brings ({@code JdkResilienceTest} here,
 * {@code JettyResilienceTest} in gateway-jetty-client). A backend that hangs holds only its route's breaker places
 * while another route answers; an instance that resets is retried elsewhere and ejected; a pooled connection the
 * upstream closed is retried on a new one; health checks (sent through the same client) take instances out and
 * bring them back, and with none healthy the gateway answers 503 at once.
 */
public abstract class ResilienceContract {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final int MAX_IN_FLIGHT = 16;
    private static final int MAX_PENDING = 4;
    private static final int FLOOD = 40;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static RawHttp.Response put(RunningServer server) throws Exception {
        return RawHttp.exchange(server.port(), "PUT /api/x HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\n"
                + "Connection: close\r\n\r\nhello");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aHangingBackendHoldsOnlyItsRoutesFewPlacesAndAnotherRouteAnswersMeanwhile(ServletContainer container)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(FLOOD);
        try (MisbehavingUpstream hanging = MisbehavingUpstream.start("hanging", MisbehavingUpstream.Mode.HANG);
             MisbehavingUpstream healthy = MisbehavingUpstream.start("healthy", MisbehavingUpstream.Mode.OK);
             RunningServer server = container.start(Gateways.builder(
                     Route.builder("slow").path("/slow/**").upstream(hanging.baseUri())
                             .responseTimeout(Duration.ofSeconds(30))
                             .metadata(Resilience.KEY, Resilience.builder().circuitBreaker(CircuitBreaker.builder()
                                     .maxPending(MAX_PENDING).build()).build())
                             .build(),
                     Route.builder("fast").path("/fast/**").upstream(healthy.baseUri()).build())
                     .maxInFlight(MAX_IN_FLIGHT).build(), new AppServlet())) {
            CompletionService<RawHttp.Response> flood = new ExecutorCompletionService<>(clients);
            for (int i = 0; i < FLOOD; i++) {
                flood.submit(() -> Requests.get(server.port(), "/slow/x"));
            }
            Map<Integer, Integer> shed = new TreeMap<>();
            for (int i = 0; i < FLOOD - MAX_PENDING; i++) {
                Future<RawHttp.Response> next = flood.poll(20, TimeUnit.SECONDS);
                assertTrue(next != null, "only " + i + " requests of the flood were answered");
                RawHttp.Response answer = next.get();
                shed.merge(answer.status(), 1, Integer::sum);
                assertTrue(answer.text().contains(ProblemTypes.OVERLOADED), answer.text());
                assertEquals(List.of("1"), answer.header("Retry-After"));
                assertTrue(answer.header("Content-Type").get(0).startsWith("application/problem+json"));
            }
            assertEquals(Map.of(503, FLOOD - MAX_PENDING), shed);

            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                RawHttp.Response answer = Requests.get(server.port(), "/fast/x");
                assertEquals(200, answer.status(), answer.text());
                assertEquals("healthy", answer.text());
            }
            Duration twenty = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(twenty.compareTo(Duration.ofSeconds(10)) < 0, "20 requests to the other route took " + twenty);
            assertEquals(MAX_PENDING, hanging.requests(), "only the breaker's places reached the hanging backend");
            assertEquals(null, flood.poll(), "the requests on the hanging backend still wait");
            hanging.close();
        } finally {
            clients.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void requestsFirstSentToAnInstanceThatResetsAreRetriedOnTheOtherUntilItIsEjected(ServletContainer container)
            throws Exception {
        Recorder recorder = new Recorder();
        try (MisbehavingUpstream a = MisbehavingUpstream.start("a", MisbehavingUpstream.Mode.RESET);
             MisbehavingUpstream b = MisbehavingUpstream.start("b", MisbehavingUpstream.Mode.OK);
             RunningServer server = container.start(Gateways.builder(Requests.route(Resilience.builder()
                     .retries(Retries.builder().build()).build(), a, b)).listener(recorder).build(),
                     new AppServlet())) {
            assertEquals(Collections.nCopies(20, "b"), Requests.bodies(server.port(), "/api/x", 20));
            assertEquals(20, b.requests());
            long triesOnA = recorder.exchangeEvents().stream().filter(event -> event instanceof
                    ExchangeEvent.UpstreamCalled called && called.instance().equals(URI.create(a.baseUri()))).count();
            assertEquals(5, triesOnA, "ejected after the default five failures in a row");
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aPooledConnectionTheUpstreamClosedBeforeAnsweringIsRetriedOnANewOne(ServletContainer container)
            throws Exception {
        try (MisbehavingUpstream stale = MisbehavingUpstream.start("stale", MisbehavingUpstream.Mode.STALE);
             RunningServer plain = container.start(Gateways.routing(Requests.route(Resilience.defaults(), stale)),
                     new AppServlet());
             RunningServer retrying = container.start(Gateways.routing(Requests.route(Resilience.builder()
                     .retries(Retries.builder().build()).build(), stale)), new AppServlet())) {
            assertEquals(200, put(plain).status());
            assertEquals(502, put(plain).status(), "without retries the stale connection is a 502");

            assertEquals(200, put(retrying).status());
            assertEquals(200, put(retrying).status());
            assertEquals(200, put(retrying).status());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void instancesFailingTheirChecksLeaveTheRotationAndWithNoneHealthyTheGatewayAnswers503AtOnce(
            ServletContainer container) throws Exception {
        Recorder recorder = new Recorder();
        try (MisbehavingUpstream a = MisbehavingUpstream.start("a", MisbehavingUpstream.Mode.OK);
             MisbehavingUpstream b = MisbehavingUpstream.start("b", MisbehavingUpstream.Mode.OK)) {
            try (RunningServer server = container.start(Gateways.builder(Route.builder("api").path("/api/**")
                         .upstream(a.baseUri()).upstream(b.baseUri())
                         .metadata(Resilience.KEY, Resilience.builder().healthCheck(HealthCheck.builder("/health")
                                 .interval(Duration.ofMillis(100)).jitter(Duration.ofMillis(20))
                                 .timeout(Duration.ofSeconds(1)).unhealthyThreshold(2).healthyThreshold(2).build())
                                 .build())
                         .build()).listener(recorder).build(), new AppServlet())) {
                checkAndShed(server, recorder, a, b);
            }
            int checks = a.healthChecks() + b.healthChecks();
            Thread.sleep(300);     // three check intervals: an absence can only be watched for
            assertEquals(checks, a.healthChecks() + b.healthChecks(), "destroying the filter stops the checks");
        }
    }

    private static void checkAndShed(RunningServer server, Recorder recorder, MisbehavingUpstream a,
                                     MisbehavingUpstream b) throws Exception {
        assertEquals(Set.of("a", "b"), Set.copyOf(Requests.bodies(server.port(), "/api/x", 2)));

        b.healthStatus(503);
        recorder.await(UpstreamEvent.HealthChanged.class, 1, WAIT);
        assertEquals(List.of("a", "a", "a", "a"), Requests.bodies(server.port(), "/api/x", 4));

        a.healthStatus(503);
        recorder.await(UpstreamEvent.HealthChanged.class, 2, WAIT);
        int calls = a.requests() + b.requests();
        RawHttp.Response shed = Requests.get(server.port(), "/api/x");
        assertEquals(503, shed.status());
        assertTrue(shed.text().contains(ProblemTypes.SERVICE_UNAVAILABLE), shed.text());
        assertEquals(List.of("1"), shed.header("Retry-After"));
        assertEquals(calls, a.requests() + b.requests(), "no instance was called");
        assertTrue(recorder.exchangeEvents().stream().anyMatch(event -> event instanceof ExchangeEvent.UpstreamShed
                shedEvent && shedEvent.reason() == ExchangeEvent.ShedReason.NO_HEALTHY_INSTANCE));

        b.healthStatus(200);
        Recorder.Heard back = recorder.await(UpstreamEvent.HealthChanged.class, 3, WAIT);
        assertEquals(new UpstreamEvent.HealthChanged("api", URI.create(b.baseUri()), true), back.event());
        assertEquals(List.of("b", "b"), Requests.bodies(server.port(), "/api/x", 2));
    }
}
